#include "pipeline/jobs/eval_dream_job.h"

#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <optional>

#include "common/error.h"
#include "common/number_text.h"
#include "common/rng.h"
#include "data/dataset.h"
#include "learning/checkpoint.h"
#include "learning/imagination.h"
#include "learning/imagined_rollout.h"
#include "learning/policy_checkpoint.h"
#include "learning/torch_device.h"
#include "metrics/psnr.h"
#include "metrics/video_writer.h"
#include "pipeline/jobs/eval_policy_job.h"
#include "sim/manipulation_env.h"

namespace w4rl::pipeline {
namespace {

using Image = std::vector<std::uint8_t>;

// Where one start begins: its scene seed and, for a recorded step, the simulator states of its context.
struct Start {
  std::uint64_t seed = 0;
  std::string episode;
  std::int64_t step = 0;
  std::vector<std::vector<double>> contextStates;  // oldest first, the last is the start; empty: reset
  std::vector<float> contextActions;               // L * A: the actions that led into the context frames
};

void checkRequest(const EvalDreamRequest& r) {
  if (r.episodes < 1 || r.episodes > 1000000)
    throw Error("--episodes must be from 1 to 1000000, not " + std::to_string(r.episodes));
  if (r.horizon < 1 || r.horizon > 10000)
    throw Error("--horizon must be from 1 to 10000, not " + std::to_string(r.horizon));
  if (r.batch < 1 || r.batch > 4096)
    throw Error("--batch must be from 1 to 4096, not " + std::to_string(r.batch));
  if (r.videos < 0) throw Error("--videos must not be negative, not " + std::to_string(r.videos));
  if (r.samplerSteps < 0) throw Error("--sampler-steps must not be negative");
  if (r.dreams < 1 || r.dreams > 16)
    throw Error("--dreams must be from 1 to 16, not " + std::to_string(r.dreams));
  const int allDreams = r.dreams + static_cast<int>(r.ensemble.size());
  if (r.ensemble.size() > 8)
    throw Error("--ensemble takes at most 8 other world models, not " + std::to_string(r.ensemble.size()));
  if (r.consensus < 0 || r.consensus > allDreams)
    throw Error("--consensus must be from 1 to the dreams of a start (--dreams plus --ensemble models, " +
                std::to_string(allDreams) + "), or 0 for all, not " + std::to_string(r.consensus));
  if (r.randomActions == !r.policy.empty())
    throw Error(r.randomActions ? "give either --policy or --random, not both"
                                : "give the actions' source: --policy P or --random");
  if (r.reward.empty()) throw Error("--reward (the success classifier that judges the dream) is required");
  if (r.startFrom == DreamStartFrom::Any && r.data.empty())
    throw Error("--start-from any takes recorded steps of --data F.hdf5...");
}

// Recorded starts: a step before the episode's first success, drawn per start from a seeded stream.
// Episodes whose frames are dreams, or that lack a seed or states, cannot be restored and are skipped.
std::vector<Start> recordedStarts(const EvalDreamRequest& request, const std::string& task, int stateDim,
                                  int contextFrames, int actionDim) {
  const data::Dataset dataset = data::Dataset::open(request.data);
  struct Candidate {
    std::size_t index;
    std::int64_t lastStart;  // exclusive
  };
  std::vector<Candidate> candidates;
  for (std::size_t i = 0; i < dataset.episodes().size(); ++i) {
    const auto& ep = dataset.episodes()[i];
    if (ep.task != task || ep.source == data::EpisodeSource::Dream || ep.seed == -1 || ep.numSamples < 2)
      continue;
    if (dataset.stateDim(i) != stateDim) continue;
    const auto rewards = dataset.rewards(i);
    const auto hit = std::find_if(rewards.begin(), rewards.end(), [](float r) { return r > 0.0F; });
    // The state before the first successful action is the last one that has not yet succeeded.
    const std::int64_t end = std::min<std::int64_t>(hit - rewards.begin() + 1, ep.numSamples - 1);
    if (end > 0) candidates.push_back({i, end});
  }
  if (candidates.empty())
    throw Error("--data holds no " + task + " episode with a seed and simulator states (" +
                std::to_string(stateDim) + " values) to start from");
  Rng rng(mixSeed(request.seed, 0x5747A27));
  std::vector<Start> starts;
  for (int k = 0; k < request.episodes; ++k) {
    const auto& c = candidates[rng.below(candidates.size())];
    const auto& ep = dataset.episodes()[c.index];
    const auto t = static_cast<std::int64_t>(rng.below(static_cast<std::uint64_t>(c.lastStart)));
    const auto states = dataset.states(c.index);
    const auto actions = dataset.actions(c.index);
    Start s;
    s.seed = static_cast<std::uint64_t>(ep.seed);
    s.episode = ep.file + " " + ep.demo;
    s.step = t;
    s.contextActions.assign(static_cast<std::size_t>(contextFrames * actionDim), 0.0F);
    for (int i = 0; i < contextFrames; ++i) {
      const std::int64_t frame = std::max<std::int64_t>(0, t - contextFrames + 1 + i);
      s.contextStates.emplace_back(states.begin() + frame * stateDim,
                                   states.begin() + (frame + 1) * stateDim);
      if (frame > 0 && t - contextFrames + 1 + i > 0)
        std::copy_n(actions.begin() + (frame - 1) * actionDim, actionDim,
                    s.contextActions.begin() + i * actionDim);
    }
    starts.push_back(std::move(s));
  }
  return starts;
}

// Puts `env` at the start and returns its context frames (L images, the last the start's own frame).
std::vector<Image> placeAtStart(sim::ManipulationEnv& env, const Start& s, int contextFrames) {
  env.reset(s.seed);
  if (s.contextStates.empty())
    return std::vector<Image>(static_cast<std::size_t>(contextFrames), env.observation().image);
  std::vector<Image> frames;
  for (const auto& state : s.contextStates) {
    env.restoreState(state);
    frames.push_back(env.observation().image);
  }
  return frames;
}

torch::Tensor framesTensor(const std::vector<Image>& frames, int size) {
  auto t = torch::empty({static_cast<std::int64_t>(frames.size()), size, size, 3}, torch::kUInt8);
  auto* dst = t.data_ptr<std::uint8_t>();
  for (const auto& f : frames) dst = std::copy(f.begin(), f.end(), dst);
  return t;
}

// Classifier probabilities of (N, H, W, 3) frames, in chunks of at most 256.
std::vector<float> probabilities(learning::SuccessClassifier& classifier, const torch::Tensor& frames,
                                 const torch::Device& device) {
  std::vector<float> out;
  for (std::int64_t i = 0; i < frames.size(0); i += 256) {
    const auto p = classifier->probability(frames.slice(0, i, std::min(frames.size(0), i + 256)).to(device))
                       .to(torch::kCPU, torch::kFloat)
                       .contiguous();
    out.insert(out.end(), p.data_ptr<float>(), p.data_ptr<float>() + p.numel());
  }
  return out;
}

std::string videoName(const std::string& task, const DreamStartResult& r) {
  return task + "_seed" + std::to_string(r.seed) + (r.step > 0 ? "_t" + std::to_string(r.step) : "") +
         "_dream-" + (r.imaginedSuccess ? "success" : "failure") + "_real-" +
         (r.realSuccess ? "success" : "failure") + ".mp4";
}

std::string writeVideo(const std::filesystem::path& dir, const std::string& task, const DreamStartResult& r,
                       const Image& first, const std::vector<Image>& real, const torch::Tensor& dream,
                       const std::vector<float>& pDream, const std::vector<float>& pReal, int size) {
  const auto file = dir / videoName(task, r);
  // The panels read real | imagined | |difference|: the real replay and the dream of the same actions.
  metrics::SideBySideVideoWriter video(file, size, size);
  video.addFrame({first.data(), size, size}, {first.data(), size, size}, "t=0 start");
  for (std::size_t t = 0; t < real.size(); ++t) {
    const auto frame = dream[static_cast<std::int64_t>(t)];
    video.addFrame(
        {real[t].data(), size, size}, {frame.data_ptr<std::uint8_t>(), size, size},
        formatC("t=%zu PSNR %.1f dB  p real %.2f dream %.2f", t + 1, r.psnr[t], pReal[t], pDream[t]));
  }
  video.close();
  return file.string();
}

struct Models {
  learning::WorldModel worldModel{nullptr};
  std::vector<learning::WorldModel> ensemble;  // the request's other world models, checked against the first
  learning::GaussianPolicy policy{nullptr};
  learning::SuccessClassifier classifier{nullptr};
  std::int64_t taskIndex = 0;
  std::string task;
};

// The world model's dream of the actions (B, H, A) from a context, open loop: (B, H, size, size, 3), or
// an undefined tensor when cancelled.
torch::Tensor dreamOpenLoop(learning::WorldModelEnv& env, const torch::Tensor& context,
                            const torch::Tensor& contextActions, std::int64_t taskIndex,
                            const torch::Tensor& actions, const CancelToken& cancel) {
  const auto B = actions.size(0), H = actions.size(1);
  env.reset(context, contextActions, torch::full({B}, taskIndex, torch::kLong));
  std::vector<torch::Tensor> frames;
  for (std::int64_t t = 0; t < H; ++t) {
    if (cancel.cancelled()) return {};
    frames.push_back(env.step(actions.select(1, t)));
  }
  return torch::stack(frames, 1).contiguous();
}

// Per start of a batch, how many of `dreams` dreams of its actions (B, H, A) show success: the
// closed-loop dream, whose probabilities (B * H) are given, and dreams - 1 more of the same actions from
// the same context with noise of their own, then one dream of them by each ensemble model. Stops early,
// with partial counts, when cancelled.
std::vector<int> dreamSuccessCounts(learning::WorldModelEnv& dream,
                                    std::vector<learning::WorldModelEnv>& ensembleDreams,
                                    const torch::Tensor& context, const torch::Tensor& contextActions,
                                    Models& m, const torch::Tensor& actions,
                                    const std::vector<float>& closedLoop, double threshold, int dreams,
                                    std::uint64_t batchKey, const torch::Device& device,
                                    const CancelToken& cancel) {
  const auto B = actions.size(0), H = actions.size(1);
  std::vector<int> counts(static_cast<std::size_t>(B), 0);
  auto count = [&](const std::vector<float>& p) {
    for (std::int64_t i = 0; i < B; ++i)
      counts[static_cast<std::size_t>(i)] +=
          std::any_of(p.begin() + i * H, p.begin() + (i + 1) * H, [&](float v) { return v > threshold; });
  };
  // One more dream of the same actions from the same context, with the noise of `seed`.
  auto dreamAgain = [&](learning::WorldModelEnv& env, std::uint64_t seed) {
    env.reseed(seed);
    const auto all = dreamOpenLoop(env, context, contextActions, m.taskIndex, actions, cancel);
    if (!all.defined()) return;
    count(probabilities(m.classifier, all.view({B * H, all.size(2), all.size(3), 3}), device));
  };
  count(closedLoop);
  for (int k = 1; k < dreams && !cancel.cancelled(); ++k)
    dreamAgain(dream, mixSeed(batchKey, static_cast<std::uint64_t>(k)));
  for (std::size_t k = 0; k < ensembleDreams.size() && !cancel.cancelled(); ++k)
    dreamAgain(ensembleDreams[k], mixSeed(batchKey, static_cast<std::uint64_t>(1000 + k)));
  return counts;
}

Models loadModels(const EvalDreamRequest& request, const torch::Device& device) {
  Models m;
  m.worldModel = learning::loadWorldModel(request.worldModel, device).model;
  const auto& wm = m.worldModel->config();
  m.task = request.task;
  if (!request.randomActions) {
    m.policy = learning::loadPolicy(request.policy, device).policy;
    m.policy->eval();
    if (m.task.empty()) m.task = m.policy->config().task;
    if (m.policy->config().imageSize != wm.imageSize)
      throw Error(request.policy.string() + " sees " + std::to_string(m.policy->config().imageSize) +
                  " px frames, the world model " + request.worldModel.string() + " dreams " +
                  std::to_string(wm.imageSize) + " px");
    if (m.policy->config().actionDim != wm.actionDim)
      throw Error(request.policy.string() + " acts in " + std::to_string(m.policy->config().actionDim) +
                  " dimensions, the world model in " + std::to_string(wm.actionDim));
  }
  if (m.task.empty())
    throw Error("name the task (--task): " +
                std::string(request.randomActions ? "random actions have none" : "the policy names none"));
  m.classifier = learning::loadReward(request.reward, device).classifier;
  m.classifier->eval();
  const auto& rc = m.classifier->config();
  if (!rc.task.empty() && rc.task != m.task)
    throw Error(request.reward.string() + " is the success classifier of '" + rc.task + "', not of '" +
                m.task + "'");
  if (rc.imageSize != wm.imageSize)
    throw Error(request.reward.string() + " judges " + std::to_string(rc.imageSize) +
                " px frames, the world model " + request.worldModel.string() + " dreams " +
                std::to_string(wm.imageSize) + " px");
  const auto found = std::find(wm.tasks.begin(), wm.tasks.end(), m.task);
  if (!wm.tasks.empty() && found == wm.tasks.end())
    throw Error(request.worldModel.string() + " was not trained on task '" + m.task + "'");
  m.taskIndex = found == wm.tasks.end() ? 0 : found - wm.tasks.begin();
  for (const auto& file : request.ensemble) {
    auto other = learning::loadWorldModel(file, device).model;
    const auto& oc = other->config();
    if (oc.imageSize != wm.imageSize || oc.actionDim != wm.actionDim || oc.contextFrames != wm.contextFrames)
      throw Error(file.string() + " dreams " + std::to_string(oc.imageSize) + " px frames from " +
                  std::to_string(oc.contextFrames) + " frames and " + std::to_string(oc.actionDim) +
                  "-D actions; " + request.worldModel.string() + " " + std::to_string(wm.imageSize) +
                  " px from " + std::to_string(wm.contextFrames) + " and " + std::to_string(wm.actionDim) +
                  "-D: an ensemble needs the same");
    if (oc.tasks != wm.tasks)
      throw Error(file.string() + " was trained on other tasks than " + request.worldModel.string() +
                  " (an ensemble shares the task list, so the task index means the same)");
    other->eval();
    m.ensemble.push_back(std::move(other));
  }
  return m;
}

// The next actions (B, A) in [-1, 1]: the policy's for its frame stacks (B, stack, size, size, 3), its
// mean or a sample, or uniform random ones.
torch::Tensor nextActions(Models& m, const torch::Tensor& frameStack, const EvalDreamRequest& request,
                          std::int64_t B, int A, at::Generator& noise, const torch::Device& device) {
  torch::Tensor a;
  if (m.policy) {
    const auto out = m.policy->forward(frameStack.to(device));
    a = out.mean.to(torch::kCPU, torch::kFloat);
    if (!request.deterministic)
      a = a + out.logStd.to(torch::kCPU, torch::kFloat).exp() * torch::randn(a.sizes(), noise);
  } else {
    a = torch::rand({B, A}, noise) * 2 - 1;
  }
  return torch::nan_to_num(a, 0.0).clamp(-1.0, 1.0).contiguous();
}

// What the real task made of one start's actions: the frame after each and the first success.
struct RealRun {
  std::vector<Image> frames;
  bool success = false;
  int successStep = -1;
};

void stepReal(sim::ManipulationEnv& env, const float* action, int A, RealRun& run) {
  sim::Action a{};
  std::copy_n(action, A, a.begin());
  const auto step = env.step(sim::clampAction(a));
  run.frames.push_back(env.observation().image);
  if (step.success && !run.success) {
    run.success = true;
    run.successStep = static_cast<int>(run.frames.size());
  }
}

// The actions (H, A) replayed open loop in the real task from the start.
RealRun replayInTask(sim::ManipulationEnv& env, const Start& s, int L, const torch::Tensor& actions) {
  placeAtStart(env, s, L);
  RealRun run;
  const auto A = static_cast<int>(actions.size(1));
  for (std::int64_t t = 0; t < actions.size(0); ++t) stepReal(env, actions[t].data_ptr<float>(), A, run);
  return run;
}

// The policy's own episode in the real task from the start, reacting to the real frames as eval-policy
// does; its actions are appended to `taken` (H * A).
RealRun actInTask(sim::ManipulationEnv& env, const Start& s, const EvalDreamRequest& request, Models& m,
                  int L, int H, at::Generator& noise, const torch::Device& device,
                  std::vector<float>& taken) {
  const int size = m.worldModel->config().imageSize, A = m.worldModel->config().actionDim;
  const auto context = framesTensor(placeAtStart(env, s, L), size).view({1, L, size, size, 3});
  auto frameStack = learning::stackFromContext(context, m.policy ? m.policy->config().frameStack : 1);
  RealRun run;
  for (int t = 0; t < H; ++t) {
    const auto a = nextActions(m, frameStack, request, 1, A, noise, device);
    taken.insert(taken.end(), a.data_ptr<float>(), a.data_ptr<float>() + A);
    stepReal(env, a.data_ptr<float>(), A, run);
    const auto frame = framesTensor({run.frames.back()}, size).unsqueeze(1);
    frameStack = torch::cat({frameStack.slice(1, 1), frame}, 1);
  }
  return run;
}

}  // namespace

EvalDreamReport evalDream(const EvalDreamRequest& request, const ProgressCallback& progress,
                          const CancelToken& cancel) {
  checkRequest(request);
  const torch::Device device = learning::resolveDevice(request.device);
  learning::useAllCpuCores();
  torch::NoGradGuard noGrad;
  Models m = loadModels(request, device);
  const auto& wm = m.worldModel->config();
  const int size = wm.imageSize, L = wm.contextFrames, A = wm.actionDim, H = request.horizon;

  EvalDreamReport report;
  report.task = m.task;
  report.device = learning::describeDevice(device);
  report.threshold = m.classifier->config().threshold;
  report.horizon = H;
  report.dreams = request.dreams + static_cast<int>(request.ensemble.size());
  report.consensus = request.consensus > 0 ? request.consensus : report.dreams;
  report.imageSize = size;
  report.actOn = request.actOn;
  report.actions = request.randomActions   ? "uniform random"
                   : request.deterministic ? "policy mean"
                                           : "policy sample";

  // The replay runs every step of the horizon: success is judged at any of them, as in the dream.
  sim::EnvConfig envConfig;
  envConfig.task = m.task;
  envConfig.imageWidth = envConfig.imageHeight = size;
  envConfig.episodeLength = H;
  envConfig.terminateOnSuccess = false;
  sim::ManipulationEnv env(envConfig);
  if (A != static_cast<int>(sim::Action{}.size()))
    throw Error(request.worldModel.string() + " acts in " + std::to_string(A) + " dimensions, the task in " +
                std::to_string(sim::Action{}.size()));

  std::vector<Start> starts;
  if (request.startFrom == DreamStartFrom::Any) {
    starts = recordedStarts(request, m.task, env.stateDim(), L, A);
  } else {
    for (int k = 0; k < request.episodes; ++k) {
      Start s;
      s.seed = policyEvaluationSeed(request.seed, k);
      s.contextActions.assign(static_cast<std::size_t>(L * A), 0.0F);
      starts.push_back(std::move(s));
    }
  }

  learning::WorldModelEnv dream(m.worldModel, device, request.seed);
  if (request.samplerSteps > 0) dream.setSamplerSteps(request.samplerSteps);
  std::vector<learning::WorldModelEnv> ensembleDreams;
  for (const auto& other : m.ensemble) {
    ensembleDreams.emplace_back(other, device, request.seed);
    if (request.samplerSteps > 0) ensembleDreams.back().setSamplerSteps(request.samplerSteps);
  }
  const int stack = m.policy ? m.policy->config().frameStack : 1;
  if (!request.videoDir.empty() && request.videos > 0) std::filesystem::create_directories(request.videoDir);
  const auto clock = std::chrono::steady_clock::now();
  const auto total = static_cast<std::int64_t>(starts.size());

  for (std::int64_t b0 = 0; b0 < total && !report.cancelled; b0 += request.batch) {
    const std::int64_t B = std::min<std::int64_t>(request.batch, total - b0);
    const auto batchKey = mixSeed(request.seed, static_cast<std::uint64_t>(b0));
    dream.reseed(batchKey);
    auto noise = at::detail::createCPUGenerator(batchKey ^ 0x9E3779B97F4A7C15ULL);

    std::vector<std::vector<Image>> firstFrames;
    std::vector<Image> contextImages;
    std::vector<float> contextActions;
    for (std::int64_t i = 0; i < B; ++i) {
      const Start& s = starts[static_cast<std::size_t>(b0 + i)];
      auto frames = placeAtStart(env, s, L);
      contextImages.insert(contextImages.end(), frames.begin(), frames.end());
      contextActions.insert(contextActions.end(), s.contextActions.begin(), s.contextActions.end());
      firstFrames.push_back(std::move(frames));
    }
    const auto context = framesTensor(contextImages, size).view({B, L, size, size, 3});
    const auto actionsIn = torch::from_blob(contextActions.data(), {B, L, A}, torch::kFloat).clone();
    dream.reset(context, actionsIn, torch::full({B}, m.taskIndex, torch::kLong));

    // One side acts closed loop (the policy sees its frames), the other plays the same actions open loop.
    torch::Tensor dreamFrames, actions;  // (B, H, size, size, 3), (B, H, A)
    std::vector<RealRun> acted;          // with actOn Real: each start's own real episode
    if (request.actOn == DreamActOn::Dream) {
      auto frameStack = learning::stackFromContext(context, stack);
      std::vector<torch::Tensor> actionsTaken, dreamt;
      for (int t = 0; t < H && !cancel.cancelled(); ++t) {
        const auto a = nextActions(m, frameStack, request, B, A, noise, device);
        const auto next = dream.step(a);
        actionsTaken.push_back(a);
        dreamt.push_back(next);
        frameStack = torch::cat({frameStack.slice(1, 1), next.unsqueeze(1)}, 1);
      }
      if (!cancel.cancelled()) {
        dreamFrames = torch::stack(dreamt, 1).contiguous();
        actions = torch::stack(actionsTaken, 1).contiguous();
      }
    } else {
      std::vector<float> taken;
      for (std::int64_t i = 0; i < B && !cancel.cancelled(); ++i)
        acted.push_back(
            actInTask(env, starts[static_cast<std::size_t>(b0 + i)], request, m, L, H, noise, device, taken));
      if (!cancel.cancelled()) {
        actions = torch::from_blob(taken.data(), {B, H, A}, torch::kFloat).clone();
        dreamFrames = dreamOpenLoop(dream, context, actionsIn, m.taskIndex, actions, cancel);
      }
    }
    if (cancel.cancelled()) {
      report.cancelled = true;
      break;
    }
    const auto pDreamAll = probabilities(m.classifier, dreamFrames.view({B * H, size, size, 3}), device);
    const auto successes =
        dreamSuccessCounts(dream, ensembleDreams, context, actionsIn, m, actions, pDreamAll, report.threshold,
                           request.dreams, batchKey, device, cancel);
    if (cancel.cancelled()) {
      report.cancelled = true;
      break;
    }

    // The real side of each start: the same actions replayed open loop from the same state, or the
    // policy's own episode.
    for (std::int64_t i = 0; i < B; ++i) {
      if (cancel.cancelled()) {
        report.cancelled = true;
        break;
      }
      const Start& s = starts[static_cast<std::size_t>(b0 + i)];
      DreamStartResult r;
      r.seed = s.seed;
      r.episode = s.episode;
      r.step = s.step;
      const RealRun run = request.actOn == DreamActOn::Dream ? replayInTask(env, s, L, actions[i])
                                                             : std::move(acted[static_cast<std::size_t>(i)]);
      const auto& real = run.frames;
      r.realSuccess = run.success;
      r.realSuccessStep = run.successStep;
      const auto pReal = probabilities(m.classifier, framesTensor(real, size), device);
      const std::vector<float> pDream(pDreamAll.begin() + i * H, pDreamAll.begin() + (i + 1) * H);
      const auto dreamOfStart = dreamFrames[i];
      for (int t = 0; t < H; ++t) {
        const auto frame = dreamOfStart[t];
        r.psnr.push_back(metrics::psnrCapped({real[static_cast<std::size_t>(t)].data(), size, size},
                                             {frame.data_ptr<std::uint8_t>(), size, size}));
        r.dreamProbability.push_back(pDream[t]);
        r.realProbability.push_back(pReal[t]);
        r.maxDreamProbability = std::max(r.maxDreamProbability, static_cast<double>(pDream[t]));
        r.maxRealProbability = std::max(r.maxRealProbability, static_cast<double>(pReal[t]));
        if (pDream[t] > report.threshold && r.imaginedSuccessStep < 0) r.imaginedSuccessStep = t + 1;
        if (pReal[t] > report.threshold) r.classifierOnReal = true;
      }
      r.dreamSuccesses = successes[static_cast<std::size_t>(i)];
      r.imaginedSuccess = r.dreamSuccesses >= report.consensus;
      if (request.keepFrames) {
        const auto kept = dreamOfStart.contiguous();
        r.dreamFrames.assign(kept.data_ptr<std::uint8_t>(), kept.data_ptr<std::uint8_t>() + kept.numel());
        for (const auto& image : real) r.realFrames.insert(r.realFrames.end(), image.begin(), image.end());
      }
      if (!request.videoDir.empty() && static_cast<int>(report.perStart.size()) < request.videos)
        report.videos.push_back(writeVideo(request.videoDir, m.task, r, firstFrames[i].back(), real,
                                           dreamOfStart, pDream, pReal, size));
      report.perStart.push_back(std::move(r));
    }
    if (progress)
      progress({static_cast<std::int64_t>(report.perStart.size()), total,
                "agreement " + std::to_string(tallyDreamOutcomes(report.perStart).agreement.count) + "/" +
                    std::to_string(report.perStart.size())});
  }

  report.table = tallyDreamOutcomes(report.perStart);
  report.meanPsnrPerStep.assign(static_cast<std::size_t>(H), 0.0);
  for (const auto& r : report.perStart)
    for (int t = 0; t < H; ++t)
      report.meanPsnrPerStep[t] += r.psnr[t] / static_cast<double>(report.perStart.size());
  double sum = 0;
  for (double p : report.meanPsnrPerStep) sum += p;
  report.meanPsnr = report.perStart.empty() ? 0.0 : sum / H;
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - clock).count();
  return report;
}

}  // namespace w4rl::pipeline

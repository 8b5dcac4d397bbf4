#include "learning/ppo_refiner.h"

#include <torch/torch.h>

#include <chrono>
#include <cstdio>

#include "common/error.h"
#include "common/number_text.h"
#include "learning/dream_check.h"
#include "learning/imagination.h"
#include "learning/imagined_rollout.h"
#include "learning/metrics_log.h"
#include "learning/policy_checkpoint.h"
#include "learning/ppo_math.h"
#include "learning/real_selection.h"
#include "learning/torch_device.h"

namespace w4rl::learning {
namespace {

using Clock = std::chrono::steady_clock;
using Metrics = std::vector<std::pair<std::string, double>>;

struct UpdateStats {
  double policyLoss = 0, valueLoss = 0, entropy = 0, approxKl = 0, clipFraction = 0, bcKl = 0;
  int minibatches = 0;
  bool stoppedEarly = false;
};

struct Learner {
  GaussianPolicy policy;
  ValueNetwork critic;
  torch::optim::Adam policyOptimizer;
  torch::optim::Adam criticOptimizer;
  GaussianPolicy reference{nullptr};  // the frozen starting policy (bc_kl_coef, losses/bc_kl)
};

// The policy a run started from, kept in the run directory so a resumed run still has it as the reference
// of bc_kl_coef. Written at the start of a new run; runs begun before it was kept have none.
GaussianPolicy startingPolicy(const std::filesystem::path& file, const GaussianPolicy& policy, bool resume,
                              const RefineSettings& s, const torch::Device& device) {
  if (!resume) {
    PolicyCheckpoint c;
    c.policy = policy;
    savePolicy(file, c);
  }
  if (!std::filesystem::exists(file))
    throw Error("cannot resume: " + file.string() +
                ", the policy every refinement keeps from its start, is missing; start a new run");
  auto reference = loadPolicy(file, device).policy;
  reference->setLogStdRange(s.logStdMin, s.logStdMax);
  reference->eval();
  for (auto& p : reference->parameters()) p.set_requires_grad(false);
  return reference;
}

UpdateStats update(Learner& l, const RolloutBuffer& buf, const Advantages& adv, const RefineSettings& s,
                   bool actorMoves, const torch::Device& device, at::Generator& gen) {
  const auto alive = torch::nonzero(buf.alive.flatten() > 0.5).flatten();
  const auto n = alive.numel();
  UpdateStats stats;
  if (n == 0) return stats;
  auto flat = [&](const torch::Tensor& x) { return x.flatten(0, 1).index_select(0, alive); };
  const auto obs = flat(buf.obs), actions = flat(buf.actions), oldLogProb = flat(buf.logProbs),
             oldValues = flat(buf.values), advantages = flat(adv.advantages), returns = flat(adv.returns);
  const std::int64_t mb = std::max<std::int64_t>(1, n / s.minibatches);
  PpoLossOptions options;
  options.clip = s.clip;
  options.clipValue = s.clipValue;
  for (int epoch = 0; epoch < s.updateEpochs && !stats.stoppedEarly; ++epoch) {
    const auto perm = torch::randperm(n, gen, torch::kLong);
    for (std::int64_t i = 0; i + mb <= n || (i == 0 && n > 0); i += mb) {
      const auto idx = perm.slice(0, i, std::min(n, i + mb));
      const auto o = obs.index_select(0, idx).to(device);
      const auto out = l.policy->forward(o);
      const auto a = actions.index_select(0, idx).to(device);
      const auto terms =
          ppoLoss(gaussianLogProb(a, out.mean, out.logStd), oldLogProb.index_select(0, idx).to(device),
                  advantages.index_select(0, idx).to(device), l.critic->forward(o),
                  oldValues.index_select(0, idx).to(device), returns.index_select(0, idx).to(device),
                  gaussianEntropy(out.logStd), options);
      PolicyOutput ref;
      {
        torch::NoGradGuard noGrad;
        ref = l.reference->forward(o);
      }
      const auto bcKl = gaussianKl(out.mean, out.logStd, ref.mean, ref.logStd).mean();
      l.criticOptimizer.zero_grad();
      l.policyOptimizer.zero_grad();
      auto loss = terms.valueLoss;
      if (actorMoves) loss = loss + terms.policyLoss - s.entropyCoef * terms.entropy;
      if (actorMoves && s.bcKlCoef > 0) loss = loss + s.bcKlCoef * bcKl;
      loss.backward();
      torch::nn::utils::clip_grad_norm_(l.critic->parameters(), s.maxGradNorm);
      l.criticOptimizer.step();
      if (actorMoves) {
        torch::nn::utils::clip_grad_norm_(l.policy->parameters(), s.maxGradNorm);
        l.policyOptimizer.step();
      }
      stats.policyLoss += terms.policyLoss.item<double>();
      stats.valueLoss += terms.valueLoss.item<double>();
      stats.entropy += terms.entropy.item<double>();
      stats.approxKl += terms.approxKl.item<double>();
      stats.clipFraction += terms.clipFraction.item<double>();
      stats.bcKl += bcKl.item<double>();
      ++stats.minibatches;
      if (actorMoves && s.targetKl > 0 && terms.approxKl.item<double>() > s.targetKl) {
        stats.stoppedEarly = true;
        break;
      }
    }
  }
  const double k = std::max(1, stats.minibatches);
  stats.policyLoss /= k;
  stats.valueLoss /= k;
  stats.entropy /= k;
  stats.approxKl /= k;
  stats.clipFraction /= k;
  stats.bcKl /= k;
  return stats;
}

double explainedVariance(const RolloutBuffer& buf, const Advantages& adv) {
  const auto alive = torch::nonzero(buf.alive.flatten() > 0.5).flatten();
  if (alive.numel() < 2) return 0.0;
  const auto v = buf.values.flatten().index_select(0, alive),
             r = adv.returns.flatten().index_select(0, alive);
  const double var = r.var().item<double>();
  return var > 0 ? 1.0 - (r - v).var().item<double>() / var : 0.0;
}

// The starting policy against random actions in the dream (dream_check.h), on an environment of its own
// so the refinement's rollouts are the same with or without it.
DreamCheck runDreamCheck(GaussianPolicy& policy, SuccessClassifier& reward, const WorldModelEnv& env,
                         ContextSource& contexts, const RefineSettings& s,
                         const std::function<void(const RefineProgress&)>& progress, RefineProgress& p,
                         const CancelToken& cancel) {
  if (progress) {
    p.message = "checking the dream: the policy against random actions";
    progress(p);
  }
  WorldModelEnv checkEnv(env.model(), env.device(), s.seed);
  if (s.samplerSteps > 0) checkEnv.setSamplerSteps(s.samplerSteps);
  checkEnv.setPrecision(parsePrecision(s.imaginePrecision));
  DreamCheckOptions options;
  options.starts = s.dreamCheckStarts;
  options.batch = std::min(s.numEnvs, s.dreamCheckStarts);
  options.horizon = s.horizon;
  options.seed = s.seed + 1;
  options.dreamSamples = s.dreamSamples;
  options.rewardConsensus = s.rewardConsensus;
  return checkDream(policy, reward, checkEnv, contexts, options, &cancel);
}

Metrics dreamCheckMetrics(const DreamCheck& c) {
  return {{"iteration", 0.0},
          {"dream_check/starts", static_cast<double>(c.starts)},
          {"dream_check/policy_success_rate", c.policyRate()},
          {"dream_check/random_success_rate", c.randomRate()},
          {"dream_check/policy_gained", static_cast<double>(c.policyOverRandom.gained)},
          {"dream_check/policy_lost", static_cast<double>(c.policyOverRandom.lost)},
          {"dream_check/mcnemar_p", c.pValue()},
          {"perf/dream_check_s", c.seconds}};
}

// Why require_dream_signal stops the run; empty where the check favours the policy or did not run.
std::string noDreamSignalReason(const DreamCheck& c) {
  if (c.starts <= 0 || c.policyFavoured()) return "";
  const std::string text = formatC("policy %.1f%%, random actions %.1f%% of %d starts, +%d / -%d, p %.2g",
                                   100.0 * c.policyRate(), 100.0 * c.randomRate(), c.starts,
                                   c.policyOverRandom.gained, c.policyOverRandom.lost, c.pValue());
  return std::string(
             "the dream does not reward the starting policy significantly more often than random "
             "actions (") +
         text + "): refinement there would learn from noise (require_dream_signal)";
}

double findMetric(const Metrics& m, const std::string& name) {
  for (const auto& [k, v] : m)
    if (k == name) return v;
  return -1.0;
}

}  // namespace

PpoRefiner::PpoRefiner(RefineSettings settings, std::filesystem::path runDir)
    : settings_(std::move(settings)), runDir_(std::move(runDir)) {}

RefineResult PpoRefiner::run(const std::filesystem::path& policyFile, WorldModel worldModel,
                             SuccessClassifier reward, ContextSource& contexts, bool resume,
                             const RealEvaluation& evaluate,
                             const std::function<void(const RefineProgress&)>& progress,
                             const CancelToken& cancel) {
  const RefineSettings& s = settings_;
  s.validate();
  std::filesystem::create_directories(runDir_);
  const auto lastPath = runDir_ / "last.pt", finalPath = runDir_ / "policy.pt";
  if (!resume && std::filesystem::exists(lastPath))
    throw Error(runDir_.string() +
                " already holds a refinement run (last.pt); pass --resume or choose another "
                "directory");
  if (resume && !std::filesystem::exists(lastPath))
    throw Error("cannot resume: " + lastPath.string() + " does not exist");

  const torch::Device device = resolveDevice(s.device);
  useAllCpuCores();
  torch::manual_seed(s.seed);
  auto loaded = loadPolicy(resume ? lastPath : policyFile, device);
  const int done = resume ? static_cast<int>(loaded.info.step) : 0;
  auto policy = loaded.policy;
  policy->setLogStdRange(s.logStdMin, s.logStdMax);
  auto critic = loaded.critic ? loaded.critic : ValueNetwork(policy->config());
  critic->to(device);
  // With freeze_encoder the image encoder keeps its behaviour-cloned weights (no gradient, no optimiser).
  std::vector<torch::Tensor> trained;
  for (auto& p : policy->named_parameters()) {
    const bool encoder = p.key().rfind("encoder.", 0) == 0;
    if (s.freezeEncoder && encoder)
      p.value().set_requires_grad(false);
    else
      trained.push_back(p.value());
  }
  Learner l{policy, critic, torch::optim::Adam(trained, torch::optim::AdamOptions(s.policyLr).eps(1e-5)),
            torch::optim::Adam(critic->parameters(), torch::optim::AdamOptions(s.criticLr).eps(1e-5))};
  if (resume) loadPolicyOptimizers(lastPath, device, l.policyOptimizer, l.criticOptimizer);
  l.reference = startingPolicy(runDir_ / "start_policy.pt", policy, resume, s, device);
  if (worldModel->config().imageSize != policy->config().imageSize)
    throw Error("the world model imagines " + std::to_string(worldModel->config().imageSize) +
                "-pixel frames but the policy sees " + std::to_string(policy->config().imageSize));
  if (worldModel->config().actionDim != policy->config().actionDim)
    throw Error("the world model's action dimension differs from the policy's");
  reward->to(device);
  reward->eval();
  WorldModelEnv env(std::move(worldModel), device, s.seed + static_cast<std::uint64_t>(done) * 7919);
  if (s.samplerSteps > 0) env.setSamplerSteps(s.samplerSteps);
  env.setPrecision(parsePrecision(s.imaginePrecision));
  auto gen = at::detail::createCPUGenerator(s.seed * 1000003 + static_cast<std::uint64_t>(done));

  // A fresh run's directory may hold the log of one killed before its first checkpoint: it starts over.
  MetricsLog metrics(runDir_ / "metrics.jsonl",
                     ResumePoint{"iteration", resume ? static_cast<double>(done) : -1.0});
  RefineResult result;
  result.device = describeDevice(device);
  result.iterations = done;
  RefineProgress p;
  p.iterations = s.iterations;
  p.iteration = done;
  auto save = [&](const std::filesystem::path& file, int iteration) {
    PolicyCheckpoint c;
    c.policy = policy;
    c.critic = critic;
    c.policyOptimizer = &l.policyOptimizer;
    c.criticOptimizer = &l.criticOptimizer;
    c.info.step = iteration;
    c.info.trainText = s.toText();
    savePolicy(file, c);
  };
  // The policy alone (no critic or optimisers): what evaluation and the studio load.
  auto savePolicyOnly = [&](const std::filesystem::path& file, int iteration) {
    PolicyCheckpoint c;
    c.policy = policy;
    c.info.step = iteration;
    c.info.trainText = s.toText();
    savePolicy(file, c);
  };
  // best.pt is written before selection.yaml; a run cut off between the two has no record of that
  // evaluation, so its resume evaluates the same policy on the same seeds again (below) and agrees.
  const auto bestPath = runDir_ / "best.pt", selectionPath = runDir_ / "selection.yaml";
  RealSelection selection(s.earlyStopPatience, s.stopOnRealLoss);
  // A run resumed from a version before best.pt has no record of its earlier evaluations: it keeps no
  // best.pt rather than one chosen among its later evaluations only.
  const bool wholeHistory = !resume || done == 0 || std::filesystem::exists(selectionPath);
  if (resume && std::filesystem::exists(selectionPath)) selection.load(selectionPath);
  auto evaluateReal = [&](int iteration) {
    if (!evaluate || s.evalEvery <= 0) return;
    save(lastPath, iteration);
    if (progress) {
      p.message = "evaluating in the simulator";
      progress(p);
    }
    Metrics m = evaluate(lastPath);
    // A cancelled evaluation's episodes are incomplete: it is neither logged nor judged, and the resume
    // evaluates the iteration again.
    if (cancel.cancelled()) return;
    p.realSuccessRate = findMetric(m, "eval/real_success_rate");
    if (result.firstRealSuccessRate < 0 && iteration == 0) result.firstRealSuccessRate = p.realSuccessRate;
    result.lastRealSuccessRate = p.realSuccessRate;
    if (p.realSuccessRate >= 0) {
      RealOutcome o;
      o.iteration = iteration;
      o.successRate = p.realSuccessRate;
      o.seedsGained = static_cast<int>(findMetric(m, "eval/seeds_gained"));
      o.seedsLost = static_cast<int>(findMetric(m, "eval/seeds_lost"));
      o.mcnemarP = findMetric(m, "eval/mcnemar_p");
      if (selection.record(o) && wholeHistory) savePolicyOnly(bestPath, iteration);
      selection.save(selectionPath);
      m.emplace_back("eval/best_real_success_rate", selection.bestSuccessRate());
      m.emplace_back("eval/best_iteration", static_cast<double>(selection.bestIteration()));
    }
    m.insert(m.begin(), {"iteration", static_cast<double>(iteration)});
    metrics.write(m);
  };
  // The evaluation due where the run starts: before the first iteration, or on resume one that a cancel
  // or crash cut short (last.pt is written before each evaluation) and selection.yaml does not hold.
  const bool dueAtDone = done == 0 || (s.evalEvery > 0 && (done % s.evalEvery == 0 || done == s.iterations));
  if (dueAtDone &&
      (done == 0 ? selection.lastIteration() < 0 : wholeHistory && selection.lastIteration() < done))
    evaluateReal(done);
  // Run once, before the first iteration; a resumed run reports the check it kept.
  const auto dreamCheckPath = runDir_ / "dream_check.yaml";
  if (done == 0 && s.dreamCheckStarts > 0 && !cancel.cancelled()) {
    result.dreamCheck = runDreamCheck(policy, reward, env, contexts, s, progress, p, cancel);
    if (result.dreamCheck.starts > 0) {
      saveDreamCheck(dreamCheckPath, result.dreamCheck);
      metrics.write(dreamCheckMetrics(result.dreamCheck));
    }
  } else if (done > 0 && std::filesystem::exists(dreamCheckPath)) {
    result.dreamCheck = loadDreamCheck(dreamCheckPath);
  }
  const std::string dreamStop = s.requireDreamSignal ? noDreamSignalReason(result.dreamCheck) : "";

  const auto start = Clock::now();
  std::int64_t globalStep = static_cast<std::int64_t>(done) * s.numEnvs * s.horizon;
  const std::int64_t firstStep = globalStep;  // charts/SPS counts this process's frames, as CleanRL's
  for (int iteration = done + 1; iteration <= s.iterations; ++iteration) {
    const auto iterationStart = Clock::now();
    if (cancel.cancelled()) {
      result.cancelled = true;
      break;
    }
    // Checked before each iteration, so a resumed run that had stopped stays stopped under the same settings.
    result.stopReason = selection.stopReason();
    if (result.stopReason.empty()) result.stopReason = dreamStop;
    if (!result.stopReason.empty()) {
      if (progress) {
        p.message = "stopped early: " + result.stopReason;
        progress(p);
      }
      break;
    }
    // A stopped run resumed with settings that let it go on: its policy.pt is no longer the run's end, but
    // it is kept as the snapshot of that iteration.
    if (iteration == done + 1 && resume && std::filesystem::exists(finalPath))
      std::filesystem::rename(finalPath, runDir_ / ("policy_" + std::to_string(done) + ".pt"));
    p.message = "imagining";
    if (progress) progress(p);
    policy->eval();
    auto starts = contexts.sample(s.numEnvs / s.groupSize, gen);
    if (s.groupSize > 1) starts = repeatEach(starts, s.groupSize);
    RolloutOptions rollout;
    rollout.horizon = s.horizon;
    rollout.terminateOnSuccess = s.terminateOnSuccess;
    rollout.cancel = &cancel;
    rollout.dreamSamples = s.dreamSamples;
    rollout.rewardConsensus = s.rewardConsensus;
    rollout.uncertaintyCoef = s.uncertaintyCoef;
    const auto buf = imagineRollouts(policy, critic, reward, env, starts, rollout, gen);
    policy->train();
    if (cancel.cancelled()) {
      result.cancelled = true;
      break;
    }
    globalStep += buf.frames;
    auto adv = generalisedAdvantages(buf.rewards, buf.values, buf.dones, buf.nextValue, s.gamma, s.gaeLambda);
    if (s.advantage == "rloo")  // the critic keeps learning from adv.returns, the actor from the group
      adv.advantages = leaveOneOutAdvantages(buf.rewards, buf.alive, s.groupSize, s.gamma);
    const bool actorMoves = iteration > s.criticWarmup;
    const auto updateStart = Clock::now();
    const auto stats = update(l, buf, adv, s, actorMoves, device, gen);
    const double updateSeconds = std::chrono::duration<double>(Clock::now() - updateStart).count();
    double sigma = 0.0;
    {
      torch::NoGradGuard noGrad;
      sigma = policy->forward(buf.obs[0].to(device)).logStd.exp().mean().item<double>();
    }
    if (result.firstImaginedSuccessRate < 0) result.firstImaginedSuccessRate = buf.successRate;
    result.lastImaginedSuccessRate = buf.successRate;
    const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    Metrics record{
        {"iteration", static_cast<double>(iteration)},
        {"global_step", static_cast<double>(globalStep)},
        {"charts/imagined_success_rate", buf.successRate},
        {"charts/imagined_episodic_return", buf.meanReturn},
        {"charts/imagined_episodic_length", buf.meanLength},
        {"charts/sigma", sigma},
        {"charts/learning_rate", s.policyLr},
        {"charts/actor_updated", actorMoves ? 1.0 : 0.0},
        {"losses/policy_loss", stats.policyLoss},
        {"losses/value_loss", stats.valueLoss},
        {"losses/entropy", stats.entropy},
        {"losses/approx_kl", stats.approxKl},
        {"losses/clipfrac", stats.clipFraction},
        {"losses/explained_variance", explainedVariance(buf, adv)},
        {"perf/imagined_frames_per_s", static_cast<double>(buf.frames) / std::max(buf.seconds, 1e-9)},
        {"perf/update_s", updateSeconds},
        {"perf/imagine_s", buf.seconds},
        // Wall clock of the iteration so far (contexts, imagination, advantages, update), so time spent
        // outside imagine_s and update_s shows; the checkpoint written after this record is not in it.
        {"perf/iteration_s", std::chrono::duration<double>(Clock::now() - iterationStart).count()},
        {"time_s", elapsed},
        // CleanRL's throughput figure: imagined frames per wall-clock second since this process started,
        // real evaluations and checkpoints included.
        {"charts/SPS", static_cast<double>(globalStep - firstStep) / std::max(elapsed, 1e-9)}};
    // How far the policy has moved from where it started, whether or not bc_kl_coef holds it there.
    record.emplace_back("losses/bc_kl", stats.bcKl);
    // How far the world model's own samples of a step spread, and how often they disagree on success.
    if (s.dreamSamples > 1) {
      record.emplace_back("charts/dream_disagreement", buf.meanDisagreement);
      if (buf.disputedRewardShare >= 0)
        record.emplace_back("charts/imagined_reward_disputed", buf.disputedRewardShare);
    }
    metrics.write(record);
    result.iterations = iteration;
    p.iteration = iteration;
    p.imaginedSuccessRate = buf.successRate;
    p.imaginedReturn = buf.meanReturn;
    p.framesPerSecond = static_cast<double>(buf.frames) / std::max(buf.seconds, 1e-9);
    if (s.evalEvery > 0 && (iteration % s.evalEvery == 0 || iteration == s.iterations))
      evaluateReal(iteration);
    else if (iteration % s.checkpointEvery == 0 || iteration == s.iterations)
      save(lastPath, iteration);
    if (cancel.cancelled()) {  // an evaluation cut short: the resume evaluates this iteration again
      result.cancelled = true;
      break;
    }
    if (s.snapshotEvery > 0 && iteration % s.snapshotEvery == 0)
      savePolicyOnly(runDir_ / ("policy_" + std::to_string(iteration) + ".pt"), iteration);
    p.message = "";
    if (progress) progress(p);
  }
  if (result.cancelled) save(lastPath, result.iterations);
  if (!result.cancelled && (result.iterations == s.iterations || !result.stopReason.empty()))
    savePolicyOnly(finalPath, result.iterations);
  if (wholeHistory) {
    result.bestIteration = selection.bestIteration();
    result.bestRealSuccessRate = selection.bestSuccessRate();
  }
  result.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return result;
}

}  // namespace w4rl::learning

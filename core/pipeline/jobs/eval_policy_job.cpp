#include "pipeline/jobs/eval_policy_job.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <utility>

#include "common/binomial_interval.h"
#include "common/error.h"
#include "common/rng.h"
#include "data/dataset.h"
#include "metrics/video_writer.h"
#include "pipeline/services/imagination_service.h"
#include "pipeline/services/policy_runner.h"
#include "sim/manipulation_env.h"

namespace w4rl::pipeline {
namespace {

struct SeenEpisode {
  std::string file, demo;
};

// Seeds of the episodes in `files` (episodes without a recorded seed cannot collide and are skipped).
std::map<std::uint64_t, SeenEpisode> seedsOf(const std::vector<std::filesystem::path>& files) {
  std::map<std::uint64_t, SeenEpisode> seeds;
  if (files.empty()) return seeds;
  const data::Dataset dataset = data::Dataset::open(files);  // metadata only
  for (const auto& ep : dataset.episodes())
    if (ep.seed != -1) seeds.emplace(static_cast<std::uint64_t>(ep.seed), SeenEpisode{ep.file, ep.demo});
  return seeds;
}

void checkRequest(const EvalPolicyRequest& r) {
  if (r.episodes < 1 || r.episodes > 1000000)
    throw Error("--episodes must be from 1 to 1000000, not " + std::to_string(r.episodes));
  if (r.episodeLength < 1 || r.episodeLength > 100000)
    throw Error("--episode-length must be from 1 to 100000, not " + std::to_string(r.episodeLength));
  if (r.videos < 0) throw Error("--videos must not be negative, not " + std::to_string(r.videos));
}

// The recorded camera frames of one episode, written once its outcome (part of the name) is known.
std::string writeVideo(const std::filesystem::path& dir, const std::string& task,
                       const PolicyEpisodeResult& ep, const std::vector<std::vector<std::uint8_t>>& frames,
                       int size) {
  const auto file =
      dir / (task + "_seed" + std::to_string(ep.seed) + (ep.success ? "_success" : "_failure") + ".mp4");
  metrics::VideoOptions options;
  options.singlePanel = true;
  options.panelCaption = task;
  metrics::SideBySideVideoWriter video(file, size, size, options);
  for (std::size_t t = 0; t < frames.size(); ++t) {
    const bool last = t + 1 == frames.size();
    video.addFrame({frames[t].data(), size, size},
                   "t=" + std::to_string(t) + (last ? (ep.success ? "  success" : "  failure") : ""));
  }
  video.close();
  return file.string();
}

}  // namespace

std::uint64_t policyEvaluationSeed(std::uint64_t seed, int episode) {
  return mixSeed(mixSeed(kPolicyEvaluationSeedDomain, seed), static_cast<std::uint64_t>(episode));
}

EvalPolicyReport evalPolicy(const EvalPolicyRequest& request, const ProgressCallback& progress,
                            const CancelToken& cancel) {
  checkRequest(request);
  PolicyRunner runner(request.checkpoint, request.device,
                      request.deterministic ? ActionMode::Mean : ActionMode::Sample);
  EvalPolicyReport report;
  report.policyTask = runner.task();
  report.task = request.task.empty() ? runner.task() : request.task;
  if (report.task.empty())
    throw Error(request.checkpoint.string() +
                " does not name the task it was trained for; give one (--task)");
  report.deterministic = request.deterministic;
  report.device = runner.deviceDescription();

  // Every evaluation seed is checked before the first episode: a collision is a setup error, not a result.
  const auto seen = seedsOf(request.excludeData);
  for (int k = 0; k < request.episodes && !seen.empty(); ++k) {
    const std::uint64_t seed = policyEvaluationSeed(request.seed, k);
    const auto it = seen.find(seed);
    if (it != seen.end())
      throw Error("evaluation episode " + std::to_string(k) + " would use seed " + std::to_string(seed) +
                  ", the seed of " + it->second.file + " " + it->second.demo +
                  " (excluded data): evaluate with another --seed");
  }

  // The environment renders at the policy's image size, so frames reach the policy unresampled.
  sim::EnvConfig envConfig;
  envConfig.task = report.task;
  envConfig.imageWidth = envConfig.imageHeight = runner.imageSize();
  envConfig.episodeLength = request.episodeLength;
  envConfig.terminateOnSuccess = true;
  sim::ManipulationEnv env(envConfig);
  const int size = runner.imageSize();

  std::unique_ptr<SuccessScorer> scorer;
  if (!request.reward.empty()) {
    scorer = std::make_unique<SuccessScorer>(request.reward, request.device);
    report.rewardScored = true;
    report.reward.file = request.reward.string();
    report.reward.threshold = scorer->threshold();
    if (!scorer->task().empty() && scorer->task() != report.task)
      throw Error(request.reward.string() + " is the success classifier of '" + scorer->task() +
                  "', not of the evaluated task '" + report.task + "'");
    try {
      scorer->probabilities({}, runner.imageSize(), runner.imageSize());  // frame sizes, before any episode
    } catch (const Error& e) {
      throw Error(request.reward.string() + ": " + e.what());
    }
  }

  if (!request.videoDir.empty() && request.videos > 0) std::filesystem::create_directories(request.videoDir);
  const auto start = std::chrono::steady_clock::now();
  for (int k = 0; k < request.episodes; ++k) {
    if (cancel.cancelled()) {
      report.cancelled = true;
      break;
    }
    PolicyEpisodeResult ep;
    ep.seed = policyEvaluationSeed(request.seed, k);
    const bool record = !request.videoDir.empty() && k < request.videos;
    std::vector<std::vector<std::uint8_t>> frames;
    Frames scored;  // every frame, for the reward classifier
    env.reset(ep.seed);
    runner.reset(ep.seed);
    for (sim::StepResult r; !r.done;) {
      const sim::Observation& obs = env.observation();
      if (record) frames.push_back(obs.image);
      if (scorer) scored.insert(scored.end(), obs.image.begin(), obs.image.end());
      r = env.step(runner.act(obs.image, size, size));
      ++ep.steps;
      ep.success = ep.success || r.success;
    }
    const auto& last = env.observation().image;  // the scene after the last action
    if (scorer) {
      scored.insert(scored.end(), last.begin(), last.end());
      const auto p = scorer->probabilities(scored, size, size);
      ep.rewardMaxProbability = *std::max_element(p.begin(), p.end());
      ep.rewardFired = ep.rewardMaxProbability > report.reward.threshold;
      (ep.success ? report.reward.firedInSuccesses : report.reward.firedInFailures) += ep.rewardFired ? 1 : 0;
    }
    if (record) {
      frames.push_back(last);
      report.videos.push_back(writeVideo(request.videoDir, report.task, ep, frames, size));
    }
    report.perEpisode.push_back(ep);
    ++report.episodes;
    report.successes += ep.success ? 1 : 0;
    if (progress)
      progress({report.episodes, request.episodes,
                "episode " + std::to_string(k + 1) + "/" + std::to_string(request.episodes) + ": " +
                    (ep.success ? "success" : "failure") + " (" + std::to_string(report.successes) +
                    " so far)"});
  }
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  report.successRate = report.episodes > 0 ? static_cast<double>(report.successes) / report.episodes : 0.0;
  const BinomialInterval ci = wilsonInterval(report.successes, report.episodes);
  report.ciLow = ci.low;
  report.ciHigh = ci.high;
  return report;
}

}  // namespace w4rl::pipeline

#include "learning/reward_trainer.h"
#include "learning/warmup_schedule.h"

#include <torch/torch.h>

#include <chrono>
#include <numeric>

#include "common/error.h"
#include "learning/metrics_log.h"
#include "learning/policy_checkpoint.h"
#include "learning/torch_device.h"

namespace w4rl::learning {
namespace {

using Clock = std::chrono::steady_clock;

torch::Tensor probabilities(SuccessClassifier& classifier, const DemoSet& set, const torch::Device& device) {
  classifier->eval();
  std::vector<torch::Tensor> out;
  const std::int64_t n = set.size(), chunk = 512;
  for (std::int64_t i = 0; i < n; i += chunk) {
    const auto index = torch::arange(i, std::min(n, i + chunk), torch::kLong);
    out.push_back(
        classifier
            ->probability(
                set.frames.index_select(0, set.stacks.index_select(0, index).select(1, 0)).to(device))
            .cpu());
  }
  classifier->train();
  return torch::cat(out);
}

}  // namespace

TrainSettings defaultRewardSettings() {
  TrainSettings s = defaultBcSettings();
  s.steps = 2000;
  return s;
}

RewardResult trainSuccessClassifier(const RewardConfig& config, const TrainSettings& settings,
                                    const std::filesystem::path& runDir, const DemoSet& train,
                                    const DemoSet& valid,
                                    const std::function<void(const SupervisedProgress&)>& progress,
                                    const CancelToken& cancel) {
  settings.validate();
  config.validate();
  settings.requireWorldModelDefaults();
  if (train.size() > 0 &&
      (train.frames.size(1) != config.imageSize || train.frames.size(2) != config.imageSize))
    throw Error("the frames are " + std::to_string(train.frames.size(1)) +
                " pixels but the classifier's image size is " + std::to_string(config.imageSize));
  if (!valid.episodeLengths.empty()) {
    const auto covered =
        std::accumulate(valid.episodeLengths.begin(), valid.episodeLengths.end(), std::int64_t{0});
    if (covered != valid.size())
      throw Error("the held-out episodes' lengths add up to " + std::to_string(covered) +
                  " samples, not the " + std::to_string(valid.size()) + " held-out samples");
  }
  const auto positive = torch::nonzero(train.labels > 0.5).flatten();
  const auto negative = torch::nonzero(train.labels <= 0.5).flatten();
  RewardResult result;
  result.trainPositives = positive.numel();
  result.trainNegatives = negative.numel();
  if (result.trainPositives == 0 || result.trainNegatives == 0)
    throw Error("the training frames hold " + std::to_string(result.trainPositives) + " success and " +
                std::to_string(result.trainNegatives) +
                " other frames; the classifier needs both (collect episodes that succeed and that fail)");
  std::filesystem::create_directories(runDir);
  const auto rewardPath = runDir / "reward.pt";
  if (std::filesystem::exists(rewardPath))
    throw Error(runDir.string() + " already holds a reward classifier (reward.pt); choose another directory");

  const torch::Device device = resolveDevice(settings.device);
  useAllCpuCores();
  torch::manual_seed(settings.seed);
  SuccessClassifier classifier(config);
  classifier->to(device);
  torch::optim::AdamW optimizer(classifier->parameters(),
                                torch::optim::AdamWOptions(settings.lr).weight_decay(settings.weightDecay));
  MetricsLog metrics(runDir / "metrics.jsonl");
  auto gen = at::detail::createCPUGenerator(settings.seed);
  result.device = describeDevice(device);
  const bool validUsable =
      valid.size() > 0 && (valid.labels > 0.5).any().item<bool>() && (valid.labels <= 0.5).any().item<bool>();

  const auto start = Clock::now();
  SupervisedProgress p;
  p.totalSteps = settings.steps;
  double lossSum = 0.0;
  int count = 0;
  std::int64_t step = 0;
  const int half = std::max(1, settings.batchSize / 2);
  while (step < settings.steps) {
    if (cancel.cancelled()) {
      result.cancelled = true;
      break;
    }
    const double lr = applyWarmupRate(optimizer, settings, step);
    const auto index = torch::cat(
        {positive.index_select(0, torch::randint(0, positive.numel(), {half}, gen, torch::kLong)),
         negative.index_select(0, torch::randint(0, negative.numel(), {half}, gen, torch::kLong))});
    const auto frames =
        randomShift(train.stackedFrames(index), settings.augmentShift, gen).select(1, 0).to(device);
    const auto labels = train.labels.index_select(0, index).to(device);
    const auto loss = torch::binary_cross_entropy_with_logits(classifier->forward(frames), labels);
    optimizer.zero_grad();
    loss.backward();
    torch::nn::utils::clip_grad_norm_(classifier->parameters(), settings.gradClip);
    optimizer.step();
    ++step;
    lossSum += loss.item<double>();
    ++count;
    p.step = step;
    if (step % settings.logEvery == 0 || step == settings.steps) {
      p.trainLoss = lossSum / count;
      metrics.write({{"step", static_cast<double>(step)},
                     {"train/bce", p.trainLoss},
                     {"train/lr", lr},
                     {"time_s", std::chrono::duration<double>(Clock::now() - start).count()}});
      lossSum = 0.0;
      count = 0;
    }
    if (validUsable && (step % settings.validEvery == 0 || step == settings.steps)) {
      const auto prob = probabilities(classifier, valid, device);
      p.validLoss = torch::binary_cross_entropy(prob.clamp(1e-6, 1 - 1e-6), valid.labels).item<double>();
      metrics.write({{"step", static_cast<double>(step)},
                     {"valid/bce", p.validLoss},
                     {"valid/auc", rocAuc(prob, valid.labels)}});
    }
    if (progress) progress(p);
  }
  result.steps = step;
  if (validUsable) {
    const auto prob = probabilities(classifier, valid, device);
    const auto [frameThreshold, balanced] = balancedThreshold(prob, valid.labels);
    result.frameThreshold = frameThreshold;
    result.threshold = frameThreshold;
    if (!valid.episodeLengths.empty()) {
      const auto episodes = episodeScores(prob, valid.labels, valid.episodeLengths);
      result.validSuccessEpisodes = static_cast<std::int64_t>(episodes.success.sum().item<double>());
      result.validFailedEpisodes = episodes.success.numel() - result.validSuccessEpisodes;
      const auto [episodeThreshold_, episodeBalanced] = episodeThreshold(episodes);
      if (episodeBalanced >= 0) {
        result.threshold = episodeThreshold_;
        result.validEpisodeBalancedAccuracy = episodeBalanced;
      }
    }
    result.validBalancedAccuracy = balanced;
    result.validAuc = rocAuc(prob, valid.labels);
    result.validAccuracy =
        ((prob > result.threshold) == (valid.labels > 0.5)).to(torch::kDouble).mean().item<double>();
    result.validPositives = (valid.labels > 0.5).sum().item<std::int64_t>();
    result.validNegatives = valid.size() - result.validPositives;
    metrics.write({{"step", static_cast<double>(step)},
                   {"valid/threshold", result.threshold},
                   {"valid/frame_threshold", frameThreshold},
                   {"valid/episode_balanced_accuracy", result.validEpisodeBalancedAccuracy},
                   {"valid/accuracy", result.validAccuracy},
                   {"valid/balanced_accuracy", balanced},
                   {"valid/auc", result.validAuc}});
  }
  if (step > 0) {
    classifier->setThreshold(result.threshold);
    classifier->setValidQuality(result.validAccuracy, result.validAuc);
    CheckpointInfo info;
    info.step = step;
    info.bestValidLoss = p.validLoss;
    info.trainText = settings.toText();
    saveReward(rewardPath, classifier, info);
  }
  result.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return result;
}

}  // namespace w4rl::learning

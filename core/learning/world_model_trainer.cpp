#include "learning/world_model_trainer.h"
#include "learning/warmup_schedule.h"

#include <torch/torch.h>

#include <chrono>
#include <cmath>
#include <optional>

#include "common/error.h"
#include "common/number_text.h"
#include "common/rng.h"
#include "learning/checkpoint.h"
#include "learning/edm.h"
#include "learning/metrics_log.h"
#include "learning/precision.h"
#include "learning/rank_group.h"
#include "learning/torch_device.h"
#include "learning/weight_average.h"
#include "learning/world_model.h"

namespace w4rl::learning {
namespace {

using Clock = std::chrono::steady_clock;

struct DeviceBatch {
  torch::Tensor context, actions, target, task, sigma, noise;
};

DeviceBatch toDevice(const TransitionBatch& b, const torch::Device& device) {
  DeviceBatch d;
  d.context = framesToFloat(b.context.to(device));
  d.actions = b.actions.to(device, torch::kFloat);
  d.target = framesToFloat(b.target.to(device));
  d.task = b.task.to(device);
  return d;
}

// The newest `count` context frames and their actions (a source of rollout training yields more).
void keepNewest(DeviceBatch& b, int count) {
  const auto first = b.context.size(1) - count;
  b.context = b.context.narrow(1, first, count);
  b.actions = b.actions.narrow(1, first, count);
}

// Fixed validation batches with their noise levels and noise, drawn once; of ranks > 1, this rank's
// share (every ranks-th batch), all of them drawn so each rank's share is the same whatever the count.
// Validation is teacher-forced (recorded context frames only), so it compares with or without rollout
// training.
std::vector<DeviceBatch> makeValidationSet(TransitionSource& source, const TrainSettings& s,
                                           const WorldModelConfig& config, const torch::Device& device,
                                           int rank, int ranks) {
  const EdmParams& edm = config.edm;
  std::vector<DeviceBatch> set;
  if (source.validTransitions() == 0) return set;
  auto gen = at::detail::createCPUGenerator(s.seed ^ 0x5A11DULL);
  for (int i = 0; i < s.validBatches; ++i) {
    const auto batch = source.sample(s.batchSize, true, gen);
    const auto sigma = sampleTrainingSigmas(batch.target.size(0), edm, torch::dtype(torch::kFloat), gen);
    // The noise has the shape of the float frames (B, 3, H, W), not of the stored ones (B, H, W, 3).
    const auto noise = torch::randn(batch.target.movedim(-1, -3).sizes(), gen, torch::dtype(torch::kFloat));
    if (i % ranks != rank) continue;
    DeviceBatch d = toDevice(batch, device);
    keepNewest(d, config.contextFrames);
    d.sigma = sigma.to(device);
    d.noise = noise.to(device);
    set.push_back(std::move(d));
  }
  return set;
}

// The summed validation loss of `set` (one mean per batch).
double validationLossSum(WorldModel& model, const std::vector<DeviceBatch>& set) {
  torch::NoGradGuard noGrad;
  const bool training = model->is_training();
  model->eval();
  double total = 0;
  for (const auto& b : set)
    total += model->loss(b.target, b.context, b.actions, b.task, b.sigma, b.noise).mean().item<double>();
  model->train(training);
  return total;
}

torch::Tensor rows(const torch::Tensor& t, std::int64_t first, std::int64_t count) {
  return t.defined() ? t.narrow(0, first, count) : t;
}

}  // namespace

torch::Tensor rollOwnFrames(WorldModel& model, const torch::Tensor& context, const torch::Tensor& actions,
                            const torch::Tensor& task, int contextFrames, int steps, double share,
                            at::Generator& generator, Precision precision) {
  if (context.size(1) != contextFrames + steps)
    throw Error("rolling " + std::to_string(steps) + " own frames after " + std::to_string(contextFrames) +
                " needs " + std::to_string(contextFrames + steps) + " context frames, not " +
                std::to_string(context.size(1)));
  const auto chosen = (torch::rand({context.size(0)}, generator) < share).nonzero().squeeze(1);
  if (chosen.numel() == 0 || steps == 0) return context;
  torch::NoGradGuard noGrad;
  const auto device = context.device();
  const auto rows = chosen.to(device);
  auto frames = context.index_select(0, rows);
  const auto rowActions = actions.index_select(0, rows);
  const auto rowTask = task.index_select(0, rows);
  // The trainer's generator lives on the CPU; on CUDA the sampler's noise comes from CUDA's own.
  const c10::optional<at::Generator> noise =
      device.is_cpu() ? c10::optional<at::Generator>(generator) : c10::optional<at::Generator>();
  const bool training = model->is_training();
  model->eval();
  for (int j = 0; j < steps; ++j) {
    const int at = contextFrames + j;
    torch::Tensor next;
    {
      AutocastScope autocast(precision, device);
      next = model->sample(frames.narrow(1, j, contextFrames), rowActions.narrow(1, j, contextFrames),
                           rowTask, noise);
    }
    next = framesToFloat(framesToUint8(next.to(torch::kFloat)));
    const auto recorded = rowActions.select(1, at - 1).abs().amax(1) > 0;
    frames.select(1, at).copy_(torch::where(recorded.view({-1, 1, 1, 1}), next, frames.select(1, at)));
  }
  model->train(training);
  return context.index_copy(0, rows, frames);
}

WorldModelTrainer::WorldModelTrainer(WorldModelConfig config, TrainSettings settings,
                                     std::filesystem::path runDir)
    : config_(std::move(config)), settings_(std::move(settings)), runDir_(std::move(runDir)) {}

TrainResult WorldModelTrainer::run(TransitionSource& source, bool resume,
                                   const std::function<void(const TrainProgress&)>& progress,
                                   const CancelToken& cancel) {
  settings_.validate();
  std::filesystem::create_directories(runDir_);
  const auto lastPath = runDir_ / "last.pt", bestPath = runDir_ / "best.pt", averagePath = runDir_ / "ema.pt";
  if (!resume && std::filesystem::exists(lastPath))
    throw Error(runDir_.string() +
                " already holds a run (last.pt); pass --resume or choose another directory");
  if (resume && !std::filesystem::exists(lastPath))
    throw Error("cannot resume: " + lastPath.string() + " does not exist");

  const int ranks = group_ != nullptr ? group_->size() : 1;
  const int rank = group_ != nullptr ? group_->rank() : 0;
  const bool isMain = rank == 0;
  if (settings_.batchSize % ranks != 0)
    throw Error("batch_size " + std::to_string(settings_.batchSize) + " does not split evenly over " +
                std::to_string(ranks) + " ranks: choose a multiple of the number of ranks");
  const std::int64_t share = settings_.batchSize / ranks, first = share * rank;

  const torch::Device device = resolveDevice(settings_.device);
  const Precision precision = parsePrecision(settings_.precision);
  checkPrecision(precision, device);  // before anything is written
  useAllCpuCores();
  torch::manual_seed(settings_.seed);

  WorldModelConfig config = config_;
  CheckpointInfo info;
  if (resume) {
    info = readCheckpointInfo(lastPath);
    config = WorldModelConfig::fromText(info.configText);
  }
  if (config.imageSize != source.imageSize())
    throw Error("the data's images are " + std::to_string(source.imageSize()) +
                " pixels but the model's are " + std::to_string(config.imageSize));
  if (config.actionDim != source.actionDim())
    throw Error("the data's actions have dimension " + std::to_string(source.actionDim()) +
                " but the model's " + std::to_string(config.actionDim));
  if (source.trainTransitions() == 0) throw Error("the dataset has no training transitions");

  WorldModel model{nullptr};
  if (resume) {
    model = loadWorldModel(lastPath, device).model;
  } else if (!initialWeights_.empty()) {
    model = loadWorldModel(initialWeights_, device).model;
    if (model->config().toText() != config.toText())
      throw Error(initialWeights_.string() +
                  ": its model config differs from the run's; --init-from takes "
                  "the checkpoint's own config");
  } else {
    model = WorldModel(config);
  }
  model->to(device);
  if (group_ != nullptr) {  // every rank starts from rank 0's weights, as DistributedDataParallel does
    group_->broadcastFromMain(model->parameters());
    group_->broadcastFromMain(model->buffers());
  }
  torch::optim::AdamW optimizer(model->parameters(),
                                torch::optim::AdamWOptions(settings_.lr).weight_decay(settings_.weightDecay));
  if (resume) loadOptimizerState(lastPath, optimizer, device);
  std::int64_t step = resume ? info.step : 0;
  double best = resume ? info.bestValidLoss : -1.0;
  model->train();

  // The moving average starts as the initial weights; a resumed run continues the one saved with last.pt
  // (ema.pt is written just before it, so a kill between the two leaves an older average: it restarts
  // from the trained weights, and the metrics say so).
  WorldModel average{nullptr};
  bool averageRestarted = false;
  if (settings_.emaDecay > 0) {
    average = WorldModel(config);
    average->to(device);
    average->eval();
    const bool continues =
        resume && std::filesystem::exists(averagePath) && readCheckpointInfo(averagePath).step == step;
    if (continues) {
      copyWeights(*average, *loadWorldModel(averagePath, device).model);
    } else {
      copyWeights(*average, *model);
      averageRestarted = resume;
    }
  }

  // A fresh run's directory may hold the log of one killed before its first checkpoint: it starts over.
  std::optional<MetricsLog> metrics;
  if (isMain)
    metrics.emplace(runDir_ / "metrics.jsonl",
                    ResumePoint{"step", resume ? static_cast<double>(step) : -1.0});
  const bool hasValidation = source.validTransitions() > 0 && settings_.validBatches > 0;
  const auto validSet = makeValidationSet(source, settings_, config, device, rank, ranks);
  auto gen = at::detail::createCPUGenerator(settings_.seed);
  TrainResult result;
  result.device = describeDevice(device);
  if (ranks > 1) result.device += ", " + std::to_string(ranks) + " ranks";
  auto save = [&](const std::filesystem::path& file, WorldModel& weights, torch::optim::Optimizer* state) {
    if (!isMain) return;
    CheckpointInfo ci;
    ci.step = step;
    ci.bestValidLoss = best;
    ci.trainText = settings_.toText();
    saveWorldModel(file, weights, state, ci);
  };
  // What validation judges and best.pt holds: the average when there is one.
  WorldModel& judged = average ? average : model;
  auto saveLast = [&] {
    if (average) save(averagePath, average, nullptr);
    save(lastPath, model, &optimizer);
  };
  if (averageRestarted && metrics)
    metrics->write({{"step", static_cast<double>(step)}, {"ema/restarted", 1.0}});

  const auto start = Clock::now();
  auto intervalStart = start;
  double lossSum = 0, allReduceSeconds = 0;
  int lossCount = 0;
  while (step < settings_.steps) {
    if (group_ == nullptr && cancel.cancelled()) {
      result.cancelled = true;
      break;
    }
    // Linear warm-up, then constant.
    const double lr = applyWarmupRate(optimizer, settings_, step);
    gen.set_current_seed(mixSeed(settings_.seed, static_cast<std::uint64_t>(step)));
    DeviceBatch b = toDevice(source.sample(settings_.batchSize, false, gen), device);
    const int sampled = settings_.contextFramesToSample(config.contextFrames);
    if (b.context.size(1) != sampled)
      throw Error("the training data yields " + std::to_string(b.context.size(1)) +
                  " context frames per transition, the run needs " + std::to_string(sampled) +
                  " (context_frames + rollout_steps)");
    auto sigma =
        sampleTrainingSigmas(b.target.size(0), config.edm, torch::dtype(torch::kFloat), gen).to(device);
    auto noise = torch::randn(b.target.sizes(), gen, torch::dtype(torch::kFloat)).to(device);
    const auto recordedNewest = b.context.narrow(1, sampled - 1, 1);
    // Every rank rolls the whole global batch, so N ranks draw what one process draws.
    if (settings_.rolloutSteps > 0)
      b.context = rollOwnFrames(model, b.context, b.actions, b.task, config.contextFrames,
                                settings_.rolloutSteps, settings_.rolloutShare, gen, precision);
    keepNewest(b, config.contextFrames);
    // Weights from the recorded newest frame: the augmentation's noise and the model's own errors are
    // no motion.
    auto pixelWeight = settings_.movingPixelWeight > 0
                           ? movingPixelWeights(b.target, recordedNewest, settings_.movingPixelWeight)
                           : torch::Tensor();
    auto context = model->augmentContext(b.context, gen);
    if (ranks > 1) {  // this rank's slice of the global batch
      for (auto* t :
           {&b.target, &b.actions, &b.task, &sigma, &noise, &pixelWeight, &context.context, &context.step})
        *t = rows(*t, first, share);
    }
    torch::Tensor loss;
    {
      AutocastScope autocast(precision, device);  // the forward pass only; backward follows its types
      loss =
          model->loss(b.target, context.context, b.actions, b.task, sigma, noise, context.step, pixelWeight)
              .mean();
    }
    double lossValue = loss.item<double>();
    if (group_ != nullptr) {  // the global batch's mean loss, and whether any rank was interrupted
      const auto totals = group_->sum({lossValue, cancel.cancelled() ? 1.0 : 0.0});
      lossValue = totals[0] / ranks;
      if (totals[1] > 0) {
        result.cancelled = true;
        break;
      }
    }
    if (!std::isfinite(lossValue))
      throw Error("training diverged: the loss is " + formatDouble(lossValue) + " at step " +
                  std::to_string(step) + " (lr " + formatDouble(lr) +
                  "); last good checkpoint: " + lastPath.string());
    optimizer.zero_grad();
    loss.backward();
    if (group_ != nullptr) allReduceSeconds += group_->averageGradients(model->parameters());
    torch::nn::utils::clip_grad_norm_(model->parameters(), settings_.gradClip);
    optimizer.step();
    ++step;
    if (average) updateAverage(*average, *model, averageDecay(settings_.emaDecay, step));
    lossSum += lossValue;
    ++lossCount;

    TrainProgress p;
    p.step = step;
    p.totalSteps = settings_.steps;
    p.validLoss = result.lastValidLoss;
    if (step % settings_.logEvery == 0 || step == settings_.steps) {
      const double interval = std::chrono::duration<double>(Clock::now() - intervalStart).count();
      p.trainLoss = lossSum / lossCount;
      p.samplesPerSecond = lossCount * settings_.batchSize / std::max(interval, 1e-9);
      std::vector<std::pair<std::string, double>> fields{
          {"step", static_cast<double>(step)},
          {"train/loss", p.trainLoss},
          {"train/lr", lr},
          {"perf/samples_per_s", p.samplesPerSecond},
          {"time_s", std::chrono::duration<double>(Clock::now() - start).count()}};
      if (group_ != nullptr) fields.emplace_back("perf/allreduce_s", allReduceSeconds / lossCount);
      if (metrics) metrics->write(fields);
      lossSum = 0;
      allReduceSeconds = 0;
      lossCount = 0;
      intervalStart = Clock::now();
    }
    if (hasValidation && (step % settings_.validEvery == 0 || step == settings_.steps)) {
      std::vector<double> totals{validationLossSum(model, validSet)};
      if (average) totals.push_back(validationLossSum(average, validSet));
      if (group_ != nullptr) totals = group_->sum(totals);
      const double trained = totals.front() / settings_.validBatches;
      result.lastValidLoss = totals.back() / settings_.validBatches;
      p.validLoss = result.lastValidLoss;
      const bool improved = best < 0 || result.lastValidLoss < best;
      if (improved) best = result.lastValidLoss;
      std::vector<std::pair<std::string, double>> fields{{"step", static_cast<double>(step)},
                                                         {"valid/loss", trained}};
      if (average) fields.emplace_back("valid/ema_loss", result.lastValidLoss);
      fields.emplace_back("valid/best", best);
      if (metrics) metrics->write(fields);
      if (improved) save(bestPath, judged, average ? nullptr : &optimizer);
    }
    if (step % settings_.checkpointEvery == 0) saveLast();
    if (progress) progress(p);
  }
  saveLast();
  // Without validation data the latest weights are the best there are.
  if (!hasValidation) save(bestPath, judged, average ? nullptr : &optimizer);
  result.step = step;
  result.bestValidLoss = best;
  result.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return result;
}

}  // namespace w4rl::learning

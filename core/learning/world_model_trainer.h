#pragma once
// Trains a world model on a TransitionSource into a run directory:
//   RUN_DIR/metrics.jsonl  one JSON object per log/validation event (appended; survives resume)
//   RUN_DIR/last.pt        the latest checkpoint (every checkpoint_every steps, at the end, on cancel)
//   RUN_DIR/best.pt        the checkpoint with the lowest validation loss so far
//   RUN_DIR/ema.pt         with ema_decay > 0: the moving average of the weights at last.pt's step;
//                          validation then judges the average and best.pt holds it (without optimiser)
// Validation uses a fixed set of batches, noise levels and noise drawn once from the seed, so validation
// losses are comparable across a run and its resumption. Each step's batch, noise levels, noise and
// context augmentation come from a generator seeded by (seed, step): a resumed run draws what the
// uninterrupted one would have.
//
// Data-parallel (setRankGroup): every rank draws the same global batch of batch_size and trains on its
// own slice of batch_size / ranks samples; the gradients are averaged over the ranks before each step,
// so N ranks compute what one process computes, up to float summation order, and a run may resume with
// another number of ranks. The validation batches are split over the ranks and their losses summed.
// Rank 0 alone writes checkpoints and metrics; a rank that is interrupted stops every rank at the same
// step.
#include <filesystem>
#include <functional>

#include "common/cancel.h"
#include "learning/precision.h"
#include "learning/train_settings.h"
#include "learning/transition_source.h"
#include "learning/world_model.h"
#include "learning/world_model_config.h"

namespace w4rl::learning {

class RankGroup;

struct TrainProgress {
  std::int64_t step = 0;
  std::int64_t totalSteps = 0;
  double trainLoss = 0.0;   // mean over the last log interval
  double validLoss = -1.0;  // latest validation loss, -1 before the first
  double samplesPerSecond = 0.0;
};

struct TrainResult {
  std::int64_t step = 0;
  double bestValidLoss = -1.0;
  double lastValidLoss = -1.0;
  double seconds = 0.0;
  bool cancelled = false;
  std::string device;
};

// Rollout training (TrainSettings::rolloutSteps): of float context frames (B, L + steps, 3, H, W) with
// their actions (B, L + steps, A), a `share` of the rows (drawn from `generator`) get frames L ..
// L + steps - 1 replaced one after another by the model's samples from the L frames before each, with the
// recorded actions, rounded to 8 bits as the dream feeds them back. A frame before the episode's start
// (its incoming action is the zero padding) stays the recorded copy of the first frame, as padContext
// gives it in the dream. No gradient flows through the samples; the other rows are returned unchanged.
torch::Tensor rollOwnFrames(WorldModel& model, const torch::Tensor& context, const torch::Tensor& actions,
                            const torch::Tensor& task, int contextFrames, int steps, double share,
                            at::Generator& generator, Precision precision = Precision::Float32);

class WorldModelTrainer {
 public:
  WorldModelTrainer(WorldModelConfig config, TrainSettings settings, std::filesystem::path runDir);
  // A fresh run (not a resume) starts from the weights of this world-model checkpoint instead of a random
  // initialisation: a fresh optimiser, step 0, the learning-rate warm-up again. The checkpoint's model
  // config must equal the trainer's (the job takes it from the checkpoint).
  void setInitialWeights(std::filesystem::path checkpoint) { initialWeights_ = std::move(checkpoint); }
  // Trains as one rank of `group` (kept alive by the caller for the run). Without it: alone.
  void setRankGroup(RankGroup* group) { group_ = group; }

  // resume: continue from RUN_DIR/last.pt (its model config wins). Without it, a run directory that
  // already holds a checkpoint is refused rather than overwritten.
  TrainResult run(TransitionSource& source, bool resume,
                  const std::function<void(const TrainProgress&)>& progress, const CancelToken& cancel);

 private:
  WorldModelConfig config_;
  TrainSettings settings_;
  std::filesystem::path runDir_;
  std::filesystem::path initialWeights_;
  RankGroup* group_ = nullptr;
};

}  // namespace w4rl::learning

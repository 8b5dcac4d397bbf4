#pragma once
// Optimisation settings of a training run, set from the same flat "key: value" config as the model. Keys,
// ranges and meanings are declared once, in train_settings.cpp.
#include <cstdint>
#include <map>
#include <string>

#include "learning/setting_table.h"

namespace w4rl::learning {

struct TrainSettings {
  std::int64_t steps = 20000;
  int batchSize = 32;
  double lr = 2e-4;
  double weightDecay = 1e-2;
  int warmupSteps = 500;
  double gradClip = 1.0;
  int validEvery = 500;
  int validBatches = 8;
  int checkpointEvery = 1000;
  int logEvery = 50;
  int augmentShift = 4;  // policy and reward training: random-shift augmentation in pixels (0: off)
  std::uint64_t seed = 0;
  std::string device = "auto";  // auto (CUDA when available), cpu, cuda
  // precision: float32 or bfloat16 for the world model's training steps (learning/precision.h); its
  // validation loss is always computed in float32, so runs in either precision compare. The policy and
  // classifier trainers take float32 only.
  std::string precision = "float32";
  // moving_pixel_weight: the world model's training loss weighs the pixels that change between the newest
  // context frame and the target (1 + this) times the others (movingPixelWeights in world_model.h). 0: the
  // plain EDM loss. The validation loss stays unweighted, so runs compare.
  double movingPixelWeight = 0;
  // rollout_steps: the newest `rollout_steps` context frames of a `rollout_share` of each batch are the
  // world model's own samples (no gradient; generated one after another from the frames before them with
  // the recorded actions, as the dream does), so it learns to continue from its own imperfect frames
  // instead of only from recorded ones. The data source then yields context_frames + rollout_steps frames
  // per transition (contextFramesToSample). 0: teacher forcing only.
  int rolloutSteps = 0;
  double rolloutShare = 0.25;
  // ema_decay: the world model keeps an exponential moving average of its weights with this decay
  // (averageDecay in weight_average.h); validation, best.pt and ema.pt hold the average, last.pt the
  // trained weights. 0: no average, best.pt holds the trained weights.
  double emaDecay = 0;

  // The context frames per transition a training source must yield for a model of `contextFrames`.
  int contextFramesToSample(int contextFrames) const { return contextFrames + rolloutSteps; }

  static const SettingTable<TrainSettings>& table();
  // Returns false if `key` is not a training key (so the caller can try the model config).
  bool set(const std::string& key, const std::string& value);
  std::map<std::string, std::string> toMap() const;
  std::string toText() const;
  void validate() const;
  // For the policy and classifier trainers: refuses the world-model-only keys (precision other than
  // float32, moving_pixel_weight, rollout_steps, ema_decay) by name.
  void requireWorldModelDefaults() const;
};

}  // namespace w4rl::learning

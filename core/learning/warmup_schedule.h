#pragma once
// The learning-rate schedule every trainer here uses: linear warm-up over warmup_steps, then constant.
#include <torch/optim/adamw.h>

#include <algorithm>
#include <cstdint>

#include "learning/train_settings.h"

namespace w4rl::learning {

// Sets the rate of step `step` (0-based) on an AdamW optimiser and returns it.
inline double applyWarmupRate(torch::optim::AdamW& optimizer, const TrainSettings& settings,
                              std::int64_t step) {
  const double lr =
      settings.lr * std::min(1.0, static_cast<double>(step + 1) / std::max(1, settings.warmupSteps));
  for (auto& group : optimizer.param_groups())
    static_cast<torch::optim::AdamWOptions&>(group.options()).lr(lr);
  return lr;
}

}  // namespace w4rl::learning

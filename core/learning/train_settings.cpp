#include "learning/train_settings.h"

#include <limits>
#include <string>

#include "common/error.h"
#include "learning/config_values.h"

namespace w4rl::learning {

const SettingTable<TrainSettings>& TrainSettings::table() {
  using S = TrainSettings;
  constexpr int kMany = std::numeric_limits<int>::max();
  static const SettingTable<S> t = [] {
    SettingTable<S> d;
    d.integer<std::int64_t>("steps", &S::steps, 1, std::numeric_limits<std::int64_t>::max(),
                            "optimiser steps")
        .integer("batch_size", &S::batchSize, 1, 4096, "samples per optimiser step (over all ranks)")
        .real("lr", &S::lr, Interval::open(0, 1), "AdamW's learning rate after the warm-up")
        .real("weight_decay", &S::weightDecay, Interval::atLeast(0), "AdamW's weight decay")
        .integer("warmup_steps", &S::warmupSteps, 0, kMany, "steps of the linear learning-rate warm-up")
        .real("grad_clip", &S::gradClip, Interval::above(0), "gradient norm clipping")
        .integer("valid_every", &S::validEvery, 1, kMany, "steps between validations")
        .integer("valid_batches", &S::validBatches, 1, kMany, "fixed validation batches")
        .integer("checkpoint_every", &S::checkpointEvery, 1, kMany, "steps between writes of `last.pt`")
        .integer("log_every", &S::logEvery, 1, kMany, "steps between metrics records")
        .integer("augment_shift", &S::augmentShift, 0, 16,
                 "policy and classifier: random-shift augmentation in pixels (0: off)")
        .seed("seed", &S::seed, "seeds the initial weights, batches and noise")
        .choice("device", &S::device, {"auto", "cpu", "cuda"},
                "`auto` uses CUDA when available, else the CPU")
        .choice("precision", &S::precision, {"float32", "bfloat16"},
                "world model: the training steps' arithmetic (validation stays float32)")
        .real("moving_pixel_weight", &S::movingPixelWeight, Interval::closed(0, 1000),
              "world model: extra loss weight of the pixels that move (0: off)")
        .integer("rollout_steps", &S::rolloutSteps, 0, 8,
                 "world model: newest context frames replaced by its own samples (0: off)")
        .real("rollout_share", &S::rolloutShare, Interval::closed(0, 1),
              "world model: share of each batch whose context ends in its own samples")
        .real("ema_decay", &S::emaDecay, Interval::rightOpen(0, 1),
              "world model: decay of the moving average of its weights that validation and `best.pt` use "
              "(0: off)");
    return d;
  }();
  return t;
}

bool TrainSettings::set(const std::string& key, const std::string& value) {
  return table().set(*this, key, value);
}

std::map<std::string, std::string> TrainSettings::toMap() const {
  return table().values(*this);
}

std::string TrainSettings::toText() const {
  return config::mapText(toMap());
}

void TrainSettings::requireWorldModelDefaults() const {
  if (precision != "float32")
    throw Error("precision " + precision +
                " applies to the world model's training only; the policy and classifier train in float32");
  if (movingPixelWeight != 0) throw Error("moving_pixel_weight applies to the world model's training only");
  if (rolloutSteps != 0) throw Error("rollout_steps applies to the world model's training only");
  if (emaDecay != 0) throw Error("ema_decay applies to the world model's training only");
}

void TrainSettings::validate() const {
  table().check(*this);
}

}  // namespace w4rl::learning

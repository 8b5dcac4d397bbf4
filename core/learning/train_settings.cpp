#include "learning/train_settings.h"

#include <string>

#include "common/error.h"
#include "common/number_text.h"
#include "learning/config_values.h"
#include "learning/precision.h"

namespace w4rl::learning {
namespace {
using config::toDouble;
using config::toInt;
}  // namespace

bool TrainSettings::set(const std::string& key, const std::string& v) {
  if (key == "steps")
    steps = toInt(key, v);
  else if (key == "batch_size")
    batchSize = static_cast<int>(toInt(key, v));
  else if (key == "lr")
    lr = toDouble(key, v);
  else if (key == "weight_decay")
    weightDecay = toDouble(key, v);
  else if (key == "warmup_steps")
    warmupSteps = static_cast<int>(toInt(key, v));
  else if (key == "grad_clip")
    gradClip = toDouble(key, v);
  else if (key == "valid_every")
    validEvery = static_cast<int>(toInt(key, v));
  else if (key == "valid_batches")
    validBatches = static_cast<int>(toInt(key, v));
  else if (key == "checkpoint_every")
    checkpointEvery = static_cast<int>(toInt(key, v));
  else if (key == "log_every")
    logEvery = static_cast<int>(toInt(key, v));
  else if (key == "augment_shift")
    augmentShift = static_cast<int>(toInt(key, v));
  else if (key == "seed")
    seed = config::toSeed(key, v);
  else if (key == "moving_pixel_weight")
    movingPixelWeight = toDouble(key, v);
  else if (key == "precision")
    precision = toString(parsePrecision(v));
  else if (key == "device") {
    if (v != "auto" && v != "cpu" && v != "cuda")
      throw Error("device must be auto, cpu or cuda, not '" + v + "'");
    device = v;
  } else
    return false;
  return true;
}

std::map<std::string, std::string> TrainSettings::toMap() const {
  return {{"steps", std::to_string(steps)},
          {"batch_size", std::to_string(batchSize)},
          {"lr", formatDouble(lr)},
          {"weight_decay", formatDouble(weightDecay)},
          {"warmup_steps", std::to_string(warmupSteps)},
          {"grad_clip", formatDouble(gradClip)},
          {"valid_every", std::to_string(validEvery)},
          {"valid_batches", std::to_string(validBatches)},
          {"checkpoint_every", std::to_string(checkpointEvery)},
          {"log_every", std::to_string(logEvery)},
          {"augment_shift", std::to_string(augmentShift)},
          {"seed", std::to_string(seed)},
          {"device", device},
          {"precision", precision},
          {"moving_pixel_weight", formatDouble(movingPixelWeight)}};
}

std::string TrainSettings::toText() const {
  return config::mapText(toMap());
}

void TrainSettings::requireWorldModelDefaults() const {
  if (precision != "float32")
    throw Error("precision " + precision +
                " applies to the world model's training only; the policy and classifier train in float32");
  if (movingPixelWeight != 0) throw Error("moving_pixel_weight applies to the world model's training only");
}

void TrainSettings::validate() const {
  if (steps < 1) throw Error("steps must be at least 1");
  if (batchSize < 1 || batchSize > 4096) throw Error("batch_size must be from 1 to 4096");
  if (!(lr > 0 && lr < 1)) throw Error("lr must be in (0, 1)");
  if (weightDecay < 0) throw Error("weight_decay must be non-negative");
  if (warmupSteps < 0) throw Error("warmup_steps must be non-negative");
  if (augmentShift < 0 || augmentShift > 16) throw Error("augment_shift must be from 0 to 16");
  if (!(gradClip > 0)) throw Error("grad_clip must be positive");
  if (!(movingPixelWeight >= 0 && movingPixelWeight <= 1000))
    throw Error("moving_pixel_weight must be from 0 to 1000");
  if (validEvery < 1 || validBatches < 1 || checkpointEvery < 1 || logEvery < 1)
    throw Error("valid_every, valid_batches, checkpoint_every and log_every must be at least 1");
}

}  // namespace w4rl::learning

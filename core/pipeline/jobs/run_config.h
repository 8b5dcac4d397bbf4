#pragma once
// Resolves a world-model run's settings: preset (cpu default, or the GPU preset when training on CUDA),
// then the YAML config file, then command-line key=value overrides, then the data's facts (action
// dimension, task names, image size unless image_size was set). Written to RUN_DIR/config.yaml.
#include <filesystem>
#include <string>
#include <vector>

#include "learning/train_settings.h"
#include "learning/world_model_config.h"

namespace w4rl::pipeline {

struct RunConfig {
  learning::WorldModelConfig model;
  learning::TrainSettings train;
  bool imageSizeSet = false;  // image_size given by the user: the data is resized to it
};

// `preset` is "cpu", "gpu" or "auto" (gpu on CUDA). Throws w4rl::Error naming a bad file line or key.
RunConfig resolveRunConfig(const std::string& preset, const std::filesystem::path& configFile,
                           const std::vector<std::string>& overrides, bool cudaAvailable);
// "key: value" lines of both parts, model keys first.
std::string runConfigText(const RunConfig& config);

}  // namespace w4rl::pipeline

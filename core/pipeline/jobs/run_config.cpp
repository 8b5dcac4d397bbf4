#include "pipeline/jobs/run_config.h"

#include "common/error.h"
#include "pipeline/jobs/config_sources.h"

namespace w4rl::pipeline {

RunConfig resolveRunConfig(const std::string& preset, const std::filesystem::path& configFile,
                           const std::vector<std::string>& overrides, bool cudaAvailable) {
  RunConfig rc;
  if (preset == "gpu" || (preset == "auto" && cudaAvailable))
    rc.model = learning::WorldModelConfig::gpuPreset();
  else if (preset != "cpu" && preset != "auto")
    throw Error("preset must be cpu, gpu or auto, not '" + preset + "'");
  applyConfigSources(configFile, overrides, [&rc](const std::string& key, const std::string& value) {
    if (rc.train.set(key, value)) return true;
    rc.model.set(key, value);  // throws for an unknown key
    if (key == "image_size") rc.imageSizeSet = true;
    return true;
  });
  return rc;
}

std::string runConfigText(const RunConfig& config) {
  return "# world model\n" + config.model.toText() + "# training\n" + config.train.toText();
}

}  // namespace w4rl::pipeline

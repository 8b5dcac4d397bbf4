#include "pipeline/run_config.h"

#include <fstream>
#include <sstream>

#include "common/error.h"

namespace w4rl::pipeline {
namespace {

void apply(RunConfig& rc, const std::string& key, const std::string& value, const std::string& origin) {
  try {
    if (rc.train.set(key, value)) return;
    rc.model.set(key, value);
    if (key == "image_size") rc.imageSizeSet = true;
  } catch (const Error& e) {
    throw Error(origin + ": " + e.what());
  }
}

}  // namespace

RunConfig resolveRunConfig(const std::string& preset, const std::filesystem::path& configFile,
                           const std::vector<std::string>& overrides, bool cudaAvailable) {
  RunConfig rc;
  if (preset == "gpu" || (preset == "auto" && cudaAvailable))
    rc.model = learning::WorldModelConfig::gpuPreset();
  else if (preset != "cpu" && preset != "auto")
    throw Error("preset must be cpu, gpu or auto, not '" + preset + "'");
  if (!configFile.empty()) {
    std::ifstream in(configFile);
    if (!in) throw Error("cannot read config file " + configFile.string());
    std::stringstream text;
    text << in.rdbuf();
    for (const auto& [k, v] : learning::parseFlatConfig(text.str(), configFile.string()))
      apply(rc, k, v, configFile.string());
  }
  for (const auto& item : overrides) {
    const auto eq = item.find('=');
    if (eq == std::string::npos || eq == 0) throw Error("override '" + item + "' must be key=value");
    apply(rc, item.substr(0, eq), item.substr(eq + 1), "override '" + item + "'");
  }
  return rc;
}

std::string runConfigText(const RunConfig& config) {
  return "# world model\n" + config.model.toText() + "# training\n" + config.train.toText();
}

}  // namespace w4rl::pipeline

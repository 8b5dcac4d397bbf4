#include "pipeline/config_sources.h"

#include <fstream>
#include <sstream>

#include "common/error.h"
#include "learning/world_model_config.h"

namespace w4rl::pipeline {
namespace {

void applyOne(const std::function<bool(const std::string&, const std::string&)>& apply,
              const std::string& key, const std::string& value, const std::string& origin) {
  bool known = false;
  try {
    known = apply(key, value);
  } catch (const Error& e) {
    throw Error(origin + ": " + e.what());
  }
  if (!known) throw Error(origin + ": unknown key '" + key + "'");
}

}  // namespace

void applyConfigSources(const std::filesystem::path& configFile, const std::vector<std::string>& overrides,
                        const std::function<bool(const std::string& key, const std::string& value)>& apply) {
  if (!configFile.empty()) {
    if (std::filesystem::is_directory(configFile))
      throw Error("config file " + configFile.string() + " is a directory");
    std::ifstream in(configFile);
    if (!in) throw Error("cannot read config file " + configFile.string());
    std::stringstream text;
    text << in.rdbuf();
    for (const auto& [k, v] : learning::parseFlatConfig(text.str(), configFile.string()))
      applyOne(apply, k, v, configFile.string());
  }
  for (const auto& item : overrides) {
    const auto eq = item.find('=');
    if (eq == std::string::npos || eq == 0) throw Error("override '" + item + "' must be key=value");
    applyOne(apply, item.substr(0, eq), item.substr(eq + 1), "override '" + item + "'");
  }
}

}  // namespace w4rl::pipeline

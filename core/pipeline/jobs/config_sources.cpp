#include "pipeline/jobs/config_sources.h"

#include "common/error.h"
#include "config/config_file.h"

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
  if (!configFile.empty())
    for (const auto& entry : config::readConfigFile(configFile))
      applyOne(apply, entry.key, entry.value, configFile.string() + " line " + std::to_string(entry.line));
  for (const auto& item : overrides) {
    const auto eq = item.find('=');
    if (eq == std::string::npos || eq == 0) throw Error("override '" + item + "' must be key=value");
    applyOne(apply, item.substr(0, eq), item.substr(eq + 1), "override '" + item + "'");
  }
}

}  // namespace w4rl::pipeline

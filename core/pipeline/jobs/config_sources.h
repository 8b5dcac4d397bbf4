#pragma once
// The settings of a run come from a flat YAML file, then key=value overrides from the command line (or
// the studio's form). Each key is handed to `apply`, which returns false for a key it does not know;
// every error names the file or the override it came from.
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace w4rl::pipeline {

void applyConfigSources(const std::filesystem::path& configFile, const std::vector<std::string>& overrides,
                        const std::function<bool(const std::string& key, const std::string& value)>& apply);

}  // namespace w4rl::pipeline

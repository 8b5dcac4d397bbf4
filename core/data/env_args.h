#pragma once
// The env_args attribute of a robomimic-layout file: a JSON object on the data group that says which
// environment made the file and how (env_name, env_kwargs, type).
#include <filesystem>
#include <nlohmann/json.hpp>

namespace w4rl::data {

// The file's data.attrs["env_args"], or an empty object when it is absent or not a JSON object. Throws
// w4rl::Error naming the file when it cannot be opened as HDF5.
nlohmann::json readEnvArgs(const std::filesystem::path& file);

}  // namespace w4rl::data

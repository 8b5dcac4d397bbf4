#include "data/env_args.h"

#include "data/h5_file.h"
#include "data/h5_read.h"

namespace w4rl::data {

nlohmann::json readEnvArgs(const std::filesystem::path& file) {
  const h5::File f = h5::File::openReadOnly(file);
  if (!h5::isGroup(f, "/data")) return nlohmann::json::object();
  const auto text = h5::stringAttribute(f, "/data", "env_args");
  if (!text) return nlohmann::json::object();
  auto parsed = nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
  return parsed.is_object() ? parsed : nlohmann::json::object();
}

}  // namespace w4rl::data

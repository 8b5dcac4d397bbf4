#include "common/launch_env.h"

#include <charconv>
#include <cstdlib>

#include "common/error.h"

namespace w4rl {
namespace {

std::optional<std::string> fromEnvironment(const std::string& name) {
  const char* value = std::getenv(name.c_str());
  if (value == nullptr) return std::nullopt;
  return std::string(value);
}

int integer(const std::string& name, const std::string& text, int lo, int hi) {
  int value = 0;
  const auto* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || ptr != end || text.empty())
    throw Error(name + " must be a whole number, not '" + text + "'");
  if (value < lo || value > hi)
    throw Error(name + " must be from " + std::to_string(lo) + " to " + std::to_string(hi) + ", not " + text);
  return value;
}

}  // namespace

LaunchEnv launchEnvFromVariables(
    const std::function<std::optional<std::string>(const std::string&)>& lookup) {
  const auto get = lookup ? lookup : fromEnvironment;
  LaunchEnv env;
  const auto worldSize = get("WORLD_SIZE");
  if (!worldSize) return env;
  env.worldSize = integer("WORLD_SIZE", *worldSize, 1, 4096);
  const auto rank = get("RANK");
  if (!rank)
    throw Error("WORLD_SIZE is set (" + *worldSize + ") but RANK is not: set both, as torchrun does");
  env.rank = integer("RANK", *rank, 0, env.worldSize - 1);
  if (const auto v = get("LOCAL_RANK")) env.localRank = integer("LOCAL_RANK", *v, 0, env.worldSize - 1);
  if (const auto v = get("LOCAL_WORLD_SIZE")) {
    env.localWorldSize = integer("LOCAL_WORLD_SIZE", *v, 1, env.worldSize);
    if (env.localRank >= env.localWorldSize)
      throw Error("LOCAL_RANK (" + std::to_string(env.localRank) + ") must be below LOCAL_WORLD_SIZE (" +
                  std::to_string(env.localWorldSize) + ")");
  }
  if (const auto v = get("MASTER_ADDR")) {
    if (v->empty()) throw Error("MASTER_ADDR is empty: set it to rank 0's host name or address");
    env.masterAddr = *v;
  }
  if (const auto v = get("MASTER_PORT")) env.masterPort = integer("MASTER_PORT", *v, 1, 65535);
  if (const auto v = get("W4RL_DIST_TIMEOUT"))
    env.timeoutSeconds = integer("W4RL_DIST_TIMEOUT", *v, 1, 86400);
  return env;
}

}  // namespace w4rl

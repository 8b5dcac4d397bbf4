#pragma once
// Where this process stands in a data-parallel job, from the variables torchrun (and srun through a small
// wrapper, and `world4rl ... --nproc N`) set for every worker: RANK, WORLD_SIZE, LOCAL_RANK,
// LOCAL_WORLD_SIZE, MASTER_ADDR and MASTER_PORT. Without WORLD_SIZE the process runs alone.
#include <functional>
#include <optional>
#include <string>

namespace w4rl {

struct LaunchEnv {
  int rank = 0;
  int worldSize = 1;
  int localRank = 0;
  int localWorldSize = 1;
  std::string masterAddr = "127.0.0.1";
  int masterPort = 29500;  // torchrun's default
  // How long a rank waits for the others (to connect, or inside one all-reduce) before it gives up.
  int timeoutSeconds = 300;

  bool distributed() const { return worldSize > 1; }
  bool isMain() const { return rank == 0; }
};

// Reads the variables through `lookup` (the process environment by default). Throws Error naming the
// variable that is missing, not a number or out of range (RANK outside [0, WORLD_SIZE), a port outside
// 1..65535).
LaunchEnv launchEnvFromVariables(
    const std::function<std::optional<std::string>(const std::string&)>& lookup = {});

}  // namespace w4rl

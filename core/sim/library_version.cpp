#include "sim/library_version.h"

#include <mujoco/mujoco.h>

namespace w4rl::sim {

std::string mujocoVersion() {
  const int v = mj_version();  // 222 for 2.2.2
  return std::to_string(v / 100) + "." + std::to_string(v / 10 % 10) + "." + std::to_string(v % 10);
}

}  // namespace w4rl::sim

#pragma once
// Owning handles for MuJoCo's C objects.
#include <mujoco/mujoco.h>

#include <memory>

namespace w4rl::sim {

struct MjModelDeleter {
  void operator()(mjModel* m) const { mj_deleteModel(m); }
};
struct MjDataDeleter {
  void operator()(mjData* d) const { mj_deleteData(d); }
};
using MjModelPtr = std::unique_ptr<mjModel, MjModelDeleter>;
using MjDataPtr = std::unique_ptr<mjData, MjDataDeleter>;

}  // namespace w4rl::sim

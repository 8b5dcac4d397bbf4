#include "sim/action_path.h"

#include <algorithm>

#include "common/error.h"

namespace w4rl::sim {

std::vector<Vec3> integrateActions(const Vec3& start, const std::vector<float>& actions, int actionDim,
                                   const Workspace& workspace) {
  if (actionDim < 3)
    throw Error("integrating actions needs at least 3 action dimensions, got " + std::to_string(actionDim));
  if (actions.size() % static_cast<std::size_t>(actionDim) != 0)
    throw Error("the action array does not hold whole steps of " + std::to_string(actionDim) + " values");
  const std::size_t steps = actions.size() / static_cast<std::size_t>(actionDim);
  std::vector<Vec3> path;
  path.reserve(steps + 1);
  path.push_back(start);
  Vec3 p = start;
  for (std::size_t t = 0; t < steps; ++t) {
    const float* a = actions.data() + t * static_cast<std::size_t>(actionDim);
    const Action clamped = clampAction({a[0], a[1], a[2], 0.0f});  // the rig's rule: NaN -> 0, [-1, 1]
    for (std::size_t k = 0; k < 3; ++k)
      p[k] = std::clamp(p[k] + kActionScale * clamped[k], workspace.lo[k], workspace.hi[k]);
    path.push_back(p);
  }
  return path;
}

}  // namespace w4rl::sim

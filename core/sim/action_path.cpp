#include "sim/action_path.h"

#include <algorithm>
#include <cmath>

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
    for (int k = 0; k < 3; ++k) {
      float a = actions[t * static_cast<std::size_t>(actionDim) + static_cast<std::size_t>(k)];
      if (!std::isfinite(a)) a = 0.0f;  // as clampAction does
      a = std::clamp(a, -1.0f, 1.0f);
      p[k] = std::clamp(p[k] + kActionScale * a, workspace.lo[k], workspace.hi[k]);
    }
    path.push_back(p);
  }
  return path;
}

}  // namespace w4rl::sim

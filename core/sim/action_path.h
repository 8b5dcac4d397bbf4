#pragma once
// Where a sequence of actions takes the gripper's target when integrated open-loop: the path a policy,
// a teleop session or an imagined rollout commands, to compare with the path the real gripper took.
#include <vector>

#include "sim/action.h"
#include "sim/gripper_rig.h"
#include "sim/vec3.h"

namespace w4rl::sim {

// Point 0 is `start`; point t+1 adds kActionScale * action t, clamped to the workspace as the rig does.
// `actions` holds N * actionDim values whose first three are (dx, dy, dz); the result has N + 1 points.
std::vector<Vec3> integrateActions(const Vec3& start, const std::vector<float>& actions, int actionDim,
                                   const Workspace& workspace = Workspace{});

}  // namespace w4rl::sim

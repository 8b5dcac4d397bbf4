#pragma once
// What a teleop session has done since its reset, for the 3D view: where the gripper started, the
// actions applied (whose integral is the commanded path), the real gripper's path and scene when the
// real task runs alongside.
#include <optional>
#include <vector>

#include "sim/scene_snapshot.h"

namespace w4rl::studio {

struct TeleopTrace {
  std::optional<sim::Vec3> start;           // unknown after a reset from an episode without eef data
  std::vector<float> actions;               // steps * 4
  std::vector<sim::Vec3> realPath;          // start and one point per step, when the real task runs
  std::optional<sim::SceneSnapshot> scene;  // the latest real scene (or the reset's), if any
  int steps() const { return static_cast<int>(actions.size() / 4); }
};

}  // namespace w4rl::studio

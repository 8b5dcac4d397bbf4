#pragma once
// A scripted expert: a closed-loop controller that reads privileged simulator state and returns the next
// action. One instance per episode (experts keep phase memory).
#include <mujoco/mujoco.h>

#include "sim/action.h"
#include "sim/vec3.h"

namespace w4rl::sim {

class Expert {
 public:
  virtual ~Expert() = default;
  virtual Action act(const mjModel* model, const mjData* data) = 0;
};

// The displacement action that moves the end effector from `eef` towards `target`: full speed when
// farther than one step, proportional (and so exact) when closer.
inline Action moveTowards(const Vec3& eef, const Vec3& target, float grip) {
  Action a{};
  for (std::size_t i = 0; i < 3; ++i)
    a[i] = static_cast<float>(std::clamp((target[i] - eef[i]) / kActionScale, -1.0, 1.0));
  a[3] = grip;
  return a;
}

constexpr float kGripOpen = -1.0f;
constexpr float kGripClose = 1.0f;

}  // namespace w4rl::sim

#pragma once
// The action of every built-in task: (dx, dy, dz, grip), each in [-1, 1].
//   dx, dy, dz move the gripper's mocap target by kActionScale metres per unit per step;
//   grip sets the finger targets: -1 fully open, +1 fully closed (squeezing), linear in between.
#include <array>

namespace w4rl::sim {

using Action = std::array<float, 4>;
constexpr int kActionDim = 4;
// 3 cm per step at full deflection: a 50-step episode can cross the workspace and back.
constexpr double kActionScale = 0.03;

// Clamps every component to [-1, 1]; NaN becomes 0 so a broken policy cannot poison the simulator.
Action clampAction(const Action& a);

}  // namespace w4rl::sim

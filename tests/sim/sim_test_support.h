#pragma once
// Helpers shared by the simulator's tests.
#include <string>

#include "sim/manipulation_env.h"

namespace w4rl::sim::test {

// A task without rendering: physics, experts and success checks only.
inline EnvConfig headless(const std::string& task) {
  EnvConfig c;
  c.task = task;
  c.render = false;
  return c;
}

}  // namespace w4rl::sim::test

#pragma once
// The built-in task suite, by name.
#include <memory>
#include <string>
#include <vector>

#include "sim/task.h"

namespace w4rl::sim {

// In a fixed order (the order of the paper's table, then pick-place).
const std::vector<std::string>& taskNames();
// Throws w4rl::Error naming the known tasks when `name` is not one of them.
std::unique_ptr<Task> makeTask(const std::string& name);

}  // namespace w4rl::sim

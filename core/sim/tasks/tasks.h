#pragma once
// Factories of the built-in tasks (one file each in this folder).
#include <memory>

#include "sim/task.h"

namespace w4rl::sim {

std::unique_ptr<Task> makeCoffeePullTask();
std::unique_ptr<Task> makeSoccerTask();
std::unique_ptr<Task> makeHammerTask();
std::unique_ptr<Task> makeDoorLockTask();
std::unique_ptr<Task> makeLeverPullTask();
std::unique_ptr<Task> makeHandlePullTask();
std::unique_ptr<Task> makePickPlaceTask();

}  // namespace w4rl::sim

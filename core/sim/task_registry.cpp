#include "sim/task_registry.h"

#include "common/error.h"
#include "sim/tasks/tasks.h"

namespace w4rl::sim {

const std::vector<std::string>& taskNames() {
  static const std::vector<std::string> names{"coffee-pull", "soccer",      "hammer",    "door-lock",
                                              "lever-pull",  "handle-pull", "pick-place"};
  return names;
}

std::unique_ptr<Task> makeTask(const std::string& name) {
  if (name == "coffee-pull") return makeCoffeePullTask();
  if (name == "soccer") return makeSoccerTask();
  if (name == "hammer") return makeHammerTask();
  if (name == "door-lock") return makeDoorLockTask();
  if (name == "lever-pull") return makeLeverPullTask();
  if (name == "handle-pull") return makeHandlePullTask();
  if (name == "pick-place") return makePickPlaceTask();
  std::string known;
  for (const auto& n : taskNames()) known += (known.empty() ? "" : ", ") + n;
  throw Error("unknown task '" + name + "'; built-in tasks: " + known);
}

}  // namespace w4rl::sim

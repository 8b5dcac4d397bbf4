#pragma once
// The MuJoCo library version the simulator runs on, for About dialogs and run reports.
#include <string>

namespace w4rl::sim {

std::string mujocoVersion();  // e.g. "2.2.2"

}  // namespace w4rl::sim

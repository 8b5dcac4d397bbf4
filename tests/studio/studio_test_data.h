#pragma once
// Real files for the studio's tests, made once per test process.
#include <filesystem>

namespace w4rl::studio {

// Three expert episodes (successes) and two random ones (failures) of door-lock, collected from MuJoCo.
const std::filesystem::path& smallDataset();

}  // namespace w4rl::studio

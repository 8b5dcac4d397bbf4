#pragma once
// Real files for the studio's tests, made once per test process.
#include <filesystem>

namespace w4rl::studio {

// Three expert episodes (successes) and two random ones (failures) of door-lock, collected from MuJoCo.
const std::filesystem::path& smallDataset();
// A world model trained for two steps on smallDataset() by the pipeline's job (64x64, tiny).
const std::filesystem::path& tinyWorldModel();

}  // namespace w4rl::studio

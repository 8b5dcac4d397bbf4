#pragma once
// Where read-only resources (task MJCF, demo data) are found: $WORLD4RL_RESOURCES, then
// <executable dir>/../share/world4rl/resources (installed layout), then the source tree's resources/
// (build-tree runs). Throws w4rl::Error listing the places tried when none exists.
#include <filesystem>

namespace w4rl {

std::filesystem::path resourceDir();

}  // namespace w4rl

#pragma once
// The device long work runs on ("auto" picks CUDA when present), described for the user, and the
// versions of the engine's libraries (for the studio's About dialog). Torch-free interface.
#include <string>
#include <utility>
#include <vector>

namespace w4rl::pipeline {

bool cudaAvailable();
std::string autoDeviceDescription();  // e.g. "CPU (2 threads)" or "CUDA: NVIDIA H100"
std::vector<std::pair<std::string, std::string>> engineLibraryVersions();

}  // namespace w4rl::pipeline

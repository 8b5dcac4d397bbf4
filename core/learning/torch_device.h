#pragma once
// Device choice and CPU threading for LibTorch work.
#include <torch/types.h>

#include <string>

namespace w4rl::learning {

// "auto" -> CUDA when available, else CPU; "cuda" without a GPU is an error.
torch::Device resolveDevice(const std::string& choice);
// LibTorch starts with one intra-op thread on some builds: use every core present, or OMP_NUM_THREADS
// threads where that is set.
void useAllCpuCores();
std::string describeDevice(const torch::Device& device);

}  // namespace w4rl::learning

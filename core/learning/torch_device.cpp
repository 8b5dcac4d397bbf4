#include "learning/torch_device.h"

#include <torch/cuda.h>
#include <torch/torch.h>

#include <algorithm>
#include <cstdlib>
#include <thread>

#include "common/error.h"

namespace w4rl::learning {

torch::Device resolveDevice(const std::string& choice) {
  if (choice == "cpu") return torch::kCPU;
  if (choice == "cuda") {
    if (!torch::cuda::is_available()) throw Error("device cuda requested but no CUDA device is available");
    return torch::kCUDA;
  }
  if (choice != "auto") throw Error("device must be auto, cpu or cuda, not '" + choice + "'");
  return torch::cuda::is_available() ? torch::Device(torch::kCUDA) : torch::Device(torch::kCPU);
}

void useAllCpuCores() {
  int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  // An explicit OMP_NUM_THREADS wins: several jobs sharing one machine (or one GPU) each set their share,
  // and 16-thread pools in every one of 8 processes spin against each other on 16 cores.
  if (const char* env = std::getenv("OMP_NUM_THREADS")) {
    char* end = nullptr;
    const long n = std::strtol(env, &end, 10);
    if (end != env && *end == '\0' && n > 0) cores = static_cast<int>(std::min<long>(n, 1024));
  }
  if (torch::get_num_threads() != cores) torch::set_num_threads(cores);
}

std::string describeDevice(const torch::Device& device) {
  if (device.is_cuda()) return "CUDA (" + std::to_string(torch::cuda::device_count()) + " device(s))";
  const int threads = torch::get_num_threads();
  return "CPU (" + std::to_string(threads) + (threads == 1 ? " thread)" : " threads)");
}

}  // namespace w4rl::learning

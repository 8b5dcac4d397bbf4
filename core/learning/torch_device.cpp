#include "learning/torch_device.h"

#include <torch/cuda.h>
#include <torch/torch.h>

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
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  if (torch::get_num_threads() != static_cast<int>(cores)) torch::set_num_threads(static_cast<int>(cores));
}

std::string describeDevice(const torch::Device& device) {
  if (device.is_cuda()) return "CUDA (" + std::to_string(torch::cuda::device_count()) + " device(s))";
  const int threads = torch::get_num_threads();
  return "CPU (" + std::to_string(threads) + (threads == 1 ? " thread)" : " threads)");
}

}  // namespace w4rl::learning

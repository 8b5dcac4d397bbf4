#include "pipeline/services/compute_device.h"

#include <torch/cuda.h>
#include <torch/torch.h>
#include <torch/version.h>

#include <opencv2/core/version.hpp>

#include "data/library_version.h"
#ifdef W4RL_HAVE_SIM
#include "sim/library_version.h"
#endif
#include "learning/torch_device.h"

namespace w4rl::pipeline {

bool cudaAvailable() {
  return torch::cuda::is_available();
}

std::string autoDeviceDescription() {
  return learning::describeDevice(learning::resolveDevice("auto"));
}

std::vector<std::pair<std::string, std::string>> engineLibraryVersions() {
  std::vector<std::pair<std::string, std::string>> v{
      {"LibTorch", TORCH_VERSION}, {"HDF5", data::hdf5Version()}, {"OpenCV", CV_VERSION}};
#ifdef W4RL_HAVE_SIM
  v.emplace_back("MuJoCo", sim::mujocoVersion());
#endif
  return v;
}

}  // namespace w4rl::pipeline

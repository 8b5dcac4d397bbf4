#include "pipeline/compute_device.h"

#include <torch/cuda.h>
#include <torch/torch.h>
#include <torch/version.h>

#include <opencv2/core/version.hpp>

#include "data/library_version.h"
#include "learning/torch_device.h"

namespace w4rl::pipeline {

std::string autoDeviceDescription() { return learning::describeDevice(learning::resolveDevice("auto")); }

std::vector<std::pair<std::string, std::string>> engineLibraryVersions() {
  return {{"LibTorch", TORCH_VERSION}, {"HDF5", data::hdf5Version()}, {"OpenCV", CV_VERSION}};
}

}  // namespace w4rl::pipeline

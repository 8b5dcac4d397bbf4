#pragma once
// The HDF5 library this build reads and writes datasets with (for About dialogs and bug reports).
#include <string>

namespace w4rl::data {

std::string hdf5Version();

}  // namespace w4rl::data

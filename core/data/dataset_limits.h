#pragma once
// Sanity caps shared by the reader and the writer. Sizes read from a file are checked against these
// before anything is allocated from them, so a damaged or hostile header cannot exhaust memory.
#include <cstdint>

namespace w4rl::data::limits {

constexpr std::int64_t kMaxSamples = 10'000'000;  // steps in one demo
constexpr std::int64_t kMaxImageSide = 4096;
constexpr std::int64_t kMaxActionDim = 64;
constexpr std::int64_t kMaxLowDim = 65'536;  // low-dim observation or state width
// Actions are stored as float32; values written from float64 may round just past +-1.
constexpr double kActionTolerance = 1e-6;

}  // namespace w4rl::data::limits

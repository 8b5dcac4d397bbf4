// The HDF5 dataset reader (robomimic/LIBERO layout) on arbitrary file bytes: open() must validate or
// refuse, and what it accepted must read back (every per-step array of every episode) without a crash.
#include <cstddef>
#include <cstdint>

#include "data/dataset.h"
#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const w4rl::fuzz::InputFile file(data, size, "input.hdf5");
  w4rl::fuzz::expectCleanRefusal("fuzz_dataset", [&] {
    const auto dataset = w4rl::data::Dataset::open({file.path()});
    for (std::size_t ep = 0; ep < dataset.size(); ++ep) {
      const auto n = dataset.episodes()[ep].numSamples;
      dataset.actions(ep);
      dataset.rewards(ep);
      dataset.dones(ep);
      dataset.states(ep);
      for (const auto& key : dataset.lowDimKeys(ep)) dataset.lowDim(ep, key);
      if (n > 0) dataset.frames(ep, 0, n < 4 ? n : 4);
    }
  });
  return 0;
}

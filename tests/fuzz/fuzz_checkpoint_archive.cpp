// The checkpoint reader's integrity gate on arbitrary file bytes: verifyZipArchive runs before LibTorch
// reads anything, so what reaches LibTorch's archive reader is a ZIP whose every record lies inside the
// file and matches its CRC-32.
#include <cstddef>
#include <cstdint>

#include "common/zip_integrity.h"
#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const w4rl::fuzz::InputFile file(data, size, "input.pt");
  w4rl::fuzz::expectCleanRefusal("fuzz_checkpoint_archive", [&] { w4rl::verifyZipArchive(file.path()); });
  return 0;
}

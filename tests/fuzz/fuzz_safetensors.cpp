// The safetensors header parser on arbitrary file bytes, framed as the checkpoint reader frames a file:
// an 8-byte little-endian length, that much JSON, the rest data. A refusal must be a w4rl::Error; an
// accepted header's tensors must tile the data exactly (what the reader then allocates and copies).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "common/safetensors_header.h"
#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 8) return 0;
  std::uint64_t length = 0;
  for (int i = 7; i >= 0; --i) length = (length << 8) | data[i];
  // Most inputs would otherwise state a length beyond the file; the low bits keep them parseable.
  length %= size - 7;
  const std::string_view json(reinterpret_cast<const char*>(data) + 8, static_cast<std::size_t>(length));
  const std::uint64_t dataBytes = size - 8 - length;
  w4rl::fuzz::expectCleanRefusal("fuzz_safetensors", [&] {
    const auto header = w4rl::safetensors::parseHeader(json, dataBytes, "input.safetensors");
    std::uint64_t covered = 0;
    for (const auto& t : header.tensors) {
      if (t.begin != covered || t.end < t.begin) std::abort();
      covered = t.end;
    }
    if (covered != dataBytes) std::abort();
  });
  return 0;
}

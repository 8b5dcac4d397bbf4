#pragma once
// The header of a safetensors file (Hugging Face's format for weights): an 8-byte little-endian length,
// that many bytes of JSON, then the tensors' raw little-endian bytes. The JSON maps each tensor name to
// {"dtype", "shape", "data_offsets": [begin, end]} (offsets into the data that follows the header) and
// may hold "__metadata__", a map of strings to strings. Torch-free: the learning library turns entries
// into tensors, and the fuzz target parses untrusted headers here.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace w4rl::safetensors {

struct TensorEntry {
  std::string name;
  std::string dtype;  // "F32", "BF16", "I64", ... (see dtypeSize)
  std::vector<std::int64_t> shape;
  std::uint64_t begin = 0, end = 0;  // byte range in the data section
};

struct Header {
  std::vector<std::pair<std::string, std::string>> metadata;
  std::vector<TensorEntry> tensors;  // in data order once parsed
};

// Bytes per element of a safetensors dtype name; 0 for a name the format does not define.
std::size_t dtypeSize(const std::string& dtype);

// The JSON text of `header`, padded with spaces to a multiple of 8 bytes (so the data stays aligned).
// Offsets are taken as given.
std::string encodeHeader(const Header& header);

// The largest header accepted (the reference implementation's limit): a longer one is a damaged file.
constexpr std::uint64_t kMaxHeaderBytes = 100'000'000;

// Parses a header's JSON and checks every tensor against the `dataBytes` that follow it: a known dtype,
// a shape of non-negative sizes whose byte count matches its offsets, and offsets that cover the data
// exactly, in order, without gaps or overlaps. Throws w4rl::Error starting with `where` and naming what
// is wrong (the tensor, the key).
Header parseHeader(std::string_view json, std::uint64_t dataBytes, const std::string& where);

}  // namespace w4rl::safetensors

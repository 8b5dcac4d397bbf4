#pragma once
// Named tensors and string metadata in a safetensors file (common/safetensors_header.h has the format):
// the weights-only form a checkpoint takes for Python and other tools.
#include <torch/types.h>

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace w4rl::learning {

struct SafetensorsContents {
  std::vector<std::pair<std::string, std::string>> metadata;
  std::vector<std::pair<std::string, torch::Tensor>> tensors;  // on the CPU once read
};

// Whether `file` starts as a safetensors file does (an 8-byte length, then '{'), as opposed to the zip
// archive of a LibTorch checkpoint. False for a file that cannot be read.
bool looksLikeSafetensors(const std::filesystem::path& file);

// Written through a temporary file and a rename. Tensors may be on any device; names must be unique.
// Throws w4rl::Error naming the file.
void writeSafetensors(const std::filesystem::path& file, const SafetensorsContents& contents);

// Reads and checks the whole file (header, every tensor's offsets against the file's size). Throws
// w4rl::Error naming the file and what is wrong.
SafetensorsContents readSafetensors(const std::filesystem::path& file);

}  // namespace w4rl::learning

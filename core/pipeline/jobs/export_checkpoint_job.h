#pragma once
// `world4rl export-checkpoint IN OUT`: a checkpoint's weights only, for sharing, inference and the
// built-in demo. World models lose their optimiser state, policies their critic and optimisers (a
// refinement cannot resume from the export, but it can start from it). Torch-free interface.
#include <cstdint>
#include <filesystem>
#include <string>

namespace w4rl::pipeline {

struct ExportReport {
  std::string kind;  // "world_model", "policy" or "reward"
  std::uintmax_t bytesBefore = 0, bytesAfter = 0;
};

// Throws w4rl::Error naming the file for a foreign or truncated input; `out` is written atomically and
// may not be `in`.
ExportReport exportCheckpoint(const std::filesystem::path& in, const std::filesystem::path& out);

}  // namespace w4rl::pipeline

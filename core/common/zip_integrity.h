#pragma once
// Integrity check of a ZIP archive: every record against the CRC-32 and size its central directory
// stores. LibTorch's checkpoints are ZIP archives whose tensors are stored uncompressed, and LibTorch
// reads those without checking, so a flipped byte inside a tensor or a record cut short would load
// silently and change results; this check finds both before any tensor is used.
#include <cstdint>
#include <filesystem>
#include <string>

namespace w4rl {

// CRC-32 as ZIP, PNG and zlib define it (polynomial 0xEDB88320), continuing from `crc`.
std::uint32_t crc32(const void* data, std::size_t size, std::uint32_t crc = 0);

// Throws w4rl::Error starting with the file's name when it is not a ZIP archive, is cut short, a record
// lies outside the archive, or a stored record's bytes disagree with its CRC-32 (compressed records, the
// few small code files LibTorch deflates, are checked by their reader's inflate). Reads the file once.
void verifyZipArchive(const std::filesystem::path& file);

}  // namespace w4rl

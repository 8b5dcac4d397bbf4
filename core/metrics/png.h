#pragma once
// Saving a comparison picture (or any RGB frame) as PNG without ever leaving a half-written file.
#include <filesystem>

#include "metrics/image.h"

namespace w4rl::metrics {

// Encodes `rgb` as PNG and publishes it at `path` atomically (temporary file + rename, common/atomic_file.h).
// The format is PNG whatever the extension. Throws w4rl::Error naming the path if the image is empty or
// the file cannot be written (e.g. its directory does not exist).
void writePng(const std::filesystem::path& path, const ImageView& rgb);

}  // namespace w4rl::metrics

#pragma once
// The metadata pass of Dataset::open for one file: finds the demos, checks every shape, element type
// and length against the layout (reading no image data), and resolves each demo's task, source,
// seed, success and split. Internal to w4rl_data.
#include <string>
#include <utility>
#include <vector>

#include "data/dataset.h"
#include "data/h5_file.h"

namespace w4rl::data {

// Where one demo's arrays are and how big they are, as validated at open.
struct DemoLayout {
  std::string group;  // "/data/demo_3"
  std::int64_t numSamples = 0;
  int imageHeight = 0;  // as stored
  int imageWidth = 0;
  std::vector<std::pair<std::string, int>> lowDim;  // obs/<key> and its width, sorted by key
  int stateDim = 0;                                 // 0: no states dataset
  bool inTrain = true;
};

struct ScannedDemo {
  EpisodeInfo info;  // taskIndex not yet assigned
  DemoLayout layout;
};

struct ScannedFile {
  std::vector<ScannedDemo> demos;
  int actionDim = 0;
};

// The task of demos without a per-demo "task" attribute: LIBERO's problem_info language instruction,
// else env_args' env_name (unless "multi-task"), else the file's stem. The language instruction
// comes first because LIBERO writes the same env_name (the scene class) for many different tasks.
std::string defaultTask(const h5::File& file, const std::filesystem::path& path);

// The options a file is read with: a LIBERO file (a problem_info attribute on /data, frames under
// obs/agentview_rgb and no obs/agentview_image, stored upside down) read with the default image key and
// no flip gets LIBERO's key and the flip; any other file, or options naming a key, are kept as given.
ReadOptions optionsForFile(const h5::File& file, const ReadOptions& options);

ScannedFile scanFile(const h5::File& file, std::size_t fileIndex, const std::filesystem::path& path,
                     const ReadOptions& options);

}  // namespace w4rl::data

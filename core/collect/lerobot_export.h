#pragma once
// `world4rl dataset export-lerobot`: robomimic-layout datasets written as a LeRobot dataset (codebase
// v2.1 layout), so LeRobot's loaders and policies train on data collected here:
//   meta/info.json            features, fps, counts, path templates
//   meta/episodes.jsonl       {"episode_index", "tasks", "length"} per episode
//   meta/tasks.jsonl          {"task_index", "task"} per task
//   meta/episodes_stats.jsonl min/max/mean/std/count of every feature per episode (images per channel,
//                             in [0, 1])
//   data/chunk-000/episode_000000.parquet   one row per step: observation.state (robot0_* keys),
//       observation.environment_state (the other low-dimensional keys, e.g. object), action, timestamp,
//       frame_index, episode_index, index, task_index, next.reward, next.done
//   videos/chunk-000/observation.images.<camera>/episode_000000.mp4   the camera frames as they are
// Episodes are numbered in the dataset's order (file by file, demos in numeric order), 1000 per chunk.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "common/cancel.h"
#include "data/dataset.h"

namespace w4rl::collect {

struct LeRobotExportOptions {
  double fps = 0.0;  // 0: the first file's env_args.env_kwargs.control_hz, else 20
  std::string robotType = "world4rl_gripper";
  std::string camera = "agentview";  // the video feature is observation.images.<camera>
};

struct LeRobotExport {
  std::int64_t episodes = 0;
  std::int64_t frames = 0;
  std::int64_t tasks = 0;
  double fps = 0.0;
  std::string videoCodec;  // "h264" or "mpeg4", as OpenCV's build could write
  double seconds = 0.0;
  bool cancelled = false;  // `outDir` is then not written
};

// Writes the whole export into a sibling temporary folder and renames it to `outDir` at the end, so an
// error or a cancel leaves nothing. Throws w4rl::Error naming the file and demo when `outDir` exists,
// the episodes' low-dimensional keys or action sizes differ, or a value cannot be written.
LeRobotExport exportLeRobot(const std::vector<std::filesystem::path>& files, const data::ReadOptions& read,
                            const std::filesystem::path& outDir, const LeRobotExportOptions& options,
                            const ProgressCallback& progress, const CancelToken& cancel);

}  // namespace w4rl::collect

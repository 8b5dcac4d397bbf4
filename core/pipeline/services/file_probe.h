#pragma once
// What a file the user opens is, read from the file itself: a dataset (robomimic/LIBERO HDF5) or a
// World4RL checkpoint of some kind, with a one-line description for the studio's "Loaded" list.
// Torch-free interface. Throws w4rl::Error naming the file when it is neither.
#include <filesystem>
#include <string>

namespace w4rl::pipeline {

enum class FileKind { Dataset, WorldModel, Policy, Reward };

struct FileProbe {
  FileKind kind = FileKind::Dataset;
  std::string description;  // e.g. "230 episodes, 1 task (hammer), 64x64" or "policy for hammer, step 6000"
  std::string task;         // the dataset's first task or the checkpoint's task, if any
};

FileProbe probeFile(const std::filesystem::path& file);
std::string toString(FileKind kind);

}  // namespace w4rl::pipeline

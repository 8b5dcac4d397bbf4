#pragma once
// Reads robomimic-layout HDF5 datasets (ours, robomimic's own, LIBERO's) as one multi-task dataset.
// open() validates every file's metadata up front (shapes, element types, lengths; no image data is
// read) so a bad file fails at once with a message naming the file and the path inside it, instead of
// in the middle of training. Per-step arrays are then read lazily, one episode or frame range at a time.
//
// Threading: one Dataset object is used from one thread at a time; different Datasets (of the same or
// other files) may be read on different threads at once, because the HDF5 build is thread-safe (checked
// at compile time in library_version.cpp; tests/data/test_threads.cpp exercises it).
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "data/episode.h"

namespace w4rl::data {

struct ReadOptions {
  std::string imageKey = "agentview_image";  // obs/<imageKey>; LIBERO uses "agentview_rgb"
  // 0 keeps the stored size; otherwise frames are resized to imageSize x imageSize (area averaging
  // when shrinking, bilinear when growing).
  int imageSize = 0;
  bool flipVertical = false;  // LIBERO stores frames upside down
};

struct EpisodeInfo {
  std::size_t fileIndex = 0;  // into Dataset::files()
  std::string file;
  std::string demo;  // group name under /data, e.g. "demo_3"
  std::int64_t numSamples = 0;
  std::string task;
  int taskIndex = 0;  // into Dataset::tasks()
  EpisodeSource source = EpisodeSource::Unknown;
  bool success = false;
  std::int64_t seed = -1;  // -1 if absent; a uint64 seed is kept bit for bit
  bool inValidMask = false;
};

class Dataset {
 public:
  // Opens and validates every file; throws w4rl::Error "<file>: <path inside>: <problem>".
  static Dataset open(const std::vector<std::filesystem::path>& files, const ReadOptions& options = {});

  ~Dataset();
  Dataset(Dataset&& other) noexcept;
  Dataset& operator=(Dataset&& other) noexcept;
  Dataset(const Dataset&) = delete;
  Dataset& operator=(const Dataset&) = delete;

  // Episodes of all files, file by file, each file's demos in numeric order (demo_2 before demo_10).
  const std::vector<EpisodeInfo>& episodes() const;
  std::size_t size() const { return episodes().size(); }
  // Unique task names in first-seen order; EpisodeInfo::taskIndex indexes this.
  const std::vector<std::string>& tasks() const;
  int actionDim() const;
  // The size frames() returns (after resizing).
  int imageHeight() const;
  int imageWidth() const;
  const ReadOptions& options() const;  // as given to open()
  // What file i (into files()) is read with: the options, or LIBERO's key and flip (optionsForFile).
  const ReadOptions& fileOptions(std::size_t file) const;
  const std::vector<std::filesystem::path>& files() const;
  std::int64_t totalSamples() const;

  // Split from each file's mask/train and mask/valid when it has them, else every 10th episode of the
  // file (position 9, 19, ...) is a validation episode.
  const std::vector<std::size_t>& trainEpisodes() const;
  const std::vector<std::size_t>& validEpisodes() const;

  // N * actionDim, converted to float32. Throws naming the demo and step if a value is NaN/inf or
  // outside [-1, 1] (with a 1e-6 tolerance).
  std::vector<float> actions(std::size_t ep) const;
  std::vector<float> rewards(std::size_t ep) const;
  std::vector<std::uint8_t> dones(std::size_t ep) const;  // 0 or 1
  // Frames [start, start + count) as count * imageHeight() * imageWidth() * 3 RGB bytes, flipped and
  // resized per the options. Only those frames are read from disk.
  std::vector<std::uint8_t> frames(std::size_t ep, std::int64_t start, std::int64_t count) const;
  // Numeric rank-1/2 datasets under obs/ other than images, sorted by name.
  std::vector<std::string> lowDimKeys(std::size_t ep) const;
  int lowDimSize(std::size_t ep, const std::string& key) const;
  std::vector<double> lowDim(std::size_t ep, const std::string& key) const;  // N * lowDimSize
  int stateDim(std::size_t ep) const;                                        // 0 when the demo has no states
  std::vector<double> states(std::size_t ep) const;  // N * stateDim, empty when absent

  // Everything of one episode in memory (all frames, every low-dim stream); for tests and tools.
  Episode readEpisode(std::size_t ep) const;

 private:
  struct Impl;
  explicit Dataset(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace w4rl::data

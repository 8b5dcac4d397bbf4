#pragma once
// Appends episodes to a robomimic-layout HDF5 file (data/demo_<i>, mask/train, mask/valid) that
// robomimic and h5py open unchanged.
//
// Crash safety: all writing goes to a temporary copy next to the file; commit() publishes it with an
// atomic rename. The file at `path` is therefore always either the previous committed version or the
// new one, never half written, and a collection interrupted between commits keeps every episode up to
// the last commit. Not thread-safe (HDF5 here is not); use one writer from one thread.
#include <cstddef>
#include <filesystem>
#include <memory>

#include <nlohmann/json.hpp>

#include "data/episode.h"

namespace w4rl::data {

class DatasetWriter {
 public:
  // `envArgs` is stored as data.attrs["env_args"] (a JSON object; null means {}); the writer sets its
  // "env_name" (the single task, or "multi-task") and "tasks" (all tasks in the file) on commit.
  // An existing file at `path` must be a readable robomimic-layout file (else w4rl::Error, file
  // untouched); new demos are numbered after its highest demo_<i>.
  DatasetWriter(std::filesystem::path path, nlohmann::json envArgs);
  // Discards episodes appended since the last commit: removes the temporary copy, `path` is untouched.
  ~DatasetWriter();
  DatasetWriter(DatasetWriter&&) noexcept;
  DatasetWriter& operator=(DatasetWriter&&) noexcept;
  DatasetWriter(const DatasetWriter&) = delete;
  DatasetWriter& operator=(const DatasetWriter&) = delete;

  // Validates the episode (lengths, finite actions in [-1, 1], same action dimension and image size
  // as the file's other demos) and writes it as the next demo of the temporary copy.
  void append(const Episode& episode);
  // Writes data.total, data.env_args and the masks, closes the copy and renames it over `path`.
  // Later appends start a fresh copy of the committed file. If nothing was appended since the last
  // commit and `path` exists, this does nothing. On failure the uncommitted episodes are discarded.
  void commit();

  // Demos in the file being written: those already there plus those appended (committed or not).
  std::size_t episodesInFile() const;
  const std::filesystem::path& path() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace w4rl::data

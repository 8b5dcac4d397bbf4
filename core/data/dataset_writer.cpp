#include "data/dataset_writer.h"

#include <optional>

#include "common/atomic_file.h"
#include "common/error.h"
#include "data/demo_names.h"
#include "data/episode_validation.h"
#include "data/h5_read.h"
#include "data/h5_write.h"
#include "data/layout_finalize.h"

namespace w4rl::data {
namespace {

// What the writer must know about the file to number and check new demos.
struct FileState {
  std::int64_t nextNumber = 0;  // the next demo_<n>
  std::size_t demos = 0;
  int actionDim = 0;  // 0 until the file holds a demo
  int imageHeight = 0;
  int imageWidth = 0;
  std::optional<bool> nextObs;  // whether the file's demos have next_obs/; unset until it holds a demo
};

// Reads the existing file's demos (metadata only) so appends continue its numbering and stay
// consistent with it. Errors name the user's file; nothing is written to it.
FileState inspectExisting(const std::filesystem::path& path) {
  h5::File file = h5::File::openReadOnly(path);
  if (!h5::isGroup(file, "/data")) file.fail("/data", "missing group (not a robomimic-layout dataset)");
  FileState state;
  for (const std::string& name : h5::childNames(file, "/data")) {
    const std::string g = "/data/" + name;
    if (!h5::isGroup(file, g)) continue;
    ++state.demos;
    const std::int64_t number = demoNumber(name).value_or(-1);
    if (number + 1 > state.nextNumber) state.nextNumber = number + 1;
    if (state.actionDim == 0 && h5::isDataset(file, g + "/actions")) {
      const h5::DatasetInfo actions = h5::describe(file, g + "/actions");
      if (actions.rank() == 2) state.actionDim = static_cast<int>(actions.dims[1]);
    }
    if (!state.nextObs) state.nextObs = h5::isGroup(file, g + "/next_obs");
    if (state.imageHeight == 0 && h5::isDataset(file, g + "/obs/agentview_image")) {
      const h5::DatasetInfo image = h5::describe(file, g + "/obs/agentview_image");
      if (image.rank() == 4) {
        state.imageHeight = static_cast<int>(image.dims[1]);
        state.imageWidth = static_cast<int>(image.dims[2]);
      }
    }
  }
  return state;
}

// next_obs/<k>[t] = obs/<k>[t + 1], the final observation last, with obs/'s types and chunking.
void writeNextObservations(const h5::File& file, const std::string& g, const Episode& ep,
                           const FinalObservation& last) {
  const auto n = static_cast<hsize_t>(ep.numSamples());
  const auto h = static_cast<hsize_t>(ep.imageHeight);
  const auto w = static_cast<hsize_t>(ep.imageWidth);
  const std::size_t frameBytes = static_cast<std::size_t>(h * w * 3);
  std::vector<std::uint8_t> images(ep.images.begin() + static_cast<std::ptrdiff_t>(frameBytes),
                                   ep.images.end());
  images.insert(images.end(), last.image.begin(), last.image.end());
  h5::writeDataset(file, g + "/next_obs/agentview_image", H5T_STD_U8LE, H5T_NATIVE_UINT8, {n, h, w, 3},
                   images.data(), h5::DatasetLayout{{1, h, w, 3}, 4});
  for (const auto& [key, stream] : ep.lowDim) {
    const auto dim = static_cast<std::size_t>(stream.dim);
    std::vector<double> values(stream.values.begin() + static_cast<std::ptrdiff_t>(dim), stream.values.end());
    const auto& tail = last.lowDim.at(key);
    values.insert(values.end(), tail.begin(), tail.end());
    h5::writeDataset(file, g + "/next_obs/" + key, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE,
                     {n, static_cast<hsize_t>(dim)}, values.data());
  }
}

void writeEpisode(const h5::File& file, const std::string& g, const Episode& ep) {
  const auto n = static_cast<hsize_t>(ep.numSamples());
  h5::ensureGroup(file, g);
  h5::writeDataset(file, g + "/actions", H5T_IEEE_F32LE, H5T_NATIVE_FLOAT,
                   {n, static_cast<hsize_t>(ep.actionDim)}, ep.actions.data());
  h5::writeDataset(file, g + "/rewards", H5T_IEEE_F32LE, H5T_NATIVE_FLOAT, {n}, ep.rewards.data());
  h5::writeDataset(file, g + "/dones", H5T_STD_U8LE, H5T_NATIVE_UINT8, {n}, ep.dones.data());
  if (ep.stateDim > 0) {
    h5::writeDataset(file, g + "/states", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE,
                     {n, static_cast<hsize_t>(ep.stateDim)}, ep.states.data());
  }
  const auto h = static_cast<hsize_t>(ep.imageHeight);
  const auto w = static_cast<hsize_t>(ep.imageWidth);
  // One frame per chunk: training reads random frame ranges, and each chunk decompresses on its own.
  h5::writeDataset(file, g + "/obs/agentview_image", H5T_STD_U8LE, H5T_NATIVE_UINT8, {n, h, w, 3},
                   ep.images.data(), h5::DatasetLayout{{1, h, w, 3}, 4});
  for (const auto& [key, stream] : ep.lowDim) {
    h5::writeDataset(file, g + "/obs/" + key, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE,
                     {n, static_cast<hsize_t>(stream.dim)}, stream.values.data());
  }
  if (const auto& last = ep.finalObservation) writeNextObservations(file, g, ep, *last);
  h5::writeInt64Attribute(file, g, "num_samples", static_cast<std::int64_t>(n));
  h5::writeStringAttribute(file, g, "task", ep.task);
  h5::writeStringAttribute(file, g, "source", toString(ep.source));
  h5::writeUint64Attribute(file, g, "seed", ep.seed);
  h5::writeUint8Attribute(file, g, "success", ep.success ? 1 : 0);
}

}  // namespace

struct DatasetWriter::Impl {
  std::filesystem::path path;
  nlohmann::json envArgs;
  FileState committed;  // the file at `path`
  FileState current;    // the temporary copy, including uncommitted appends
  // Declared before `file` so the HDF5 file is closed before its temporary is removed.
  std::optional<AtomicFile> temp;
  std::optional<h5::File> file;

  void open() {
    if (file) return;
    temp.emplace(path);
    std::error_code ec;
    if (std::filesystem::exists(path, ec)) {
      std::filesystem::copy_file(path, temp->tempPath(), std::filesystem::copy_options::overwrite_existing,
                                 ec);
      if (ec) {
        temp.reset();
        throw Error(path.string() + ": cannot make a working copy: " + ec.message());
      }
      file.emplace(h5::File::openReadWrite(temp->tempPath(), path.string()));
    } else {
      file.emplace(h5::File::create(temp->tempPath(), path.string()));
      h5::ensureGroup(*file, "/data");
    }
  }

  // Drops the temporary copy and every uncommitted episode with it.
  void discard() {
    file.reset();
    temp.reset();
    current = committed;
  }
};

DatasetWriter::DatasetWriter(std::filesystem::path path, nlohmann::json envArgs)
    : impl_(std::make_unique<Impl>()) {
  if (envArgs.is_null()) envArgs = nlohmann::json::object();
  if (!envArgs.is_object())
    throw Error(path.string() + ": env_args must be a JSON object, got " + envArgs.dump());
  impl_->path = std::move(path);
  impl_->envArgs = std::move(envArgs);
  std::error_code ec;
  if (std::filesystem::exists(impl_->path, ec)) impl_->committed = inspectExisting(impl_->path);
  impl_->current = impl_->committed;
}

DatasetWriter::~DatasetWriter() {
  if (impl_) impl_->discard();
}
DatasetWriter::DatasetWriter(DatasetWriter&&) noexcept = default;
DatasetWriter& DatasetWriter::operator=(DatasetWriter&&) noexcept = default;

void DatasetWriter::append(const Episode& episode) {
  FileState& state = impl_->current;
  const std::string group = "/data/" + demoName(state.nextNumber);
  const std::string where = impl_->path.string() + ": " + group;
  validateEpisode(episode, where);
  if (state.actionDim != 0 && episode.actionDim != state.actionDim) {
    throw Error(where + ": action dimension " + std::to_string(episode.actionDim) +
                " differs from the file's other demos (" + std::to_string(state.actionDim) + ")");
  }
  if (state.imageHeight != 0 &&
      (episode.imageHeight != state.imageHeight || episode.imageWidth != state.imageWidth)) {
    throw Error(where + ": image size " + std::to_string(episode.imageHeight) + "x" +
                std::to_string(episode.imageWidth) + " differs from the file's other demos (" +
                std::to_string(state.imageHeight) + "x" + std::to_string(state.imageWidth) + ")");
  }
  // robomimic loads next_obs/ of every demo or of none.
  const bool nextObs = episode.finalObservation.has_value();
  if (state.nextObs && *state.nextObs != nextObs) {
    throw Error(where + (nextObs ? ": has next_obs/, the file's other demos do not"
                                 : ": has no next_obs/, the file's other demos do (collect --next-obs)"));
  }
  impl_->open();
  try {
    writeEpisode(*impl_->file, group, episode);
  } catch (...) {
    // A half-written demo must never reach a commit: remove it, or if even that fails give up on
    // the working copy (the committed file is still intact).
    try {
      h5::removeIfExists(*impl_->file, group);
    } catch (...) {
      impl_->discard();
    }
    throw;
  }
  ++state.nextNumber;
  ++state.demos;
  state.actionDim = episode.actionDim;
  state.imageHeight = episode.imageHeight;
  state.imageWidth = episode.imageWidth;
  state.nextObs = nextObs;
}

void DatasetWriter::commit() {
  std::error_code ec;
  if (!impl_->file && std::filesystem::exists(impl_->path, ec)) return;
  try {
    impl_->open();
    finalizeLayout(*impl_->file, impl_->envArgs);
    impl_->file->close();
    impl_->file.reset();
    impl_->temp->commit();
    impl_->temp.reset();
  } catch (...) {
    impl_->discard();
    throw;
  }
  impl_->committed = impl_->current;
}

std::size_t DatasetWriter::episodesInFile() const {
  return impl_->current.demos;
}
const std::filesystem::path& DatasetWriter::path() const {
  return impl_->path;
}

}  // namespace w4rl::data

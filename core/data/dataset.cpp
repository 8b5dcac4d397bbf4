#include "data/dataset.h"

#include <cmath>
#include <sstream>

#include "common/error.h"
#include "data/dataset_limits.h"
#include "data/demo_scan.h"
#include "data/h5_read.h"
#include "data/image_transform.h"

namespace w4rl::data {

struct Dataset::Impl {
  ReadOptions options;
  std::vector<ReadOptions> fileOptions;  // per file, as optionsForFile resolved them
  std::vector<std::filesystem::path> paths;
  std::vector<h5::File> files;
  std::vector<EpisodeInfo> episodes;
  std::vector<DemoLayout> layouts;  // parallel to episodes
  std::vector<std::string> tasks;
  std::vector<std::size_t> train;
  std::vector<std::size_t> valid;
  int actionDim = 0;
  int imageHeight = 0;
  int imageWidth = 0;
  std::int64_t totalSamples = 0;

  const DemoLayout& layout(std::size_t ep) const {
    if (ep >= layouts.size()) {
      throw Error("episode index " + std::to_string(ep) + " is out of range (the dataset has " +
                  std::to_string(layouts.size()) + " episodes)");
    }
    return layouts[ep];
  }
  const h5::File& file(std::size_t ep) const { return files[episodes[ep].fileIndex]; }
  hsize_t rows(std::size_t ep) const { return static_cast<hsize_t>(layout(ep).numSamples); }
};

namespace {

void checkOptions(const ReadOptions& options) {
  if (options.imageKey.empty() || options.imageKey.find('/') != std::string::npos) {
    throw Error("invalid image key \"" + options.imageKey + "\": expected a name under obs/");
  }
  if (options.imageSize < 0 || options.imageSize > limits::kMaxImageSide) {
    throw Error("invalid image size " + std::to_string(options.imageSize) + ": expected 0 (native) or 1.." +
                std::to_string(limits::kMaxImageSide));
  }
}

int taskIndex(std::vector<std::string>& tasks, const std::string& task) {
  for (std::size_t i = 0; i < tasks.size(); ++i) {
    if (tasks[i] == task) return static_cast<int>(i);
  }
  tasks.push_back(task);
  return static_cast<int>(tasks.size() - 1);
}

}  // namespace

Dataset Dataset::open(const std::vector<std::filesystem::path>& files, const ReadOptions& options) {
  if (files.empty()) throw Error("no dataset files given");
  checkOptions(options);
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  impl->paths = files;
  std::string firstDemo;  // "<file>: /data/demo_x", what later files are compared against
  for (std::size_t f = 0; f < files.size(); ++f) {
    h5::File file = h5::File::openReadOnly(files[f]);
    const ReadOptions fileOptions = optionsForFile(file, options);
    ScannedFile scanned = scanFile(file, f, files[f], fileOptions);
    for (ScannedDemo& demo : scanned.demos) {
      const std::string where = file.name() + ": " + demo.layout.group;
      if (firstDemo.empty()) {
        firstDemo = where;
        impl->actionDim = scanned.actionDim;
        impl->imageHeight = options.imageSize > 0 ? options.imageSize : demo.layout.imageHeight;
        impl->imageWidth = options.imageSize > 0 ? options.imageSize : demo.layout.imageWidth;
      }
      if (scanned.actionDim != impl->actionDim) {
        file.fail(demo.layout.group + "/actions", "expected action dimension " +
                                                      std::to_string(impl->actionDim) + " like " + firstDemo +
                                                      ", found " + std::to_string(scanned.actionDim));
      }
      // With resizing every frame ends up imageSize square, so only native sizes must agree.
      if (options.imageSize == 0 &&
          (demo.layout.imageHeight != impl->imageHeight || demo.layout.imageWidth != impl->imageWidth)) {
        file.fail(demo.layout.group + "/obs/" + fileOptions.imageKey,
                  "expected " + std::to_string(impl->imageHeight) + "x" + std::to_string(impl->imageWidth) +
                      " images like " + firstDemo + ", found " + std::to_string(demo.layout.imageHeight) +
                      "x" + std::to_string(demo.layout.imageWidth) + " (set an image size to resize)");
      }
      demo.info.taskIndex = taskIndex(impl->tasks, demo.info.task);
      const std::size_t index = impl->episodes.size();
      if (demo.layout.inTrain) impl->train.push_back(index);
      if (demo.info.inValidMask) impl->valid.push_back(index);
      impl->totalSamples += demo.info.numSamples;
      impl->episodes.push_back(std::move(demo.info));
      impl->layouts.push_back(std::move(demo.layout));
    }
    impl->files.push_back(std::move(file));
    impl->fileOptions.push_back(fileOptions);
  }
  return Dataset(std::move(impl));
}

Dataset::Dataset(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Dataset::~Dataset() = default;
Dataset::Dataset(Dataset&& other) noexcept = default;
Dataset& Dataset::operator=(Dataset&& other) noexcept = default;

const std::vector<EpisodeInfo>& Dataset::episodes() const {
  return impl_->episodes;
}
const std::vector<std::string>& Dataset::tasks() const {
  return impl_->tasks;
}
int Dataset::actionDim() const {
  return impl_->actionDim;
}
int Dataset::imageHeight() const {
  return impl_->imageHeight;
}
int Dataset::imageWidth() const {
  return impl_->imageWidth;
}
const ReadOptions& Dataset::options() const {
  return impl_->options;
}
const ReadOptions& Dataset::fileOptions(std::size_t file) const {
  if (file >= impl_->fileOptions.size())
    throw Error("file index " + std::to_string(file) + " is out of range (the dataset has " +
                std::to_string(impl_->fileOptions.size()) + " files)");
  return impl_->fileOptions[file];
}
const std::vector<std::filesystem::path>& Dataset::files() const {
  return impl_->paths;
}
std::int64_t Dataset::totalSamples() const {
  return impl_->totalSamples;
}
const std::vector<std::size_t>& Dataset::trainEpisodes() const {
  return impl_->train;
}
const std::vector<std::size_t>& Dataset::validEpisodes() const {
  return impl_->valid;
}

std::vector<float> Dataset::actions(std::size_t ep) const {
  const DemoLayout& layout = impl_->layout(ep);
  const std::string path = layout.group + "/actions";
  const auto dim = static_cast<hsize_t>(impl_->actionDim);
  const std::vector<double> values = h5::readDoubles(impl_->file(ep), path, 0, impl_->rows(ep), dim);
  std::vector<float> out(values.size());
  const double bound = 1.0 + limits::kActionTolerance;
  for (std::size_t i = 0; i < values.size(); ++i) {
    // Checked in double so a float64 1e300 is reported as itself, not as the float32 inf it becomes.
    const double v = values[i];
    if (!std::isfinite(v) || v < -bound || v > bound) {
      std::ostringstream value;
      value << v;  // "1.5", "nan", "inf" rather than to_string's "1.500000"
      impl_->file(ep).fail(path, "step " + std::to_string(i / dim) + ", component " +
                                     std::to_string(i % dim) + ": action is " + value.str() +
                                     ", expected a finite value in [-1, 1]");
    }
    out[i] = static_cast<float>(v);
  }
  return out;
}

std::vector<float> Dataset::rewards(std::size_t ep) const {
  const DemoLayout& layout = impl_->layout(ep);
  const std::vector<double> values =
      h5::readDoubles(impl_->file(ep), layout.group + "/rewards", 0, impl_->rows(ep), 1);
  return std::vector<float>(values.begin(), values.end());
}

std::vector<std::uint8_t> Dataset::dones(std::size_t ep) const {
  const DemoLayout& layout = impl_->layout(ep);
  const std::vector<std::int64_t> values =
      h5::readIntegers(impl_->file(ep), layout.group + "/dones", 0, impl_->rows(ep), 1);
  std::vector<std::uint8_t> out(values.size());
  for (std::size_t i = 0; i < values.size(); ++i) out[i] = values[i] != 0 ? 1 : 0;
  return out;
}

std::vector<std::uint8_t> Dataset::frames(std::size_t ep, std::int64_t start, std::int64_t count) const {
  const DemoLayout& layout = impl_->layout(ep);
  const ReadOptions& options = impl_->fileOptions[impl_->episodes[ep].fileIndex];
  const std::string path = layout.group + "/obs/" + options.imageKey;
  if (start < 0 || count < 0 || start > layout.numSamples || count > layout.numSamples - start) {
    impl_->file(ep).fail(path, "frames " + std::to_string(start) + "+" + std::to_string(count) +
                                   " requested, the demo has " + std::to_string(layout.numSamples));
  }
  const auto frameBytes =
      static_cast<hsize_t>(layout.imageHeight) * static_cast<hsize_t>(layout.imageWidth) * 3;
  std::vector<std::uint8_t> raw = h5::readBytes(impl_->file(ep), path, static_cast<hsize_t>(start),
                                                static_cast<hsize_t>(count), frameBytes);
  FrameTransform transform{options.flipVertical, impl_->imageHeight, impl_->imageWidth};
  // Without resizing, demos keep their own (validated equal) size.
  if (impl_->options.imageSize == 0) {
    transform.outHeight = layout.imageHeight;
    transform.outWidth = layout.imageWidth;
  }
  return transformFrames(std::move(raw), static_cast<std::size_t>(count), layout.imageHeight,
                         layout.imageWidth, transform);
}

std::vector<std::string> Dataset::lowDimKeys(std::size_t ep) const {
  std::vector<std::string> keys;
  for (const auto& [key, width] : impl_->layout(ep).lowDim) keys.push_back(key);
  return keys;
}

int Dataset::lowDimSize(std::size_t ep, const std::string& key) const {
  const DemoLayout& layout = impl_->layout(ep);
  for (const auto& [name, width] : layout.lowDim) {
    if (name == key) return width;
  }
  std::string available;
  for (const auto& [name, width] : layout.lowDim) available += (available.empty() ? "" : ", ") + name;
  impl_->file(ep).fail(layout.group + "/obs/" + key,
                       "no such low-dim observation; available: " + (available.empty() ? "none" : available));
}

std::vector<double> Dataset::lowDim(std::size_t ep, const std::string& key) const {
  const auto width = static_cast<hsize_t>(lowDimSize(ep, key));
  return h5::readDoubles(impl_->file(ep), impl_->layout(ep).group + "/obs/" + key, 0, impl_->rows(ep), width);
}

int Dataset::stateDim(std::size_t ep) const {
  return impl_->layout(ep).stateDim;
}

std::vector<double> Dataset::states(std::size_t ep) const {
  const DemoLayout& layout = impl_->layout(ep);
  if (layout.stateDim == 0) return {};
  return h5::readDoubles(impl_->file(ep), layout.group + "/states", 0, impl_->rows(ep),
                         static_cast<hsize_t>(layout.stateDim));
}

Episode Dataset::readEpisode(std::size_t ep) const {
  const DemoLayout& layout = impl_->layout(ep);
  const EpisodeInfo& info = impl_->episodes[ep];
  Episode out;
  out.task = info.task;
  out.source = info.source;
  out.seed = info.seed == -1 ? 0 : static_cast<std::uint64_t>(info.seed);
  out.success = info.success;
  out.actionDim = impl_->actionDim;
  out.actions = actions(ep);
  out.rewards = rewards(ep);
  out.dones = dones(ep);
  out.stateDim = layout.stateDim;
  out.states = states(ep);
  out.images = frames(ep, 0, layout.numSamples);
  out.imageHeight = impl_->options.imageSize > 0 ? impl_->imageHeight : layout.imageHeight;
  out.imageWidth = impl_->options.imageSize > 0 ? impl_->imageWidth : layout.imageWidth;
  for (const auto& [key, width] : layout.lowDim) out.lowDim[key] = LowDimStream{width, lowDim(ep, key)};
  return out;
}

}  // namespace w4rl::data

#include "metrics/video_writer.h"

#include <cmath>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>
#include <system_error>

#include "common/atomic_file.h"
#include "common/error.h"
#include "common/number_text.h"

namespace w4rl::metrics {

struct SideBySideVideoWriter::Impl {
  explicit Impl(std::filesystem::path target) : file(std::move(target)) {}

  AtomicFile file;
  // OpenCV picks the container from the file name, so the video is written under AtomicFile's temporary
  // name plus ".mp4" and moved onto that temporary name when finished, then committed.
  std::filesystem::path videoTemp;
  cv::VideoWriter writer;
  SideBySideLayout layout;
  std::string panelCaption;
  cv::Size videoSize;
  int sourceHeight = 0;
  int sourceWidth = 0;
  std::string fourcc;
  int frames = 0;
  bool bare = false;
  bool closed = false;

  std::string name() const { return file.target().string(); }

  void checkOpen(int panels) const;
  void checkSize(const ImageView& frame) const;
  void write(RgbImage composed);
};

void SideBySideVideoWriter::Impl::checkOpen(int panels) const {
  if (closed) throw Error("cannot add a frame to " + name() + ": the video is already closed");
  if (panels != layout.panels)
    throw Error("video " + name() + " has " + std::to_string(layout.panels) + " panel(s) per frame, " +
                std::to_string(panels) + " given");
}

void SideBySideVideoWriter::Impl::checkSize(const ImageView& frame) const {
  checkImage(frame, "video " + name());
  if (frame.height != sourceHeight || frame.width != sourceWidth)
    throw Error("video " + name() + ": frame size " + sizeString(frame) + " differs from the video's " +
                std::to_string(sourceHeight) + "x" + std::to_string(sourceWidth));
}

void SideBySideVideoWriter::Impl::write(RgbImage composed) {
  const cv::Mat rgb(composed.height, composed.width, CV_8UC3, composed.pixels.data());
  cv::Mat bgr;
  cv::cvtColor(rgb, bgr, cv::COLOR_RGB2BGR);
  if (bgr.size() != videoSize) {
    cv::copyMakeBorder(bgr, bgr, 0, videoSize.height - bgr.rows, 0, videoSize.width - bgr.cols,
                       cv::BORDER_CONSTANT, cv::Scalar(0, 0, 0));
  }
  writer.write(bgr);
  ++frames;
}

namespace {

bool tryOpen(cv::VideoWriter& writer, const std::filesystem::path& file, const char* fourcc, double fps,
             cv::Size size) {
  try {
    const int code = cv::VideoWriter::fourcc(fourcc[0], fourcc[1], fourcc[2], fourcc[3]);
    if (writer.open(file.string(), code, fps, size, true) && writer.isOpened()) return true;
  } catch (const cv::Exception&) {
    // Some backends throw instead of failing; both mean "this codec is not available".
  }
  writer.release();
  std::error_code ignored;
  std::filesystem::remove(file, ignored);  // a failed attempt may have created the file
  return false;
}

}  // namespace

SideBySideVideoWriter::SideBySideVideoWriter(std::filesystem::path path, int frameHeight, int frameWidth,
                                             VideoOptions options)
    : impl_(std::make_unique<Impl>(std::move(path))) {
  Impl& s = *impl_;
  if (!(options.fps > 0.0) || !std::isfinite(options.fps))
    throw Error("cannot write video " + s.name() + ": fps " + formatDouble(options.fps) + " is not positive");
  try {
    s.layout = sideBySideLayout(frameHeight, frameWidth, options.bare ? 1 : options.scale,
                                options.singlePanel || options.bare ? 1 : 3);
  } catch (const Error& e) {
    throw Error("cannot write video " + s.name() + ": " + e.what());
  }
  if (options.bare) {
    s.bare = true;
    s.layout.captionHeight = 0;
    s.layout.height = frameHeight;
    s.layout.width = frameWidth;
  }
  const std::filesystem::path dir = s.file.target().parent_path();
  if (!dir.empty() && !std::filesystem::is_directory(dir))
    throw Error("cannot write video " + s.name() + ": directory " + dir.string() + " does not exist");

  s.panelCaption = options.panelCaption;
  s.sourceHeight = frameHeight;
  s.sourceWidth = frameWidth;
  s.videoSize = cv::Size(s.layout.width + s.layout.width % 2, s.layout.height + s.layout.height % 2);
  s.videoTemp = s.file.tempPath();
  s.videoTemp += ".mp4";
  for (const char* fourcc : {"avc1", "mp4v"}) {
    if (tryOpen(s.writer, s.videoTemp, fourcc, options.fps, s.videoSize)) {
      s.fourcc = fourcc;
      return;
    }
  }
  throw Error("cannot write video " + s.name() + ": OpenCV could not open an MP4 writer (tried avc1, mp4v)");
}

SideBySideVideoWriter::~SideBySideVideoWriter() {
  if (!impl_ || impl_->closed) return;
  impl_->writer.release();
  std::error_code ignored;
  std::filesystem::remove(impl_->videoTemp, ignored);
  // impl_->file removes its own temporary file (if the rename in close() got that far).
}

SideBySideVideoWriter::SideBySideVideoWriter(SideBySideVideoWriter&&) noexcept = default;

void SideBySideVideoWriter::addFrame(const ImageView& real, const ImageView& imagined,
                                     const std::string& text) {
  Impl& s = *impl_;
  s.checkOpen(3);
  checkSameSize(real, imagined, "video " + s.name());
  s.checkSize(real);
  s.write(composeSideBySide(real, imagined, text, s.layout.scale));
}

void SideBySideVideoWriter::addFrame(const ImageView& frame, const std::string& text) {
  Impl& s = *impl_;
  s.checkOpen(1);
  s.checkSize(frame);
  if (s.bare) {
    if (!text.empty()) throw Error("video " + s.name() + " has its frames bare: no text on them");
    const auto bytes = static_cast<std::size_t>(frame.height) * static_cast<std::size_t>(frame.width) * 3;
    s.write(RgbImage{{frame.data, frame.data + bytes}, frame.height, frame.width});
    return;
  }
  s.write(composeSinglePanel(frame, s.panelCaption, text, s.layout.scale));
}

void SideBySideVideoWriter::close() {
  Impl& s = *impl_;
  if (s.closed) return;
  if (s.frames == 0) throw Error("cannot write video " + s.name() + ": no frames were added");
  s.writer.release();
  std::error_code ec;
  std::filesystem::rename(s.videoTemp, s.file.tempPath(), ec);
  if (ec) throw Error("cannot write video " + s.name() + ": " + ec.message());
  s.file.commit();
  s.closed = true;
}

const std::filesystem::path& SideBySideVideoWriter::path() const {
  return impl_->file.target();
}
const std::string& SideBySideVideoWriter::fourcc() const {
  return impl_->fourcc;
}
int SideBySideVideoWriter::frameCount() const {
  return impl_->frames;
}
const SideBySideLayout& SideBySideVideoWriter::layout() const {
  return impl_->layout;
}

}  // namespace w4rl::metrics

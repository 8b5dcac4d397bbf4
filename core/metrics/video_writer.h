#pragma once
// An MP4 of side-by-side comparison frames (real | imagined | |diff|, see side_by_side.h), e.g. one
// world-model rollout next to the real episode, or of single camera frames (VideoOptions::singlePanel,
// e.g. a policy's episodes in the real environment). The video is written to a temporary file and only
// appears under its name on close(), so an interrupted run never leaves a truncated video behind.
#include <filesystem>
#include <memory>
#include <string>

#include "metrics/image.h"
#include "metrics/side_by_side.h"

namespace w4rl::metrics {

struct VideoOptions {
  double fps = 10.0;
  int scale = 0;  // panel enlargement; 0: automatic, as in sideBySideLayout (64x64 -> 256x256)
  // One panel per frame, added with addFrame(frame, text) and captioned `panelCaption`, instead of
  // real | imagined | |diff|.
  bool singlePanel = false;
  std::string panelCaption = "camera";
  // The frames as they are, at their own size (padded to even sizes), without captions or text: a
  // dataset's camera stream (e.g. a LeRobot export). Implies one panel; addFrame(frame) without text.
  bool bare = false;
};

class SideBySideVideoWriter {
 public:
  // Opens the video for source frames of frameHeight x frameWidth. Tries H.264 (fourcc 'avc1') first and
  // falls back to MPEG-4 Part 2 ('mp4v') where OpenCV's build has no H.264 encoder. Throws w4rl::Error
  // naming the path if the directory does not exist, the options are invalid or no codec opens.
  SideBySideVideoWriter(std::filesystem::path path, int frameHeight, int frameWidth,
                        VideoOptions options = {});
  // Without a successful close(), removes the temporary file: no video appears.
  ~SideBySideVideoWriter();
  SideBySideVideoWriter(const SideBySideVideoWriter&) = delete;
  SideBySideVideoWriter& operator=(const SideBySideVideoWriter&) = delete;
  SideBySideVideoWriter(SideBySideVideoWriter&&) noexcept;
  SideBySideVideoWriter& operator=(SideBySideVideoWriter&&) = delete;

  // Appends one composed frame; `text` goes into the row under the panels. Throws w4rl::Error naming the
  // file if the frames' size differs from the one given at construction, or after close().
  // Side-by-side videos only.
  void addFrame(const ImageView& real, const ImageView& imagined, const std::string& text = "");
  // The same for a single-panel video (VideoOptions::singlePanel) and its one frame.
  void addFrame(const ImageView& frame, const std::string& text = "");
  // Finishes the file and renames it into place. Throws w4rl::Error naming the path if no frame was
  // added (an empty MP4 is not playable) or the rename fails; the destructor then cleans up. A second
  // call after a successful one does nothing.
  void close();

  const std::filesystem::path& path() const;
  const std::string& fourcc() const;  // "avc1" or "mp4v"
  int frameCount() const;
  // The composed frame's layout; the video's size is this rounded up to even numbers (H.264 4:2:0
  // needs even sizes), the padding black.
  const SideBySideLayout& layout() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace w4rl::metrics

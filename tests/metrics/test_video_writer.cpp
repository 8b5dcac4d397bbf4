// Side-by-side videos: written atomically and readable by OpenCV with the right frames.
#include <gtest/gtest.h>

#include <opencv2/videoio.hpp>

#include "common/error.h"
#include "metrics/video_writer.h"
#include "test_support.h"

namespace w4rl::metrics {
namespace {

namespace fs = std::filesystem;

struct Decoded {
  int frames = 0;
  cv::Size size;
  std::vector<cv::Vec3b> centreOfReal;  // BGR pixel at the centre of the "real" panel, per frame
};

Decoded decode(const fs::path& file, const SideBySideLayout& layout) {
  Decoded d;
  cv::VideoCapture capture(file.string());
  EXPECT_TRUE(capture.isOpened()) << file;
  cv::Mat frame;
  while (capture.read(frame)) {
    ++d.frames;
    d.size = frame.size();
    d.centreOfReal.push_back(
        frame.at<cv::Vec3b>(layout.captionHeight + layout.panelHeight / 2, layout.panelWidth / 2));
  }
  return d;
}

// Frame t shows a grey real image of level 40 * t + 20, so decoded frames can be told apart and their
// order checked through a lossy codec.
RgbImage realFrame(int t, int h, int w) {
  const auto v = static_cast<std::uint8_t>(40 * t + 20);
  return test::constantImage(h, w, v, v, v);
}

TEST(VideoWriter, WritesAReadableVideoWithTheRightFrames) {
  const fs::path dir = test::freshDir();
  const fs::path file = dir / "rollout.mp4";
  SideBySideVideoWriter writer(file, 64, 64);
  EXPECT_TRUE(writer.fourcc() == "avc1" || writer.fourcc() == "mp4v") << writer.fourcc();
  RecordProperty("fourcc", writer.fourcc());
  std::cout << "fourcc used: " << writer.fourcc() << "\n";
  for (int t = 0; t < 6; ++t) {
    const RgbImage real = realFrame(t, 64, 64);
    const RgbImage imagined = test::addNoise(real, 8.0, static_cast<std::uint64_t>(t));
    writer.addFrame(real.view(), imagined.view(), "t=" + std::to_string(t) + " PSNR 30.0 dB");
    EXPECT_FALSE(fs::exists(file)) << "the video appeared before close()";
  }
  writer.close();
  EXPECT_EQ(writer.frameCount(), 6);
  ASSERT_TRUE(fs::exists(file));
  EXPECT_GT(fs::file_size(file), 0u);
  EXPECT_EQ(test::countEntries(dir), 1u) << "a temporary file was left behind";

  const SideBySideLayout& layout = writer.layout();
  const Decoded d = decode(file, layout);
  EXPECT_EQ(d.frames, 6);
  EXPECT_EQ(d.size, cv::Size(768, 256 + 2 * layout.captionHeight));
  ASSERT_EQ(d.centreOfReal.size(), 6u);
  for (int t = 0; t < 6; ++t) {
    for (int c = 0; c < 3; ++c) EXPECT_NEAR(d.centreOfReal[t][c], 40 * t + 20, 12) << "frame " << t;
  }
}

TEST(VideoWriter, SinglePanelVideosShowOneFrameAndRefuseTwo) {
  const fs::path dir = test::freshDir();
  const fs::path file = dir / "camera.mp4";
  VideoOptions options;
  options.singlePanel = true;
  options.panelCaption = "pick-place";
  SideBySideVideoWriter writer(file, 64, 64, options);
  EXPECT_EQ(writer.layout().panels, 1);
  const RgbImage first = realFrame(0, 64, 64);
  EXPECT_THROW(writer.addFrame(first.view(), first.view()), Error);
  for (int t = 0; t < 4; ++t) writer.addFrame(realFrame(t, 64, 64).view(), "t=" + std::to_string(t));
  writer.close();
  const Decoded d = decode(file, writer.layout());
  EXPECT_EQ(d.frames, 4);
  EXPECT_EQ(d.size, cv::Size(256, 256 + 2 * writer.layout().captionHeight));
  ASSERT_EQ(d.centreOfReal.size(), 4u);
  for (int t = 0; t < 4; ++t)
    for (int c = 0; c < 3; ++c) EXPECT_NEAR(d.centreOfReal[t][c], 40 * t + 20, 12) << "frame " << t;

  SideBySideVideoWriter sideBySide(dir / "both.mp4", 64, 64);
  EXPECT_THROW(sideBySide.addFrame(first.view(), "one frame"), Error);
}

TEST(VideoWriter, BareVideosHoldTheFramesAtTheirOwnSizeWithoutText) {
  const fs::path dir = test::freshDir();
  const fs::path file = dir / "camera.mp4";
  VideoOptions options;
  options.bare = true;
  SideBySideVideoWriter writer(file, 48, 64, options);
  EXPECT_EQ(writer.layout().panels, 1);
  EXPECT_EQ(writer.layout().captionHeight, 0);
  const RgbImage first = realFrame(0, 48, 64);
  EXPECT_THROW(writer.addFrame(first.view(), "a caption"), Error);
  EXPECT_THROW(writer.addFrame(first.view(), first.view()), Error);
  for (int t = 0; t < 5; ++t) writer.addFrame(realFrame(t, 48, 64).view());
  writer.close();
  cv::VideoCapture capture(file.string());
  ASSERT_TRUE(capture.isOpened());
  cv::Mat frame;
  int frames = 0;
  while (capture.read(frame)) {
    EXPECT_EQ(frame.size(), cv::Size(64, 48));
    // The whole frame is the picture: its corner as well as its centre.
    for (const cv::Point p : {cv::Point(32, 24), cv::Point(1, 1)})
      for (int c = 0; c < 3; ++c) EXPECT_NEAR(frame.at<cv::Vec3b>(p)[c], 40 * frames + 20, 12) << frames;
    ++frames;
  }
  EXPECT_EQ(frames, 5);
}

TEST(VideoWriter, OddSizesArePaddedToEven) {
  const fs::path dir = test::freshDir();
  const fs::path file = dir / "odd.mp4";
  VideoOptions options;
  options.scale = 1;
  options.fps = 25.0;
  SideBySideVideoWriter writer(file, 9, 7, options);
  for (int t = 0; t < 3; ++t) {
    const RgbImage real = realFrame(t, 9, 7);
    writer.addFrame(real.view(), real.view());
  }
  writer.close();
  const Decoded d = decode(file, writer.layout());
  EXPECT_EQ(d.frames, 3);
  EXPECT_EQ(d.size, cv::Size(22, 9 + 2 * writer.layout().captionHeight + 1));
}

TEST(VideoWriter, DestroyedWithoutCloseLeavesNothing) {
  const fs::path dir = test::freshDir();
  {
    SideBySideVideoWriter writer(dir / "abandoned.mp4", 16, 16);
    const RgbImage real = realFrame(1, 16, 16);
    writer.addFrame(real.view(), real.view());
    EXPECT_GE(test::countEntries(dir), 1u);  // the temporary file exists while writing
  }
  EXPECT_EQ(test::countEntries(dir), 0u);
}

TEST(VideoWriter, ClosingAnEmptyVideoIsAnErrorAndLeavesNothing) {
  const fs::path dir = test::freshDir();
  {
    SideBySideVideoWriter writer(dir / "empty.mp4", 16, 16);
    EXPECT_THROW(writer.close(), Error);
  }
  EXPECT_EQ(test::countEntries(dir), 0u);
}

TEST(VideoWriter, MissingDirectoryIsAnErrorNamingThePath) {
  const fs::path file = test::freshDir() / "no-such-dir" / "rollout.mp4";
  try {
    SideBySideVideoWriter writer(file, 64, 64);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find(file.string()), std::string::npos) << e.what();
  }
  EXPECT_FALSE(fs::exists(file.parent_path()));
}

TEST(VideoWriter, RefusesFramesOfAnotherSizeOrBadOptions) {
  const fs::path dir = test::freshDir();
  const fs::path file = dir / "sizes.mp4";
  SideBySideVideoWriter writer(file, 16, 16);
  const RgbImage small = realFrame(0, 16, 15);
  try {
    writer.addFrame(small.view(), small.view());
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find(file.string()), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("16x15"), std::string::npos) << e.what();
  }
  const RgbImage a = realFrame(0, 16, 16);
  EXPECT_THROW(writer.addFrame(a.view(), small.view()), Error);
  EXPECT_EQ(writer.frameCount(), 0);

  VideoOptions badFps;
  badFps.fps = 0.0;
  EXPECT_THROW(SideBySideVideoWriter(dir / "fps.mp4", 16, 16, badFps), Error);
  EXPECT_THROW(SideBySideVideoWriter(dir / "size.mp4", 0, 16), Error);
}

TEST(VideoWriter, NoFramesAfterClose) {
  const fs::path dir = test::freshDir();
  SideBySideVideoWriter writer(dir / "closed.mp4", 16, 16);
  const RgbImage a = realFrame(0, 16, 16);
  writer.addFrame(a.view(), a.view());
  writer.close();
  EXPECT_THROW(writer.addFrame(a.view(), a.view()), Error);
}

}  // namespace
}  // namespace w4rl::metrics

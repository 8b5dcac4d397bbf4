// Flipping and resizing frames, on plain buffers and through Dataset's read options.
#include <gtest/gtest.h>

#include "data/dataset.h"
#include "data/dataset_writer.h"
#include "data/image_transform.h"
#include "test_support.h"

namespace w4rl::data {
namespace {

using Frame = std::vector<std::uint8_t>;

std::size_t at(int w, int y, int x, int c) {
  return (static_cast<std::size_t>(y) * w + x) * 3 + c;
}

TEST(ImageTransform, FlipSwapsTopAndBottom) {
  // 4x2: top two rows red, bottom two rows blue.
  Frame frame(4 * 2 * 3, 0);
  for (int y = 0; y < 4; ++y) {
    for (int x = 0; x < 2; ++x) frame[at(2, y, x, y < 2 ? 0 : 2)] = 255;
  }
  const Frame out = transformFrames(frame, 1, 4, 2, {true, 4, 2});
  for (int x = 0; x < 2; ++x) {
    EXPECT_EQ(out[at(2, 0, x, 2)], 255);  // blue on top
    EXPECT_EQ(out[at(2, 0, x, 0)], 0);
    EXPECT_EQ(out[at(2, 3, x, 0)], 255);  // red at the bottom
    EXPECT_EQ(out[at(2, 3, x, 2)], 0);
  }
}

TEST(ImageTransform, FlipsEachFrameSeparately) {
  // Two 2x1 frames; frame f has rows (10f, 10f + 1).
  const Frame frames = {0, 0, 0, 1, 1, 1, 10, 10, 10, 11, 11, 11};
  EXPECT_EQ(transformFrames(frames, 2, 2, 1, {true, 2, 1}),
            (Frame{1, 1, 1, 0, 0, 0, 11, 11, 11, 10, 10, 10}));
  EXPECT_EQ(transformFrames(frames, 2, 2, 1, {false, 2, 1}), frames);
}

TEST(ImageTransform, ResizingAConstantImageKeepsItConstant) {
  Frame frame;
  for (int i = 0; i < 16 * 16; ++i) frame.insert(frame.end(), {10, 200, 77});
  for (int size : {8, 5, 24}) {
    const Frame out = transformFrames(frame, 1, 16, 16, {false, size, size});
    ASSERT_EQ(out.size(), static_cast<std::size_t>(size * size * 3));
    for (std::size_t i = 0; i < out.size(); i += 3) {
      ASSERT_EQ(out[i], 10) << size;
      ASSERT_EQ(out[i + 1], 200) << size;
      ASSERT_EQ(out[i + 2], 77) << size;
    }
  }
}

TEST(ImageTransform, HalvingAveragesEachTwoByTwoBlock) {
  // Within each 2x2 block the four pixels are base, base+40, base+80, base+120 (mean base+60), with
  // base = block row + 2 * block column, and channel c adds c.
  Frame frame(16 * 16 * 3);
  for (int y = 0; y < 16; ++y) {
    for (int x = 0; x < 16; ++x) {
      const int base = y / 2 + 2 * (x / 2);
      for (int c = 0; c < 3; ++c)
        frame[at(16, y, x, c)] = static_cast<std::uint8_t>(base + ((y % 2) * 2 + x % 2) * 40 + c);
    }
  }
  const Frame out = transformFrames(frame, 1, 16, 16, {false, 8, 8});
  for (int y = 0; y < 8; ++y) {
    for (int x = 0; x < 8; ++x) {
      for (int c = 0; c < 3; ++c) ASSERT_EQ(out[at(8, y, x, c)], y + 2 * x + 60 + c) << y << "," << x;
    }
  }
}

TEST(ImageTransform, GrowingInterpolatesBetweenCorners) {
  // 1x2 black|white grown to 1x4: the outer pixels keep their colour, the inner ones blend.
  const Frame frame = {0, 0, 0, 200, 200, 200};
  const Frame out = transformFrames(frame, 1, 1, 2, {false, 1, 4});
  EXPECT_EQ(out[0], 0);
  EXPECT_EQ(out[9], 200);
  EXPECT_GT(out[3], 0);
  EXPECT_LT(out[3], out[6]);
  EXPECT_LT(out[6], 200);
}

TEST(ImageTransform, DatasetAppliesFlipAndResize) {
  const std::filesystem::path file = test::freshDir() / "data.hdf5";
  const Episode ep = test::makeEpisode(5, 3, 16, 16);
  {
    DatasetWriter writer(file, {});
    writer.append(ep);
    writer.commit();
  }
  ReadOptions options;
  options.flipVertical = true;
  options.imageSize = 8;
  const Dataset ds = Dataset::open({file}, options);
  EXPECT_EQ(ds.imageHeight(), 8);
  EXPECT_EQ(ds.imageWidth(), 8);
  const Frame frames = ds.frames(0, 1, 2);
  const Frame stored(ep.images.begin() + 16 * 16 * 3, ep.images.begin() + 3 * 16 * 16 * 3);
  EXPECT_EQ(frames, transformFrames(stored, 2, 16, 16, {true, 8, 8}));

  options.imageSize = 0;
  const Dataset flipped = Dataset::open({file}, options);
  const Frame full = flipped.frames(0, 0, 1);
  for (int x = 0; x < 16; ++x) EXPECT_EQ(full[at(16, 0, x, 1)], ep.images[at(16, 15, x, 1)]);
}

}  // namespace
}  // namespace w4rl::data

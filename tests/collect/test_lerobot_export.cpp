// dataset export-lerobot: the export is read back by an independent decoder (tests/scripts/check_lerobot.py:
// its own Thrift and parquet reader, h5py for the source) and its videos by OpenCV; bad requests and a
// cancel leave nothing behind.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <opencv2/videoio.hpp>
#include <string>

#include "collect/collector.h"
#include "collect/lerobot_export.h"
#include "common/error.h"
#include "data/dataset.h"
#include "data/parquet_writer.h"

#include "shared_test_support.h"

namespace fs = std::filesystem;

namespace w4rl::collect {
namespace {

fs::path collected(const fs::path& dir) {
  CollectConfig c;
  c.task = "soccer";
  c.recipe = parseRecipe("expert:2,random:1");
  c.out = dir / "collected.hdf5";
  c.seed = 3;
  c.imageSize = 32;
  c.episodeLength = 12;
  collect(c, nullptr, CancelToken{});
  return c.out;
}

nlohmann::json readJson(const fs::path& file) {
  std::ifstream in(file);
  return nlohmann::json::parse(in);
}

TEST(LeRobotExport, AnIndependentReaderFindsEveryStepAndFrameOfTheSource) {
  const fs::path dir = test::freshDir();
  const fs::path source = collected(dir);
  const fs::path out = dir / "lerobot";
  int reported = 0;
  const auto r = exportLeRobot(
      {source}, {}, out, {}, [&](const ProgressEvent&) { ++reported; }, CancelToken{});
  EXPECT_EQ(r.episodes, 3);
  EXPECT_EQ(reported, 3);
  EXPECT_EQ(r.tasks, 1);
  EXPECT_GT(r.fps, 0.0);
  EXPECT_EQ(test::runPython("check_lerobot.py", {out.string(), source.string()}), 0);

  const auto info = readJson(out / "meta" / "info.json");
  EXPECT_EQ(info["fps"].get<double>(), r.fps) << "the control rate the file was collected at";
  EXPECT_EQ(info["features"]["action"]["shape"], nlohmann::json::array({4}));
  EXPECT_EQ(info["total_frames"].get<std::int64_t>(), r.frames);
  const auto ds = data::Dataset::open({source});
  for (std::size_t e = 0; e < ds.size(); ++e) {
    const auto video = out / "videos" / "chunk-000" / "observation.images.agentview" /
                       ("episode_00000" + std::to_string(e) + ".mp4");
    cv::VideoCapture capture(video.string());
    ASSERT_TRUE(capture.isOpened()) << video;
    const auto frames = ds.frames(e, 0, ds.episodes()[e].numSamples);
    cv::Mat frame;
    std::int64_t t = 0;
    double error = 0;
    while (capture.read(frame)) {
      ASSERT_EQ(frame.size(), cv::Size(32, 32));
      for (int y = 0; y < 32; ++y)
        for (int x = 0; x < 32; ++x)
          for (int c = 0; c < 3; ++c)  // BGR against RGB
            error += std::abs(frame.at<cv::Vec3b>(y, x)[2 - c] -
                              frames[static_cast<std::size_t>(((t * 32 + y) * 32 + x) * 3 + c)]);
      ++t;
    }
    EXPECT_EQ(t, ds.episodes()[e].numSamples) << video;
    EXPECT_LT(error / static_cast<double>(t * 32 * 32 * 3), 12.0) << "a lossy codec, not other frames";
  }
}

TEST(LeRobotExport, AnExistingFolderABadRequestOrACancelLeavesNothing) {
  const fs::path dir = test::freshDir();
  const fs::path source = collected(dir);
  fs::create_directories(dir / "taken");
  EXPECT_THROW(exportLeRobot({source}, {}, dir / "taken", {}, nullptr, CancelToken{}), Error);
  EXPECT_TRUE(fs::is_empty(dir / "taken"));
  LeRobotExportOptions slash;
  slash.camera = "a/b";
  EXPECT_THROW(exportLeRobot({source}, {}, dir / "x", slash, nullptr, CancelToken{}), Error);
  EXPECT_THROW(exportLeRobot({dir / "missing.hdf5"}, {}, dir / "x", {}, nullptr, CancelToken{}), Error);
  CancelToken cancel;
  const auto r = exportLeRobot(
      {source}, {}, dir / "x", {}, [&](const ProgressEvent&) { cancel.cancel(); }, cancel);
  EXPECT_TRUE(r.cancelled);
  EXPECT_EQ(r.episodes, 1);
  EXPECT_EQ(test::countEntries(dir), 2u) << "only the source and the taken folder";
}

TEST(ParquetTable, RefusesColumnsThatDoNotFitTheTable) {
  data::ParquetTable t;
  EXPECT_THROW(t.serialize(), Error) << "no columns";
  t.addInt64("a", {1, 2, 3});
  EXPECT_THROW(t.addFloat("b", {1.f, 2.f}), Error);
  EXPECT_THROW(t.addInt64("a", {4, 5, 6}), Error);
  EXPECT_THROW(t.addFloatList("c", {1.f, 2.f, 3.f, 4.f, 5.f}, 2), Error);
  EXPECT_THROW(t.addFloatList("c", {}, 0), Error);
  EXPECT_THROW(t.addBool("", {true, false, true}), Error);
  t.addFloatList("c", {1.f, 2.f, 3.f, 4.f, 5.f, 6.f}, 2);
  EXPECT_EQ(t.rows(), 3);
  const auto bytes = t.serialize();
  ASSERT_GT(bytes.size(), 8u);
  EXPECT_EQ(std::string(bytes.begin(), bytes.begin() + 4), "PAR1");
  EXPECT_EQ(std::string(bytes.end() - 4, bytes.end()), "PAR1");
}

}  // namespace
}  // namespace w4rl::collect

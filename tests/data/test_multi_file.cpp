// Several files opened as one multi-task dataset.
#include <gtest/gtest.h>

#include "common/error.h"
#include "data/dataset.h"
#include "data/dataset_writer.h"
#include "test_support.h"

namespace w4rl::data {
namespace {

namespace fs = std::filesystem;
using test::makeEpisode;

fs::path writeFile(const fs::path& path, const std::vector<Episode>& episodes) {
  DatasetWriter writer(path, {});
  for (const Episode& ep : episodes) writer.append(ep);
  writer.commit();
  return path;
}

TEST(MultiFile, TwoTasksFromTwoFilesShareOneIndex) {
  const fs::path dir = test::freshDir();
  const fs::path a = writeFile(dir / "a.hdf5", {makeEpisode(0), makeEpisode(1), makeEpisode(2)});
  const fs::path b =
      writeFile(dir / "b.hdf5", {makeEpisode(3, 4, 8, 8, "push"), makeEpisode(4, 6, 8, 8, "push")});
  const fs::path c = writeFile(dir / "c.hdf5", {makeEpisode(5), makeEpisode(6, 5, 8, 8, "stack")});
  const Dataset ds = Dataset::open({a, b, c});
  EXPECT_EQ(ds.files(), (std::vector<fs::path>{a, b, c}));
  EXPECT_EQ(ds.tasks(), (std::vector<std::string>{"pick-place", "push", "stack"}));
  ASSERT_EQ(ds.size(), 7u);
  const std::vector<int> taskIndex = {0, 0, 0, 1, 1, 0, 2};
  const std::vector<std::size_t> fileIndex = {0, 0, 0, 1, 1, 2, 2};
  for (std::size_t i = 0; i < ds.size(); ++i) {
    EXPECT_EQ(ds.episodes()[i].taskIndex, taskIndex[i]) << i;
    EXPECT_EQ(ds.episodes()[i].fileIndex, fileIndex[i]) << i;
    EXPECT_EQ(ds.episodes()[i].file, ds.files()[fileIndex[i]].string());
  }
  EXPECT_EQ(ds.episodes()[4].demo, "demo_1");
  EXPECT_EQ(ds.readEpisode(4).actions, makeEpisode(4, 6).actions);
  EXPECT_EQ(ds.frames(6, 0, 5), makeEpisode(6).images);
  EXPECT_EQ(ds.totalSamples(), 5 * 5 + 4 + 6);
  EXPECT_EQ(ds.trainEpisodes().size(), 7u);
}

TEST(MultiFile, ImageSizesMustAgreeUnlessResizing) {
  const fs::path dir = test::freshDir();
  const fs::path a = writeFile(dir / "a.hdf5", {makeEpisode(0, 5, 8, 8)});
  const fs::path b = writeFile(dir / "b.hdf5", {makeEpisode(1, 5, 16, 12)});
  try {
    Dataset::open({a, b});
    FAIL() << "expected an image size error";
  } catch (const Error& e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find(b.string() + ": /data/demo_0/obs/agentview_image"), std::string::npos) << msg;
    EXPECT_NE(msg.find("expected 8x8"), std::string::npos) << msg;
    EXPECT_NE(msg.find("found 16x12"), std::string::npos) << msg;
  }
  ReadOptions options;
  options.imageSize = 10;
  const Dataset ds = Dataset::open({a, b}, options);
  EXPECT_EQ(ds.frames(0, 0, 2).size(), 2u * 10 * 10 * 3);
  EXPECT_EQ(ds.frames(1, 0, 2).size(), 2u * 10 * 10 * 3);
}

TEST(MultiFile, TaskFallsBackToEnvNameThenFileStem) {
  const fs::path dir = test::freshDir();
  const fs::path named = test::makeMalformed(dir, "valid");          // env_args env_name "malformed-test"
  const fs::path unnamed = test::makeMalformed(dir, "no_env_args");  // no task anywhere: the stem
  const Dataset ds = Dataset::open({named, unnamed});
  EXPECT_EQ(ds.tasks(), (std::vector<std::string>{"malformed-test", "no_env_args"}));
  EXPECT_EQ(ds.episodes()[2].taskIndex, 1);
}

TEST(MultiFile, RejectsBadArguments) {
  EXPECT_THROW(Dataset::open({}), Error);
  const fs::path a = writeFile(test::freshDir() / "a.hdf5", {makeEpisode(0)});
  ReadOptions options;
  options.imageSize = -1;
  EXPECT_THROW(Dataset::open({a}, options), Error);
  options.imageSize = 0;
  options.imageKey = "../x";
  EXPECT_THROW(Dataset::open({a}, options), Error);
}

}  // namespace
}  // namespace w4rl::data

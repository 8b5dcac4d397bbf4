// DatasetWriter's append/commit life cycle: appending to existing files, committing repeatedly, and
// leaving the user's file untouched when episodes are never committed or are rejected.
#include <gtest/gtest.h>

#include <fstream>

#include "common/error.h"
#include "data/dataset.h"
#include "data/dataset_writer.h"
#include "test_support.h"

namespace w4rl::data {
namespace {

namespace fs = std::filesystem;
using test::makeEpisode;

// Asserts that `fn` throws w4rl::Error whose message contains every one of `parts`.
template <typename Fn>
void expectError(Fn&& fn, const std::vector<std::string>& parts) {
  try {
    fn();
    FAIL() << "expected w4rl::Error";
  } catch (const Error& e) {
    for (const std::string& part : parts)
      EXPECT_NE(std::string(e.what()).find(part), std::string::npos) << e.what();
  }
}

std::vector<std::string> demoNames(const Dataset& ds) {
  std::vector<std::string> names;
  for (const EpisodeInfo& info : ds.episodes()) names.push_back(info.demo);
  return names;
}

TEST(Writer, AppendsToAnExistingFileAcrossWriters) {
  const fs::path file = test::freshDir() / "data.hdf5";
  {
    DatasetWriter writer(file, {});
    for (std::uint64_t i = 0; i < 3; ++i) writer.append(makeEpisode(i));
    writer.commit();
  }
  {
    DatasetWriter writer(file, {});
    EXPECT_EQ(writer.episodesInFile(), 3u);
    writer.append(makeEpisode(10, 4, 8, 8, "push"));
    writer.append(makeEpisode(11, 6, 8, 8, "push"));
    EXPECT_EQ(writer.episodesInFile(), 5u);
    writer.commit();
  }
  const Dataset ds = Dataset::open({file});
  EXPECT_EQ(demoNames(ds), (std::vector<std::string>{"demo_0", "demo_1", "demo_2", "demo_3", "demo_4"}));
  EXPECT_EQ(ds.tasks(), (std::vector<std::string>{"pick-place", "push"}));
  EXPECT_EQ(ds.episodes()[3].seed, 10);
  EXPECT_EQ(ds.readEpisode(4).images, makeEpisode(11, 6).images);
  EXPECT_EQ(ds.readEpisode(1).actions, makeEpisode(1).actions);
  EXPECT_EQ(ds.totalSamples(), 3 * 5 + 4 + 6);
  EXPECT_EQ(test::runPython("check_robomimic_layout.py", {file.string(), "5", "--synthetic"}), 0);
}

TEST(Writer, AppendsAfterCommitAndPublishesOnlyCommittedEpisodes) {
  const fs::path dir = test::freshDir();
  const fs::path file = dir / "data.hdf5";
  DatasetWriter writer(file, {});
  writer.append(makeEpisode(0));
  writer.append(makeEpisode(1));
  writer.commit();
  EXPECT_EQ(Dataset::open({file}).size(), 2u);

  writer.append(makeEpisode(2));
  EXPECT_EQ(Dataset::open({file}).size(), 2u);  // not committed yet: the file still has two
  writer.append(makeEpisode(3));
  writer.commit();
  const Dataset ds = Dataset::open({file});
  EXPECT_EQ(demoNames(ds), (std::vector<std::string>{"demo_0", "demo_1", "demo_2", "demo_3"}));
  EXPECT_EQ(ds.readEpisode(3).states, makeEpisode(3).states);
  writer.commit();  // nothing new: a no-op
  EXPECT_EQ(test::countEntries(dir), 1u);
  EXPECT_EQ(test::runPython("check_robomimic_layout.py", {file.string(), "4", "--synthetic"}), 0);
}

TEST(Writer, DestructorWithoutCommitLeavesFileByteIdentical) {
  const fs::path dir = test::freshDir();
  const fs::path file = dir / "data.hdf5";
  {
    DatasetWriter writer(file, {});
    writer.append(makeEpisode(0));
    writer.commit();
  }
  const std::string before = test::fileBytes(file);
  {
    DatasetWriter writer(file, {});
    writer.append(makeEpisode(1));
    writer.append(makeEpisode(2));
    EXPECT_EQ(test::countEntries(dir), 2u);  // the working copy exists while appending
  }
  EXPECT_EQ(test::fileBytes(file), before);
  EXPECT_EQ(test::countEntries(dir), 1u);  // no temporary left behind
  EXPECT_EQ(Dataset::open({file}).size(), 1u);
}

TEST(Writer, DestructorWithoutCommitCreatesNothing) {
  const fs::path dir = test::freshDir();
  {
    DatasetWriter writer(dir / "new.hdf5", {});
    writer.append(makeEpisode(0));
  }
  EXPECT_EQ(test::countEntries(dir), 0u);
}

TEST(Writer, CommitWithoutEpisodesWritesAnEmptyValidLayout) {
  const fs::path file = test::freshDir() / "empty.hdf5";
  DatasetWriter writer(file, {{"env_name", "pick-place"}});
  writer.commit();
  ASSERT_TRUE(fs::exists(file));
  EXPECT_EQ(test::runPython("check_robomimic_layout.py", {file.string(), "0"}), 0);
  // An empty file is a valid place to continue.
  DatasetWriter more(file, {});
  more.append(makeEpisode(0));
  more.commit();
  EXPECT_EQ(Dataset::open({file}).size(), 1u);
}

TEST(Writer, RejectsInvalidEpisodesAndStaysUsable) {
  const fs::path file = test::freshDir() / "data.hdf5";
  DatasetWriter writer(file, {});
  writer.append(makeEpisode(0, 5, 8, 8, "pick-place", 3));

  Episode nan = makeEpisode(1);
  nan.actions[4] = std::numeric_limits<float>::quiet_NaN();
  expectError([&] { writer.append(nan); }, {file.string(), "/data/demo_1", "action 1 at step 1"});
  Episode big = makeEpisode(1);
  big.actions[0] = 1.5f;
  expectError([&] { writer.append(big); }, {file.string(), "step 0", "[-1, 1]"});
  Episode shortDones = makeEpisode(1);
  shortDones.dones.pop_back();
  expectError([&] { writer.append(shortDones); }, {file.string(), "dones", "expected 5"});
  expectError([&] { writer.append(makeEpisode(1, 5, 16, 16)); }, {file.string(), "image size 16x16", "8x8"});
  expectError([&] { writer.append(makeEpisode(1, 5, 8, 8, "pick-place", 4)); },
              {"action dimension 4", "(3)"});
  Episode badKey = makeEpisode(1);
  badKey.lowDim["a/b"] = LowDimStream{1, std::vector<double>(5, 0.0)};
  expectError([&] { writer.append(badKey); }, {"a/b"});

  writer.append(makeEpisode(1));
  writer.commit();
  const Dataset ds = Dataset::open({file});
  EXPECT_EQ(demoNames(ds), (std::vector<std::string>{"demo_0", "demo_1"}));  // rejects used no number
}

TEST(Writer, ChecksConsistencyWithDemosAlreadyInTheFile) {
  const fs::path file = test::freshDir() / "data.hdf5";
  {
    DatasetWriter writer(file, {});
    writer.append(makeEpisode(0, 5, 8, 8, "pick-place", 3));
    writer.commit();
  }
  DatasetWriter writer(file, {});
  expectError([&] { writer.append(makeEpisode(1, 5, 8, 8, "pick-place", 2)); },
              {"/data/demo_1", "action dimension 2"});
  expectError([&] { writer.append(makeEpisode(1, 5, 4, 8)); }, {"image size 4x8"});
}

TEST(Writer, RefusesAnExistingFileThatIsNotADatasetAndLeavesIt) {
  const fs::path dir = test::freshDir();
  const fs::path text = dir / "notes.hdf5";
  std::ofstream(text) << "not a dataset\n";
  expectError([&] { DatasetWriter writer(text, {}); }, {text.string(), "not an HDF5 file"});
  EXPECT_EQ(test::fileBytes(text), "not a dataset\n");

  const fs::path other = test::makeMalformed(dir, "no_data_group");
  const std::string before = test::fileBytes(other);
  expectError([&] { DatasetWriter writer(other, {}); }, {other.string(), "/data"});
  EXPECT_EQ(test::fileBytes(other), before);
  EXPECT_EQ(test::countEntries(dir), 2u);
  expectError([&] { DatasetWriter writer(dir / "x.hdf5", nlohmann::json::array()); }, {"env_args"});
}

TEST(Writer, ContinuesNumberingAfterTheHighestDemo) {
  const fs::path dir = test::freshDir();
  const fs::path file = test::makeMalformed(dir, "valid");  // demo_0 and demo_1, written by h5py
  DatasetWriter writer(file, {});
  Episode ep = makeEpisode(0, 5, 8, 8, "pick-place", 3);
  writer.append(ep);
  writer.commit();
  const Dataset ds = Dataset::open({file});
  EXPECT_EQ(demoNames(ds), (std::vector<std::string>{"demo_0", "demo_1", "demo_2"}));
  // Demos without a task attribute keep the task of the file's previous env_name.
  EXPECT_EQ(ds.tasks(), (std::vector<std::string>{"malformed-test", "pick-place"}));
  EXPECT_EQ(ds.readEpisode(2).images, ep.images);
}

}  // namespace
}  // namespace w4rl::data

// Writing episodes with DatasetWriter and reading them back with Dataset: every field byte-exact,
// the file-level attributes and masks, and demo ordering past demo_9.
#include <gtest/gtest.h>

#include "common/error.h"
#include "data/dataset.h"
#include "data/dataset_writer.h"
#include "test_support.h"

namespace w4rl::data {
namespace {

namespace fs = std::filesystem;
using test::makeEpisode;

void expectSameEpisode(const Episode& a, const Episode& b) {
  EXPECT_EQ(a.task, b.task);
  EXPECT_EQ(a.source, b.source);
  EXPECT_EQ(a.seed, b.seed);
  EXPECT_EQ(a.success, b.success);
  EXPECT_EQ(a.actionDim, b.actionDim);
  EXPECT_EQ(a.actions, b.actions);
  EXPECT_EQ(a.rewards, b.rewards);
  EXPECT_EQ(a.dones, b.dones);
  EXPECT_EQ(a.stateDim, b.stateDim);
  EXPECT_EQ(a.states, b.states);
  EXPECT_EQ(a.imageHeight, b.imageHeight);
  EXPECT_EQ(a.imageWidth, b.imageWidth);
  EXPECT_EQ(a.images, b.images);
  ASSERT_EQ(a.lowDim.size(), b.lowDim.size());
  for (const auto& [key, stream] : a.lowDim) {
    ASSERT_EQ(b.lowDim.count(key), 1u) << key;
    EXPECT_EQ(stream.dim, b.lowDim.at(key).dim) << key;
    EXPECT_EQ(stream.values, b.lowDim.at(key).values) << key;
  }
}

TEST(RoundTrip, TwelveEpisodesByteExactInDemoOrder) {
  const fs::path file = test::freshDir() / "data.hdf5";
  std::vector<Episode> written;
  {
    DatasetWriter writer(file, {{"env_kwargs", {{"horizon", 50}}}});
    for (std::uint64_t i = 0; i < 12; ++i) {
      written.push_back(makeEpisode(i, 3 + static_cast<int>(i % 4)));
      writer.append(written.back());
    }
    EXPECT_EQ(writer.episodesInFile(), 12u);
    writer.commit();
  }

  const Dataset ds = Dataset::open({file});
  ASSERT_EQ(ds.size(), 12u);
  EXPECT_EQ(ds.actionDim(), 3);
  EXPECT_EQ(ds.imageHeight(), 8);
  EXPECT_EQ(ds.imageWidth(), 8);
  EXPECT_EQ(ds.tasks(), std::vector<std::string>{"pick-place"});
  std::int64_t total = 0;
  for (std::size_t i = 0; i < 12; ++i) {
    const EpisodeInfo& info = ds.episodes()[i];
    EXPECT_EQ(info.demo, "demo_" + std::to_string(i));  // demo_10 after demo_9, not after demo_1
    EXPECT_EQ(info.numSamples, static_cast<std::int64_t>(written[i].numSamples()));
    EXPECT_EQ(info.seed, static_cast<std::int64_t>(i));
    EXPECT_EQ(info.source, i % 2 == 0 ? EpisodeSource::Expert : EpisodeSource::Noisy);
    EXPECT_EQ(info.success, i % 2 == 0);
    EXPECT_EQ(info.taskIndex, 0);
    EXPECT_EQ(info.inValidMask, i == 9);
    EXPECT_EQ(ds.lowDimKeys(i), (std::vector<std::string>{"object", "robot0_eef_pos"}));
    EXPECT_EQ(ds.lowDimSize(i, "object"), 5);
    expectSameEpisode(ds.readEpisode(i), written[i]);
    total += info.numSamples;
  }
  EXPECT_EQ(ds.totalSamples(), total);
  EXPECT_EQ(ds.validEpisodes(), std::vector<std::size_t>{9});
  EXPECT_EQ(ds.trainEpisodes(), (std::vector<std::size_t>{0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 11}));
}

TEST(RoundTrip, LargeSeedSurvivesBitForBit) {
  const fs::path file = test::freshDir() / "seed.hdf5";
  Episode ep = makeEpisode(4);
  ep.seed = 0xFFFF'FFFF'FFFF'FFF0ull;
  DatasetWriter writer(file, nlohmann::json::object());
  writer.append(ep);
  writer.commit();
  const Dataset ds = Dataset::open({file});
  EXPECT_EQ(ds.readEpisode(0).seed, ep.seed);
}

TEST(RoundTrip, PartialFrameReadsMatchTheWholeEpisode) {
  const fs::path file = test::freshDir() / "frames.hdf5";
  const Episode ep = makeEpisode(3, 7, 6, 5);
  DatasetWriter writer(file, {});
  writer.append(ep);
  writer.commit();
  const Dataset ds = Dataset::open({file});
  const std::size_t frameBytes = 6 * 5 * 3;
  const std::vector<std::uint8_t> middle = ds.frames(0, 2, 3);
  ASSERT_EQ(middle.size(), 3 * frameBytes);
  EXPECT_TRUE(std::equal(middle.begin(), middle.end(), ep.images.begin() + 2 * frameBytes));
  EXPECT_TRUE(ds.frames(0, 7, 0).empty());
  EXPECT_THROW(ds.frames(0, 5, 3), Error);
  EXPECT_THROW(ds.frames(0, -1, 1), Error);
  EXPECT_THROW(ds.actions(1), Error);  // no second episode
  try {
    ds.lowDim(0, "gripper");
    FAIL() << "expected an error for an unknown low-dim key";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("robot0_eef_pos"), std::string::npos) << e.what();
  }
}

TEST(RoundTrip, EpisodeWithoutStatesOrLowDim) {
  const fs::path file = test::freshDir() / "plain.hdf5";
  Episode ep = makeEpisode(2);
  ep.stateDim = 0;
  ep.states.clear();
  ep.lowDim.clear();
  DatasetWriter writer(file, {});
  writer.append(ep);
  writer.commit();
  const Dataset ds = Dataset::open({file});
  EXPECT_EQ(ds.stateDim(0), 0);
  EXPECT_TRUE(ds.states(0).empty());
  EXPECT_TRUE(ds.lowDimKeys(0).empty());
  expectSameEpisode(ds.readEpisode(0), ep);
}

}  // namespace
}  // namespace w4rl::data

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <vector>

#include "collect/collector.h"
#include "common/error.h"
#include "common/rng.h"
#include "data/dataset.h"

#include "shared_test_support.h"

namespace fs = std::filesystem;

namespace w4rl::collect {
namespace {

CollectConfig smallConfig(const fs::path& out, const std::string& recipe) {
  CollectConfig c;
  c.task = "pick-place";
  c.recipe = parseRecipe(recipe);
  c.out = out;
  c.seed = 3;
  c.imageSize = 16;
  c.episodeLength = 12;
  c.commitEvery = 2;
  return c;
}

// A stand-in for a trained policy: pushes the gripper down-right with a grip that depends on the image,
// and records what the collector told it.
class ScriptedActor final : public EpisodeActor {
 public:
  void prepare(const sim::EnvConfig& env) override {
    if (env.imageWidth != 16) throw Error("scripted actor: wants 16x16 frames");
    prepared = true;
  }
  void reset(std::uint64_t episodeSeed) override { seeds.push_back(episodeSeed); }
  sim::Action act(const sim::Observation& observation) override {
    EXPECT_EQ(observation.image.size(), 16u * 16u * 3u);
    ++steps;
    // Out of range on purpose: the collector must clamp what an actor returns.
    return {2.0f, -0.5f, -3.0f, observation.image[0] > 127 ? 1.0f : -1.0f};
  }

  bool prepared = false;
  std::vector<std::uint64_t> seeds;
  int steps = 0;
};

}  // namespace

TEST(Collector, WritesEpisodesThatReadBackWithSourcesAndShapes) {
  const fs::path out = w4rl::test::freshDir() / "d.hdf5";
  const auto result = collect(smallConfig(out, "expert:2,noisy:1,random:1"), {}, CancelToken{});
  EXPECT_EQ(result.episodes, 4);
  EXPECT_EQ(result.steps, 48);
  const auto ds = data::Dataset::open({out});
  ASSERT_EQ(ds.episodes().size(), 4u);
  EXPECT_EQ(ds.actionDim(), 4);
  EXPECT_EQ(ds.imageHeight(), 16);
  EXPECT_EQ(ds.episodes()[0].source, data::EpisodeSource::Expert);
  EXPECT_EQ(ds.episodes()[2].source, data::EpisodeSource::Noisy);
  EXPECT_EQ(ds.episodes()[3].source, data::EpisodeSource::Random);
  for (const auto& ep : ds.episodes()) {
    EXPECT_EQ(ep.task, "pick-place");
    EXPECT_EQ(ep.numSamples, 12);
  }
  const auto dones = ds.dones(0);
  EXPECT_EQ(dones.back(), 1);
  EXPECT_EQ(dones.front(), 0);
  EXPECT_EQ(ds.lowDim(0, "robot0_eef_pos").size(), 12u * 3u);
  // The hand only translates: its quaternion (x, y, z, w) is the same unit quaternion at every step.
  const auto quat = ds.lowDim(0, "robot0_eef_quat");
  ASSERT_EQ(quat.size(), 12u * 4u);
  for (std::size_t t = 0; t < 12; ++t) {
    double norm = 0;
    for (std::size_t k = 0; k < 4; ++k) {
      norm += quat[4 * t + k] * quat[4 * t + k];
      EXPECT_DOUBLE_EQ(quat[4 * t + k], quat[k]) << t;
    }
    EXPECT_NEAR(norm, 1.0, 1e-12) << t;
  }
}

TEST(Collector, SameSeedGivesIdenticalData) {
  const fs::path dir = w4rl::test::freshDir();
  collect(smallConfig(dir / "a.hdf5", "noisy:2"), {}, CancelToken{});
  collect(smallConfig(dir / "b.hdf5", "noisy:2"), {}, CancelToken{});
  const auto a = data::Dataset::open({dir / "a.hdf5"});
  const auto b = data::Dataset::open({dir / "b.hdf5"});
  for (std::size_t ep = 0; ep < 2; ++ep) {
    EXPECT_EQ(a.actions(ep), b.actions(ep));
    EXPECT_EQ(a.frames(ep, 0, 12), b.frames(ep, 0, 12));
    EXPECT_EQ(a.states(ep), b.states(ep));
  }
}

TEST(Collector, AppendingContinuesWithNewSeeds) {
  const fs::path out = w4rl::test::freshDir() / "d.hdf5";
  collect(smallConfig(out, "expert:2"), {}, CancelToken{});
  const auto r = collect(smallConfig(out, "expert:2"), {}, CancelToken{});
  EXPECT_EQ(r.episodesInFile, 4u);
  const auto ds = data::Dataset::open({out});
  ASSERT_EQ(ds.episodes().size(), 4u);
  std::set<std::int64_t> seeds;
  for (const auto& ep : ds.episodes()) seeds.insert(ep.seed);
  EXPECT_EQ(seeds.size(), 4u);
}

TEST(Collector, CancelKeepsCompletedEpisodesInAValidFile) {
  const fs::path out = w4rl::test::freshDir() / "d.hdf5";
  CancelToken cancel;
  const auto result = collect(
      smallConfig(out, "random:10"),
      [&cancel](const ProgressEvent& e) {
        if (e.done == 3) cancel.cancel();
      },
      cancel);
  EXPECT_TRUE(result.cancelled);
  EXPECT_EQ(result.episodes, 3);
  EXPECT_EQ(data::Dataset::open({out}).episodes().size(), 3u);
}

TEST(Collector, ExpertEpisodesSucceedAndRandomOnesMostlyDoNot) {
  const fs::path out = w4rl::test::freshDir() / "d.hdf5";
  CollectConfig c = smallConfig(out, "expert:3,random:3");
  c.episodeLength = 50;
  const auto result = collect(c, {}, CancelToken{});
  EXPECT_GE(result.bySource.at("expert").successes, 3);
  EXPECT_LE(result.bySource.at("random").successes, 1);
  const auto ds = data::Dataset::open({out});
  EXPECT_TRUE(ds.episodes()[0].success);
  const auto rewards = ds.rewards(0);
  EXPECT_GT(*std::max_element(rewards.begin(), rewards.end()), 0.5f);
}

TEST(Collector, PolicyEpisodesAreActedByTheGivenActorAndRecordedAsPolicy) {
  const fs::path out = w4rl::test::freshDir() / "d.hdf5";
  CollectConfig c = smallConfig(out, "random:1,policy:2");
  auto actor = std::make_shared<ScriptedActor>();
  c.policy = actor;
  const auto result = collect(c, {}, CancelToken{});
  EXPECT_EQ(result.episodes, 3);
  EXPECT_EQ(result.bySource.at("policy").episodes, 2);
  EXPECT_TRUE(actor->prepared);
  EXPECT_EQ(actor->steps, 24);
  const auto ds = data::Dataset::open({out});
  ASSERT_EQ(ds.episodes().size(), 3u);
  EXPECT_EQ(ds.episodes()[0].source, data::EpisodeSource::Random);
  // The actor is told each policy episode's environment seed: the collection's seed scheme, unchanged.
  ASSERT_EQ(actor->seeds.size(), 2u);
  for (std::size_t ep = 1; ep < 3; ++ep) {
    EXPECT_EQ(ds.episodes()[ep].source, data::EpisodeSource::Policy);
    EXPECT_EQ(static_cast<std::uint64_t>(ds.episodes()[ep].seed), mixSeed(3, ep));
    EXPECT_EQ(actor->seeds[ep - 1], mixSeed(3, ep));
    const auto actions = ds.actions(ep);
    EXPECT_EQ(actions[0], 1.0f);
    EXPECT_EQ(actions[1], -0.5f);
    EXPECT_EQ(actions[2], -1.0f);
  }
}

TEST(Collector, PolicyRecipeWithoutAPolicyIsAnErrorBeforeAnythingIsWritten) {
  const fs::path out = w4rl::test::freshDir() / "d.hdf5";
  try {
    collect(smallConfig(out, "expert:1,policy:3"), {}, CancelToken{});
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("no policy was given"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("policy:3"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(fs::exists(out));
}

TEST(Collector, AnActorThatCannotActInTheEnvironmentFailsBeforeTheFileIsWritten) {
  const fs::path out = w4rl::test::freshDir() / "d.hdf5";
  CollectConfig c = smallConfig(out, "expert:1,policy:1");
  c.imageSize = 24;
  c.policy = std::make_shared<ScriptedActor>();
  EXPECT_THROW(collect(c, {}, CancelToken{}), Error);
  EXPECT_FALSE(fs::exists(out));
}

}  // namespace w4rl::collect

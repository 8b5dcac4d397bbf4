// Where imagined rollouts start: the first frames of a task's episodes, or any step with the frames and
// actions that led into it (refine's start_from=any), checked against the recorded episodes.
#include <gtest/gtest.h>
#include <torch/torch.h>

#include <fstream>

#include "collect/collector.h"
#include "common/error.h"
#include "learning/refine_settings.h"
#include "pipeline/jobs/dataset_context_source.h"
#include "shared_test_support.h"

namespace w4rl::pipeline {
namespace {

// Collected per test: each test's directory is its own. Episode length 0 keeps the task's default.
data::Dataset collectSoccer(const std::string& recipe, std::uint64_t seed, int episodeLength) {
  const auto file = w4rl::test::freshDir() / "soccer.hdf5";
  collect::CollectConfig c;
  c.task = "soccer";
  c.recipe = collect::parseRecipe(recipe);
  c.out = file;
  c.seed = seed;
  c.imageSize = 16;
  if (episodeLength > 0) c.episodeLength = episodeLength;
  collect::collect(c, {}, CancelToken{});
  return data::Dataset::open({file});
}

data::Dataset smallSoccer() {
  return collectSoccer("random:2", 5, 6);
}

torch::Tensor episodeFrames(const data::Dataset& d, std::size_t ep) {
  const auto n = static_cast<std::int64_t>(d.episodes()[ep].numSamples);
  auto bytes = d.frames(ep, 0, static_cast<std::size_t>(n));
  return torch::from_blob(bytes.data(), {n, 16, 16, 3}, torch::kUInt8).clone();
}

}  // namespace

TEST(DatasetContextSource, StartsFromFirstFramesByDefault) {
  const auto d = smallSoccer();
  DatasetContextSource source(d, "soccer", 4, 0);
  EXPECT_EQ(source.size(), 2);
  at::Generator gen = at::detail::createCPUGenerator(1);
  const auto b = source.sample(8, gen);
  ASSERT_EQ(b.frames.sizes(), (std::vector<std::int64_t>{8, 4, 16, 16, 3}));
  EXPECT_EQ(b.actions.abs().sum().item<float>(), 0.0f);
  for (int i = 0; i < 8; ++i) {
    const bool first0 = torch::equal(b.frames[i][3], episodeFrames(d, 0)[0]);
    const bool first1 = torch::equal(b.frames[i][3], episodeFrames(d, 1)[0]);
    EXPECT_TRUE(first0 || first1);
    EXPECT_TRUE(torch::equal(b.frames[i][0], b.frames[i][3]));  // padded with copies of the frame
  }
}

TEST(DatasetContextSource, AnyStepGivesTheFramesAndActionsThatLedThere) {
  const auto d = smallSoccer();
  DatasetContextSource source(d, "soccer", 4, 3, true);
  EXPECT_EQ(source.size(), 2 * 5);  // every step but the last of two 6-step episodes
  at::Generator gen = at::detail::createCPUGenerator(2);
  const auto b = source.sample(64, gen);
  EXPECT_TRUE(torch::all(b.task == 3).item<bool>());
  int matched = 0, later = 0;
  for (int i = 0; i < 64; ++i)
    for (std::size_t ep = 0; ep < 2; ++ep) {
      const auto frames = episodeFrames(d, ep);
      auto actionsVec = d.actions(ep);
      const auto actions = torch::from_blob(actionsVec.data(), {6, 4}, torch::kFloat).clone();
      for (std::int64_t t = 0; t < 5; ++t) {
        if (!torch::equal(b.frames[i][3], frames[t])) continue;
        ++matched;
        if (t >= 3) {
          ++later;
          EXPECT_TRUE(torch::equal(b.frames[i][0], frames[t - 3]));
          EXPECT_TRUE(torch::allclose(b.actions[i][3], actions[t - 1]));  // the action into frame t
          // The oldest context frame's action: before the episode's first frame it is padding (zero).
          const auto oldest = t == 3 ? torch::zeros({4}) : actions[t - 4];
          EXPECT_TRUE(torch::allclose(b.actions[i][0], oldest)) << "t " << t;
        }
      }
    }
  EXPECT_GE(matched, 64);  // every context ends on a recorded frame
  EXPECT_GT(later, 0);     // and starts beyond the first steps
}

TEST(ContextPack, RoundTripsAndSamplesAsTheDatasetDoes) {
  const auto d = smallSoccer();
  const auto pack = w4rl::test::freshDir() / "soccer_contexts.pt";
  learning::EpisodeContextSource::savePack(pack, "soccer", taskEpisodeClips(d, "soccer", true));
  auto [task, episodes] = learning::EpisodeContextSource::loadPack(pack);
  EXPECT_EQ(task, "soccer");
  ASSERT_EQ(episodes.size(), 2u);
  EXPECT_TRUE(torch::equal(episodes[1].frames, episodeFrames(d, 1)));
  learning::EpisodeContextSource fromPack(std::move(episodes), 4, 4, 3, true);
  DatasetContextSource fromDataset(d, "soccer", 4, 3, true);
  ASSERT_EQ(fromPack.size(), fromDataset.size());
  at::Generator g1 = at::detail::createCPUGenerator(9), g2 = at::detail::createCPUGenerator(9);
  const auto a = fromPack.sample(16, g1), b = fromDataset.sample(16, g2);
  EXPECT_TRUE(torch::equal(a.frames, b.frames));
  EXPECT_TRUE(torch::equal(a.actions, b.actions));
  EXPECT_TRUE(torch::equal(a.task, b.task));
}

TEST(ContextPack, LimitSpreadsOverEpisodesAndBadFilesAreRefused) {
  const auto d = smallSoccer();
  const auto one = taskEpisodeClips(d, "soccer", false, 1);
  ASSERT_EQ(one.size(), 1u);
  EXPECT_EQ(one[0].frames.size(0), 1);  // first frames only
  const auto bad = w4rl::test::freshDir() / "not_a_pack.pt";
  { std::ofstream(bad) << "junk"; }
  EXPECT_THROW(learning::EpisodeContextSource::loadPack(bad), Error);
  EXPECT_THROW(learning::EpisodeContextSource::loadPack(bad.parent_path() / "missing.pt"), Error);
  // A file with one action short of its frames is refused with the episode named.
  auto clips = taskEpisodeClips(d, "soccer", true);
  clips[1].actions = clips[1].actions.slice(0, 1);
  EXPECT_THROW(learning::EpisodeContextSource(clips, 4, 4, 0, true), Error);
}

TEST(DatasetContextSource, AnyStepStartsOnlyBeforeAnEpisodeFirstSucceeds) {
  const auto d = collectSoccer("expert:2,random:1", 3, 0);
  auto clips = taskEpisodeClips(d, "soccer", true);
  ASSERT_EQ(clips.size(), 3u);
  std::int64_t expected = 0;
  int succeeded = 0;
  for (std::size_t ep = 0; ep < clips.size(); ++ep) {
    const auto rewards = d.rewards(ep);
    const auto f = clips[ep].firstSuccessFrame;
    const auto n = clips[ep].frames.size(0);
    if (f < 0) {
      for (float r : rewards) EXPECT_EQ(r, 0.0f) << "episode " << ep;
      expected += n - 1;
      continue;
    }
    ++succeeded;
    // Frame f is the first one after a step rewarded with success; the episode runs on past it.
    EXPECT_GT(rewards[static_cast<std::size_t>(f - 1)], 0.0f);
    for (std::int64_t t = 0; t + 1 < f; ++t) EXPECT_EQ(rewards[static_cast<std::size_t>(t)], 0.0f);
    EXPECT_LT(f, n - 1) << "the expert should succeed before the episode's end";
    expected += f;
  }
  EXPECT_EQ(succeeded, 2);  // the experts; the random episode does not
  EXPECT_EQ(DatasetContextSource(d, "soccer", 4, 0, true).size(), expected);

  // Every sampled context ends before its episode's success: its newest frame is one of the episode's
  // frames 0..f-1 (steps are identified by their actions, which differ from step to step).
  learning::EpisodeContextSource source(clips, 4, 4, 0, true);
  at::Generator gen = at::detail::createCPUGenerator(4);
  const auto b = source.sample(128, gen);
  for (int i = 0; i < 128; ++i) {
    bool found = false;
    for (const auto& clip : clips) {
      const auto end = clip.firstSuccessFrame < 0 ? clip.frames.size(0) - 1 : clip.firstSuccessFrame;
      for (std::int64_t t = 1; t < end && !found; ++t)
        found = torch::equal(b.actions[i][3], clip.actions[t - 1]) &&
                torch::equal(b.frames[i][3], clip.frames[t]);
      if (!found) found = torch::equal(b.frames[i][3], clip.frames[0]);
    }
    EXPECT_TRUE(found) << "context " << i;
  }

  // Context packs keep the success frames.
  const auto pack = w4rl::test::freshDir() / "soccer_expert_contexts.pt";
  learning::EpisodeContextSource::savePack(pack, "soccer", clips);
  const auto loaded = learning::EpisodeContextSource::loadPack(pack).second;
  ASSERT_EQ(loaded.size(), clips.size());
  for (std::size_t e = 0; e < clips.size(); ++e)
    EXPECT_EQ(loaded[e].firstSuccessFrame, clips[e].firstSuccessFrame);
}

TEST(RefineSettings, StartFromIsFirstOrAny) {
  learning::RefineSettings s;
  EXPECT_EQ(s.startFrom, "first");
  EXPECT_TRUE(s.set("start_from", "any"));
  EXPECT_EQ(s.toMap().at("start_from"), "any");
  EXPECT_THROW(s.set("start_from", "middle"), Error);
}

}  // namespace w4rl::pipeline

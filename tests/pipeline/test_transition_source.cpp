// Transitions line up: the target is the frame after the newest context frame, the last conditioning
// action is the one taken at the newest context frame, and the episode start is padded with frame 0 and
// zero actions. Frame t of episode e is filled with 10 e + t; action t is (t + 1) / 100.
#include <gtest/gtest.h>
#include <torch/torch.h>
#include <unistd.h>

#include <filesystem>

#include "common/error.h"
#include "data/dataset.h"
#include "data/dataset_writer.h"
#include "learning/episode_transition_source.h"
#include "pipeline/jobs/dataset_context_source.h"
#include "pipeline/jobs/dataset_transition_source.h"
#include "shared_test_support.h"

namespace fs = std::filesystem;

namespace w4rl::pipeline {
namespace {

fs::path indexedDataset() {
  const fs::path dir = w4rl::test::freshDir();
  data::DatasetWriter writer(dir / "indexed.hdf5", nlohmann::json::object());
  for (int e = 0; e < 3; ++e) {
    data::Episode ep;
    ep.task = "indexed";
    ep.actionDim = 2;
    ep.imageHeight = ep.imageWidth = 8;
    for (int t = 0; t < 7; ++t) {
      ep.images.insert(ep.images.end(), 8 * 8 * 3, static_cast<std::uint8_t>(10 * e + t));
      ep.actions.insert(ep.actions.end(), 2, static_cast<float>(t + 1) / 100.0f);
      ep.rewards.push_back(0);
      ep.dones.push_back(t == 6);
    }
    writer.append(ep);
  }
  writer.commit();
  return dir / "indexed.hdf5";
}

void checkAlignment(std::int64_t memoryBudget) {
  const auto dataset = data::Dataset::open({indexedDataset()});
  DatasetTransitionSource source(dataset, 4, memoryBudget);
  EXPECT_EQ(source.inMemory(), memoryBudget > 0);
  EXPECT_EQ(source.trainTransitions(), 3 * 6);
  auto gen = at::detail::createCPUGenerator(0);
  const auto b = source.sample(64, false, gen);
  for (int i = 0; i < 64; ++i) {
    const int target = b.target[i][0][0][0].item<int>();
    const int episodeBase = target / 10 * 10, t = target - episodeBase - 1;  // newest context frame
    ASSERT_GE(t, 0);
    for (int j = 0; j < 4; ++j) {
      const int frame = t - 3 + j;
      EXPECT_EQ(b.context[i][j][0][0][0].item<int>(), episodeBase + std::max(frame, 0));
      EXPECT_FLOAT_EQ(b.actions[i][j][0].item<float>(),
                      frame >= 0 ? static_cast<float>(frame + 1) / 100.0f : 0.0f);
    }
  }
}

}  // namespace

TEST(DatasetTransitionSource, AlignsContextActionsAndTargetInMemory) {
  checkAlignment(std::int64_t{1} << 30);
}
TEST(DatasetTransitionSource, AlignsContextActionsAndTargetStreamingFromDisk) {
  checkAlignment(0);
}

// The in-memory source that trains from context packs (world4rl-train-world-model-packs) cuts the same
// windows from the same episodes as the dataset's source.
TEST(EpisodeTransitionSource, SamplesTheSameTransitionsAsTheDatasetSource) {
  const auto dataset = data::Dataset::open({indexedDataset()});
  DatasetTransitionSource fromDataset(dataset, 4, std::int64_t{1} << 30);
  learning::EpisodeTransitionSource fromClips({{"indexed", taskEpisodeClips(dataset, "indexed", true)}}, 4);
  EXPECT_EQ(fromClips.tasks(), fromDataset.tasks());
  EXPECT_EQ(fromClips.trainTransitions(), fromDataset.trainTransitions());
  EXPECT_EQ(fromClips.validTransitions(), fromDataset.validTransitions());
  EXPECT_EQ(fromClips.imageSize(), 8);
  EXPECT_EQ(fromClips.actionDim(), 2);
  auto g1 = at::detail::createCPUGenerator(3), g2 = at::detail::createCPUGenerator(3);
  const auto a = fromClips.sample(32, false, g1), b = fromDataset.sample(32, false, g2);
  EXPECT_TRUE(torch::equal(a.context, b.context));
  EXPECT_TRUE(torch::allclose(a.actions, b.actions));
  EXPECT_TRUE(torch::equal(a.target, b.target));
  EXPECT_TRUE(torch::equal(a.task, b.task));
}

TEST(EpisodeTransitionSource, RefusesEpisodesThatDisagree) {
  const auto dataset = data::Dataset::open({indexedDataset()});
  auto clips = taskEpisodeClips(dataset, "indexed", true);
  clips[2].actions = clips[2].actions.slice(1, 0, 1);  // one action dimension instead of two
  EXPECT_THROW(learning::EpisodeTransitionSource({{"indexed", clips}}, 4), Error);
  EXPECT_THROW(learning::EpisodeTransitionSource({{"indexed", {}}}, 4), Error);  // nothing to train on
}

}  // namespace w4rl::pipeline

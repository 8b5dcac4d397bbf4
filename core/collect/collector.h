#pragma once
// Collects episodes of one built-in task into a robomimic-layout HDF5 file, appending to it if it exists.
//
// Sources: expert = the task's scripted expert; noisy = the expert's actions plus Gaussian noise (a
// stand-in for imitation-policy rollouts, with a mix of successes and failures); random = uniform
// actions in [-1, 1]^4; policy = the actions of CollectConfig::policy (e.g. a trained image policy).
// The environment seed of the k-th episode in the file is mixSeed(seed, k), so appending with the same
// --seed continues with new seeds instead of repeating episodes.
//
// The file is committed every `commitEvery` episodes and at the end; cancelling stops between episodes
// and commits what was completed, so an interrupted collection leaves a valid file.
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "collect/episode_actor.h"
#include "collect/recipe.h"
#include "common/cancel.h"

namespace w4rl::collect {

struct CollectConfig {
  std::string task = "pick-place";
  std::vector<RecipeItem> recipe;
  std::filesystem::path out;
  std::uint64_t seed = 0;
  int imageSize = 64;
  int episodeLength = 50;
  double noiseStd = 0.6;  // per-dimension action noise of the "noisy" source
  int commitEvery = 25;
  bool nextObs = false;  // also write next_obs/ (robomimic's trainer loads it by default)
  // Acts in the recipe's "policy" episodes; required when the recipe names that source.
  std::shared_ptr<EpisodeActor> policy;
};

struct SourceTally {
  int episodes = 0;
  int successes = 0;
};

struct CollectResult {
  int episodes = 0;
  std::int64_t steps = 0;
  double seconds = 0.0;
  bool cancelled = false;
  std::size_t episodesInFile = 0;
  std::map<std::string, SourceTally> bySource;  // keyed by source name
};

CollectResult collect(const CollectConfig& config, const ProgressCallback& progress,
                      const CancelToken& cancel);

}  // namespace w4rl::collect

#pragma once
// Settings of `world4rl pipeline`: the recipe sizes and seeds (declared once in table(), documented in
// docs/configuration.md), plus each stage's own keys under its prefix (bc., reward., world_model.,
// refine., dream.), from a YAML config file (groups allowed: `refine: {horizon: 35}`) or key=value
// overrides. Every key, the stages' included, is checked when the config is read: a typo fails before the
// first stage.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "learning/refine_settings.h"
#include "pipeline/jobs/train_policy_job.h"
#include "pipeline/jobs/train_reward_job.h"

namespace w4rl::pipeline {

struct PipelineConfig {
  int expertEpisodes = 50;
  int policyEpisodes = 150;
  int randomEpisodes = 30;
  int noisyEpisodes = 0;
  int evalEpisodes = 50;
  std::uint64_t evalSeed = 0;
  std::uint64_t seed = 0;
  std::string preset = "auto";
  bool rewardDreams = false;
  int rewardRounds = 0;           // reward correction rounds after the first refinement (reward_rounds.h)
  int hardNegativeEpisodes = 20;  // real episodes of the previous round's refined policy per round
  std::string refinedPolicy = "last";  // "last" or "best"
  // PPO seeds: one refinement of each task per seed (its refine.seed), all evaluated on the same held-out
  // seeds; empty: one refinement with refine.seed.
  std::vector<std::uint64_t> refineSeeds;
  std::string worldModelInitFrom;  // world_model.init_from: weights that start a fresh world-model run
  // Stages whose settings are typed (checked when the config is read and written key by key).
  PolicyTraining bc;                // bc.*
  RewardTraining reward;            // reward.*
  learning::RefineSettings refine;  // refine.*
  // Stages whose keys are kept as given, key=value in order: the world model's resolve after its preset
  // and the data's facts inside train-world-model; the dream's are `world4rl dream`'s options.
  std::vector<std::string> worldModel, dream;

  // The pipeline's own keys (the stages' are declared by their settings structs).
  static const learning::SettingTable<PipelineConfig>& table();
  // A pipeline key or a prefixed stage key; false for an unknown pipeline key. Throws w4rl::Error naming
  // the key for a bad value or an unknown stage prefix.
  bool set(const std::string& key, const std::string& value);

  // Collection seeds: experts and rollouts use streams of their own (mixSeed(seed, k) per episode).
  std::uint64_t expertSeed() const { return 2 * seed + 1; }
  std::uint64_t rolloutSeed() const { return 2 * seed + 2; }
  // Round k's episodes of the refined policy: a stream of its own per round, apart from the ones above.
  std::uint64_t hardNegativeSeed(int round) const;
  // The refinement's own real evaluations (its validation set, from which refined_policy: best chooses):
  // always another seed than the held-out evaluation's.
  std::uint64_t refineEvalSeed() const { return evalSeed + 1000; }
  std::string toText() const;
};

PipelineConfig resolvePipelineConfig(const std::filesystem::path& configFile,
                                     const std::vector<std::string>& overrides);

}  // namespace w4rl::pipeline

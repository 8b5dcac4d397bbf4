#pragma once
// Settings of `world4rl pipeline`: the recipe sizes and seeds, plus per-stage settings under a stage
// prefix, all in one flat YAML file or as key=value overrides:
//   expert_episodes: 50        policy_episodes: 150      random_episodes: 30
//   noisy_episodes: 0          perturbed expert episodes (the collector's noisy source) in the rollouts
//   eval_episodes: 50          eval_seed: 0              seed: 0           preset: auto
//   bc.steps: 3000             (any train-policy key)    reward.steps: 2000   (any train-reward key)
//   world_model.steps: 8000    (any train-world-model key)                    refine.iterations: 40 (any
//   refine key)
//   world_model.init_from: W.pt  the world model's fresh run starts from these weights (train-world-model
//                              --init-from); world_model.steps then counts from 0
//   reward_dreams: false       true: the classifier also trains on dreams of the task's training episodes
//                              (`world4rl dream` with the pipeline's world model); dream.segment etc.
//   reward_rounds: 0           rounds of reward correction: the classifier retrained with real episodes of
//   hard_negative_episodes: 20 the refined policy, then BC refined again (pipeline/reward_rounds.h)
//   refined_policy: last       which refined policy is evaluated on the held-out seeds: last (policy.pt,
//                              the paper's protocol) or best (best.pt: the best real success on the
//                              refinement's own evaluation seeds; see learning/real_selection.h)
// Every key, the stages' included, is checked when the config is read: a typo fails before the first stage.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

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
  std::string refinedPolicy = "last";                              // "last" or "best"
  std::vector<std::string> bc, reward, worldModel, refine, dream;  // key=value overrides per stage
  std::string worldModelInitFrom;  // world_model.init_from: weights that start a fresh world-model run

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

#pragma once
// A policy measured in the real environment: the job behind `world4rl eval-policy`. The policy (a
// "policy" checkpoint) drives the MuJoCo task from camera frames for N episodes with seeds of their own,
// and the success rate is reported with a 95% Wilson score interval. Torch-free interface.
//
// Evaluation seeds are a stream apart from collection: episode k uses policyEvaluationSeed(seed, k),
// while collection uses mixSeed(seed, k). Given the datasets the policy was trained on (excludeData), the
// job proves the two disjoint for this run and refuses to evaluate on a scene the policy has seen.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "common/cancel.h"

namespace w4rl::pipeline {

// The domain of evaluation seeds; any constant apart from the other seed domains of the project.
constexpr std::uint64_t kPolicyEvaluationSeedDomain = 0xE7A15EED;

// The environment seed of evaluation episode `episode` for the user's `seed`:
// mixSeed(mixSeed(kPolicyEvaluationSeedDomain, seed), episode).
std::uint64_t policyEvaluationSeed(std::uint64_t seed, int episode);

struct EvalPolicyRequest {
  std::filesystem::path checkpoint;
  std::string task;  // empty: the task the policy was trained for
  int episodes = 50;
  std::uint64_t seed = 0;
  bool deterministic = true;  // the mean action; false: actions sampled from the policy's Gaussian
  std::string device = "auto";
  int episodeLength = 50;
  std::filesystem::path videoDir;  // empty: no videos
  int videos = 3;                  // the first episodes recorded as video when videoDir is set
  // Datasets whose episodes' seeds must not be evaluation seeds (the policy's training data).
  std::vector<std::filesystem::path> excludeData;
  // A success classifier (the refinement reward) that scores every real frame; empty: none. Where it
  // fires in episodes the simulator calls failures, refinement in the dream is rewarded for those states:
  // reward hacking shows here as false positives, in the real task, without a world model in the way.
  std::filesystem::path reward;
};

struct PolicyEpisodeResult {
  std::uint64_t seed = 0;
  bool success = false;
  int steps = 0;  // steps taken: up to the first success (episodes end there), else the episode length
  // With a reward classifier: its highest probability over the episode's frames (the scene after the last
  // action included), and whether that crossed its threshold. -1 without one.
  double rewardMaxProbability = -1.0;
  bool rewardFired = false;
};

// How the reward classifier's verdicts on the real episodes compare with the simulator's.
struct RewardAudit {
  std::string file;
  double threshold = 0.0;
  int firedInSuccesses = 0;  // of `successes`: the classifier's recall on real successes
  int firedInFailures = 0;   // of the failed episodes: false positives, what PPO could exploit
};

struct EvalPolicyReport {
  std::string task;
  std::string policyTask;  // the task the checkpoint names (may differ from `task`, or be empty)
  int episodes = 0;        // completed episodes
  int successes = 0;
  double successRate = 0.0;
  double ciLow = 0.0, ciHigh = 1.0;  // 95% Wilson score interval of the success rate
  std::vector<PolicyEpisodeResult> perEpisode;
  bool deterministic = true;
  double seconds = 0.0;
  std::string device;
  bool rewardScored = false;  // `reward` holds the audit when a classifier was given
  RewardAudit reward;
  std::vector<std::string> videos;  // files written, in episode order
  bool cancelled = false;           // stopped between episodes; the report covers the completed ones
};

// Throws w4rl::Error for a missing or non-policy checkpoint (naming the file), an unknown task (naming
// it), a policy without a task when none is given, bad counts, or an evaluation seed found among
// excludeData's episodes (naming the file, demo and seed), a reward that is not a classifier checkpoint or
// whose frames are another size than the policy's. Progress is reported after every episode;
// cancellation is checked between episodes.
EvalPolicyReport evalPolicy(const EvalPolicyRequest& request, const ProgressCallback& progress,
                            const CancelToken& cancel);

}  // namespace w4rl::pipeline

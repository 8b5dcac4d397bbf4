#pragma once
// Freshly initialised (untrained) policy checkpoints for the tests of policy evaluation and collection:
// tiny networks, so loading and acting cost milliseconds.
#include <filesystem>
#include <string>

namespace w4rl::test {

struct TinyPolicy {
  std::string task = "soccer";
  int imageSize = 64;
  int frameStack = 1;
  int actionDim = 4;
  int seed = 0;  // LibTorch's weight initialisation seed
};

// Writes the policy as a "policy" checkpoint (savePolicy) to `file` and returns `file`.
std::filesystem::path saveTinyPolicy(const std::filesystem::path& file, const TinyPolicy& spec = {});
// Writes an untrained success classifier (a "reward" checkpoint) of `task` with the given threshold.
std::filesystem::path saveTinyReward(const std::filesystem::path& file, const std::string& task,
                                     int imageSize, double threshold);
// Writes a tiny world model checkpoint: a checkpoint of the wrong kind for a policy.
std::filesystem::path saveTinyWorldModel(const std::filesystem::path& file, int imageSize = 16,
                                         int actionDim = 4);

}  // namespace w4rl::test

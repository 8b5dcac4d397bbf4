#pragma once
// Finds the run directories under a folder (those the CLI and the studio write: world-model training,
// behaviour cloning, reward training, refinement, whole pipelines) and says what each is and how far it
// got, from the files alone: run.json names the kind, config.yaml the length, metrics.jsonl the progress, and
// the final artefact (best.pt, policy.pt, reward.pt, results.md) whether it completed. A directory of
// TensorBoard event files that is not one of ours (CleanRL's runs/<name>, robomimic's logs/tb) is listed as
// kind TensorBoard, so its curves overlay ours. No torch needed.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace w4rl::runs {

enum class RunKind { WorldModel, BehaviourCloning, Reward, Refinement, Pipeline, TensorBoard, Unknown };
std::string toString(RunKind kind);

struct RunInfo {
  std::filesystem::path dir;
  RunKind kind = RunKind::Unknown;
  bool complete = false;   // the final artefact exists and the configured length was reached
  std::int64_t done = 0;   // steps or iterations logged so far
  std::int64_t total = 0;  // configured steps or iterations, 0 if unknown
  std::vector<std::filesystem::path> checkpoints;  // *.pt, sorted
  std::filesystem::file_time_type lastUpdate{};    // of metrics.jsonl (or config.yaml)
};

// Describes one directory; kind Unknown when it is not a run directory.
RunInfo describeRun(const std::filesystem::path& dir);
// Run directories under `root` (itself included), at most `depth` levels down, sorted by path.
std::vector<RunInfo> findRuns(const std::filesystem::path& root, int depth = 3);

}  // namespace w4rl::runs

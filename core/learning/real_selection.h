#pragma once
// Which policy of a refinement run to keep, and when to stop the run, judged by its real-simulator
// evaluations. They all run on the same seeds, apart from the held-out test seeds, so they are a
// validation set: best.pt is the policy with the highest real success on them. The start policy counts
// (iteration 0), so a run that only loses keeps its start; a tie keeps the earlier, less moved policy.
// The run stops early after early_stop_patience evaluations in a row without a new best, or, with
// stop_on_real_loss, at an evaluation significantly worse than the start policy's on the same seeds
// (exact McNemar p below kRealLossP with more seeds lost than gained): reward hacking, seen in the real
// simulator, ends the run instead of costing the rest of its iterations.
// The state lives in RUN_DIR/selection.yaml, so a resumed run goes on where it stopped.
#include <filesystem>
#include <string>

namespace w4rl::learning {

constexpr double kRealLossP = 0.05;

struct RealOutcome {
  int iteration = 0;
  double successRate = 0.0;
  // Paired with the start policy's evaluation on the same seeds; -1 where unpaired (the first evaluation).
  int seedsGained = -1, seedsLost = -1;
  double mcnemarP = -1.0;
};

class RealSelection {
 public:
  // patience: evaluations without a new best before the run stops (0: never).
  RealSelection(int patience, bool stopOnRealLoss);

  // Records an evaluation; true when it is the new best (the caller keeps its policy as best.pt).
  bool record(const RealOutcome& outcome);
  // Why the run should stop now, in words; empty while it goes on. Judged with this object's settings,
  // so a run resumed with a larger patience, or without stop_on_real_loss, goes on.
  std::string stopReason() const;

  int bestIteration() const { return bestIteration_; }  // -1 before any evaluation
  double bestSuccessRate() const { return bestRate_; }  // -1 before any evaluation
  int evaluationsWithoutGain() const { return withoutGain_; }
  int lastIteration() const { return lastIteration_; }  // of the latest evaluation; -1 before any

  // selection.yaml: flat "key: value" lines. load() keeps this object's settings and takes the state;
  // it throws w4rl::Error naming the file when it cannot be read.
  void save(const std::filesystem::path& file) const;
  void load(const std::filesystem::path& file);

 private:
  int patience_;
  bool stopOnRealLoss_;
  int bestIteration_ = -1;
  double bestRate_ = -1.0;
  int withoutGain_ = 0;
  // The latest evaluation's pairing with the start policy, for stopReason().
  int lastIteration_ = -1, lastGained_ = -1, lastLost_ = -1;
  double lastP_ = -1.0;
};

}  // namespace w4rl::learning

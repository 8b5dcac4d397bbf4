#pragma once
// PPO refinement of a Gaussian image policy entirely inside a frozen world model (World4RL, stage 3).
// Each iteration imagines num_envs episodes from real contexts (imagined_rollout.h), in groups of
// group_size from the same start, computes GAE (or leave-one-out advantages within the groups) and
// runs clipped-PPO epochs over minibatches, with KL early stopping and an optional critic warm-up.
// Run directory:
//   RUN_DIR/metrics.jsonl  one record per iteration, CleanRL-style names (charts/..., losses/..., perf/...)
//                          plus what the real-simulator evaluation returns (eval/...)
//   RUN_DIR/last.pt        policy + critic + both optimisers after the latest iteration (resume point)
//   RUN_DIR/policy.pt      the refined policy when the run completes (or stops early)
//   RUN_DIR/best.pt        the policy with the highest real success on the evaluation seeds, and
//   RUN_DIR/selection.yaml its iteration and the early-stop state (real_selection.h)
//   RUN_DIR/policy_<N>.pt  the policy after iteration N, every snapshot_every iterations (when set)
//   RUN_DIR/start_policy.pt the policy the run started from (the reference of bc_kl_coef)
//   RUN_DIR/dream_check.yaml the starting policy against random actions in the dream (dream_check.h)
#include <filesystem>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "common/cancel.h"
#include "learning/context_source.h"
#include "learning/dream_check.h"
#include "learning/refine_settings.h"
#include "learning/success_classifier.h"
#include "learning/world_model.h"

namespace w4rl::learning {

// Called with a policy checkpoint (every eval_every iterations, before the first and after the last);
// returns metrics to log beside the imagined ones, e.g. {"eval/real_success_rate", 0.62}.
using RealEvaluation =
    std::function<std::vector<std::pair<std::string, double>>(const std::filesystem::path& policyFile)>;

struct RefineProgress {
  int iteration = 0, iterations = 0;
  double imaginedSuccessRate = 0.0;
  double imaginedReturn = 0.0;
  double realSuccessRate = -1.0;  // latest real evaluation, -1 before any
  double framesPerSecond = 0.0;
  std::string message;
};

struct RefineResult {
  int iterations = 0;  // completed in total (including before a resume)
  double firstImaginedSuccessRate = -1.0, lastImaginedSuccessRate = -1.0;
  double firstRealSuccessRate = -1.0, lastRealSuccessRate = -1.0;
  // The evaluation with the highest real success (best.pt); -1 without real evaluations.
  int bestIteration = -1;
  double bestRealSuccessRate = -1.0;
  // The starting policy against random actions in the dream (dream_check), also for a resumed run (from
  // RUN_DIR/dream_check.yaml); starts 0 when it did not run (dream_check 0, cancelled, or a resumed run
  // begun before the check was kept).
  DreamCheck dreamCheck;
  std::string stopReason;  // why the run stopped before its last iteration; empty when it did not
  double seconds = 0.0;
  bool cancelled = false;
  std::string device;
};

class PpoRefiner {
 public:
  PpoRefiner(RefineSettings settings, std::filesystem::path runDir);
  // Refines the policy in `policyFile` (a new run) or continues RUN_DIR/last.pt (resume). The world model
  // and classifier are frozen. A run directory holding last.pt is refused unless resuming.
  RefineResult run(const std::filesystem::path& policyFile, WorldModel worldModel, SuccessClassifier reward,
                   ContextSource& contexts, bool resume, const RealEvaluation& evaluate,
                   const std::function<void(const RefineProgress&)>& progress, const CancelToken& cancel);

 private:
  RefineSettings settings_;
  std::filesystem::path runDir_;
};

}  // namespace w4rl::learning

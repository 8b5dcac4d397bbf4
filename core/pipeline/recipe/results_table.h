#pragma once
// The pipeline's result, laid out like the paper's Table II: real success of the behaviour-cloned and
// the refined policy per task over the same held-out seeds, the average, and the imagined-vs-real
// success of each refined policy (reward hacking shows as imagined success without real success).
#include <string>
#include <vector>

#include "learning/dream_check_result.h"
#include "pipeline/jobs/eval_dream_job.h"

namespace w4rl::pipeline {

struct TaskResult {
  std::string task;
  int episodes = 0;
  int bcSuccesses = 0, refinedSuccesses = 0;
  double bcCiLow = 0, bcCiHigh = 0, refinedCiLow = 0, refinedCiHigh = 0;
  double imaginedSuccessFirst = -1, imaginedSuccessLast = -1;  // of the refinement run, -1 if unknown
  // The success classifier audited on the same real episodes (eval-policy --reward): the episodes in
  // which it fired, among the successful and among the failed ones; -1 where not audited.
  int bcRewardInSuccesses = -1, bcRewardInFailures = -1;
  int refinedRewardInSuccesses = -1, refinedRewardInFailures = -1;
  // Seeds the refined policy solves and BC does not, and the reverse; -1 where the evaluations kept no
  // per-episode outcomes. Their exact McNemar p-value says whether the change is more than noise.
  int seedsGained = -1, seedsLost = -1;
  // Reward correction rounds (pipeline key reward_rounds): 0 for the pipeline's first refinement; in round
  // k, the real episodes of refined policies the classifier was retrained with.
  int round = 0;
  int hardNegativeEpisodes = 0;
  // The evaluated refined policy (refined_policy): the run's last policy, or its best real evaluation on
  // the refinement's own seeds (best.pt); its iteration, and its real success on those seeds (-1: unknown).
  bool refinedIsBest = false;
  int refinedIteration = -1, refineIterations = 0;
  double refinedValidationRate = -1;
  std::string stopReason{};  // why the refinement stopped early; empty when it ran all its iterations
  // Before refinement: the BC policy against random actions on the same imagined starts (starts 0: none).
  learning::DreamCheck dreamCheck{};
  // The refinement's PPO seed where the pipeline refines each task with several (refine_seeds); else -1.
  long long ppoSeed = -1;
};

// A table with a row per PPO seed (the task-average BC and refined success, their change, and each task's
// change) and their mean, for rows of several PPO seeds (refine_seeds); empty otherwise.
std::string ppoSeedsText(const std::vector<TaskResult>& rows);

// Above this share of a refined policy's failed real episodes in which the classifier fires (and this far
// above the BC policy's share), refinement has learnt to fool the reward rather than to do the task: a
// refined handle-pull policy that hovered the gripper high above the box was rewarded in 49 of 50 failures.
constexpr double kRewardHackingShare = 0.3;
// Below this share of the BC policy's real successes in which the classifier fires (over at least
// kRewardRecallMinSuccesses of them), the reward sees success late or not at all: evaluation episodes end
// at the first successful step, and coffee-pull's classifier fired there in 1 of 10 (in recorded episodes
// that run on after success it fires in 6 of 6, a few steps later).
constexpr double kRewardRecallWarningShare = 0.5;
constexpr int kRewardRecallMinSuccesses = 5;
// A paragraph with a line per audited task and warnings naming the tasks whose reward was fooled by the
// refined policy or misses the BC policy's successes; empty when no task was audited.
std::string rewardAuditText(const std::vector<TaskResult>& rows);

// Does the world model follow its actions? Open-loop PSNR on held-out episodes with their own actions
// and with another episode's (eval-world-model's shuffled reference). A model that ignores its actions
// scores the same with both, and then refinement's imagined reward cannot tell good actions from bad.
struct ActionCheck {
  std::string task;
  int episodes = 0, horizon = 0;
  double truePsnr = 0, shuffledPsnr = 0, copyPsnr = 0;
  double gap() const { return truePsnr - shuffledPsnr; }
};
// Below this gap (dB) the check warns. A heuristic: the action-blind world model of the 4-task pipeline
// run scored -0.07 to +0.20 dB per task, and the gap of a model that follows its
// actions has not been measured yet.
constexpr double kActionGapWarningDb = 0.5;
// A paragraph with a line per task, and a warning naming the tasks whose gap is under the threshold.
std::string actionChecksText(const std::vector<ActionCheck>& checks);

// A paragraph with a line per task whose refinement ran the dream check (the BC policy against random
// actions on the same imagined starts), and a warning naming the tasks where the dream does not favour
// the policy: random actions, which fail the real tasks, earn as much imagined reward there, so PPO's
// advantages carry no signal about the actions. Empty when no task has a check.
std::string dreamChecksText(const std::vector<TaskResult>& rows);

// eval-dream of one policy (or random actions) on one task's held-out seeds: the dream against the real
// replay of its actions.
struct DreamTruthRow {
  std::string task;
  std::string actions;  // "BC", "refined" or "random"
  DreamAgreement table;
};
// A table with a line per row (imagined and replayed real success, agreement with its interval, precision
// of imagined success, whose errors), and a warning naming the rows whose dream rewards what fails in
// reality (precision under 0.8 with at least one imagined success in ten starts, or random actions
// imagined more than 5 points above their real success). Empty without rows.
std::string dreamTruthText(const std::vector<DreamTruthRow>& rows);

// A table with a line per round of each task that had reward correction rounds; empty without any.
std::string rewardRoundsText(const std::vector<TaskResult>& rounds);

// A paragraph with a line per task (and round) whose evaluated policy is best.pt or whose refinement
// stopped early; empty when there is none.
std::string refinementRunsText(const std::vector<TaskResult>& rows);

// `checks`: appended below the table when given; the reward audit likewise, for the tasks that have one;
// `rounds` (every round's row) as rewardRoundsText.
std::string resultsMarkdown(const std::vector<TaskResult>& rows, unsigned long long evalSeed,
                            const std::vector<ActionCheck>& checks = {},
                            const std::vector<TaskResult>& rounds = {});
std::string resultsCsv(const std::vector<TaskResult>& rows);

}  // namespace w4rl::pipeline

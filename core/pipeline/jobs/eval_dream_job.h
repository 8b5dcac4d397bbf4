#pragma once
// Whether the dream tells the truth about outcomes: the job behind `world4rl eval-dream`. For each start,
// a policy (or uniform random actions) acts closed-loop on the world model's frames and the success
// classifier judges the dream; the very same actions are then replayed open-loop in the MuJoCo task from
// the same start state, where the task's own success predicate judges them and the classifier judges the
// replay's real frames. Where the two outcomes differ, the classifier's verdict on the real frames says
// whose error it is: right there, the world model dreamt another outcome; wrong there too, the
// classifier is what misjudges. Torch-free interface.
//
// Starts are fresh resets of the task on evaluation seeds (policyEvaluationSeed, the stream of
// eval-policy, so start k pairs with eval-policy's episode k) or recorded steps of datasets before their
// first success, restored from their stored simulator states.
//
// With DreamActOn::Real the roles turn: the policy acts closed loop in the MuJoCo task (its own real
// episode, as eval-policy plays it) and the world model dreams those actions open loop from the same
// start. The real outcome is then the policy's own, and the dream is judged on actions it did not choose,
// which tells the world model's fidelity apart from what a policy reacting to dreamt frames makes of it.
#include <cstdint>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "common/binomial_interval.h"
#include "common/cancel.h"

namespace w4rl::pipeline {

enum class DreamStartFrom { First, Any };
// "first" or "any"; throws w4rl::Error naming the value otherwise.
DreamStartFrom dreamStartFromString(const std::string& text);
// Where the policy sees its frames and chooses its actions; the other side plays them open loop.
enum class DreamActOn { Dream, Real };
// "dream" or "real"; throws w4rl::Error naming the value otherwise.
DreamActOn dreamActOnString(const std::string& text);

struct EvalDreamRequest {
  std::filesystem::path worldModel;
  std::filesystem::path reward;  // the success classifier that judges both dream and replay
  std::filesystem::path policy;  // empty with randomActions
  bool randomActions = false;    // uniform in [-1, 1] per dimension, as the collector's random episodes
  bool deterministic = true;     // the policy's mean action (as eval-policy); false: sampled
  std::string task;              // empty: the policy's task
  int episodes = 100;            // starts
  std::uint64_t seed = 0;
  int horizon = 50;  // steps dreamt and replayed from each start (the built-in tasks' episode length)
  DreamActOn actOn = DreamActOn::Dream;
  DreamStartFrom startFrom = DreamStartFrom::First;
  std::vector<std::filesystem::path> data;  // recorded episodes with states, for DreamStartFrom::Any
  int batch = 32;                           // starts dreamt side by side
  int samplerSteps = 0;                     // 0: the world model's own
  // Dreams of each start: the first is closed loop (the policy acts on it); the others dream the very
  // same actions open loop with fresh noise. A start's dream succeeds where at least `consensus` of them
  // (0: all) show success, so an outcome the world model shows by the luck of one sample is told apart
  // from one it shows whatever the noise.
  int dreams = 1;
  int consensus = 0;
  // Other world models (trained apart, on the same observations and tasks) that each dream the very same
  // actions open loop once more: their dreams count among the dreams for `consensus`, so a success one
  // model believes and the others do not is told apart from one they agree on.
  std::vector<std::filesystem::path> ensemble;
  std::string device = "auto";
  std::filesystem::path videoDir;  // empty: none
  int videos = 3;                  // the first starts written as real replay | dream | |difference|
  // Keep every start's dreamt and replayed frames in the report (the studio plays them side by side):
  // 2 x horizon x size^2 x 3 bytes per start, about 1.2 MB at 64 pixels and 50 steps.
  bool keepFrames = false;
};

// One start: what the dream and the real replay of its actions made of it.
struct DreamStartResult {
  std::uint64_t seed = 0;         // the environment seed of the start's scene
  std::string episode;            // "file demo" for a recorded start, empty for a fresh reset
  std::int64_t step = 0;          // the recorded step it starts from (0 for a fresh reset)
  bool imaginedSuccess = false;   // the classifier fired on a dreamt frame of enough of the dreams
  int dreamSuccesses = 0;         // of the request's dreams, those where the classifier fired
  bool realSuccess = false;       // the task's predicate held after a replayed action
  bool classifierOnReal = false;  // the classifier fired on a replayed frame
  // The first step the classifier fired on the first dream (1-based: the frame after action t-1), or -1;
  // the probabilities, frames and PSNR below are also the first dream's (the closed-loop one, unless the
  // policy acted on the real task).
  int imaginedSuccessStep = -1;
  int realSuccessStep = -1;
  double maxDreamProbability = 0.0;
  double maxRealProbability = 0.0;
  std::vector<double> psnr;  // dream against replay, per step (frames 1..horizon), dB capped at 100
  // The classifier's probability of success per step (frames 1..horizon), of the dream and of the replay,
  // so a user can see when it fired and judge other thresholds or rules offline.
  std::vector<double> dreamProbability, realProbability;
  // With keepFrames: frames 1..horizon, (horizon, size, size, 3) uint8 each; empty otherwise.
  std::vector<std::uint8_t> dreamFrames, realFrames;
};

struct RateWithInterval {
  int count = 0, of = 0;
  double rate = 0.0;  // count / of; 0 when `of` is 0
  BinomialInterval ci;
};

// The 2x2 table of imagined against real outcomes and what follows from it.
struct DreamAgreement {
  int starts = 0;
  int bothSuccess = 0, dreamOnly = 0, realOnly = 0, bothFailure = 0;
  int worldModelErrors = 0;  // disagreements where the classifier is right on the real replay
  int classifierErrors = 0;  // disagreements where it is wrong on the real replay as well
  RateWithInterval imaginedSuccess, realSuccess, classifierOnRealSuccess;
  RateWithInterval agreement;  // starts where dream and replay agree
  RateWithInterval precision;  // of imagined successes, the real ones (of 0: no imagined success)
  RateWithInterval recall;     // of real successes, the imagined ones
};
DreamAgreement tallyDreamOutcomes(const std::vector<DreamStartResult>& starts);

struct EvalDreamReport {
  std::string task;
  std::string actions;  // "policy mean", "policy sample" or "uniform random"
  DreamActOn actOn = DreamActOn::Dream;
  std::string device;
  double threshold = 0.0;  // the classifier's
  int dreams = 1;          // per start: --dreams plus one per --ensemble model
  int consensus = 1;       // of them needed for an imagined success
  int horizon = 0;
  int imageSize = 0;  // of the world model's frames
  std::vector<DreamStartResult> perStart;
  DreamAgreement table;
  std::vector<double> meanPsnrPerStep;  // over the starts
  double meanPsnr = 0.0;
  std::vector<std::string> videos;
  double seconds = 0.0;
  bool cancelled = false;  // stopped between batches; the report covers the completed starts
};

// Throws w4rl::Error (naming the file or setting) for missing or other-kind checkpoints, models of
// different frame sizes, a classifier of another task, a task the world model was not trained on, bad
// counts, --start-from any without data or without recorded states. Progress after every batch's dream
// and replay; cancellation between steps.
EvalDreamReport evalDream(const EvalDreamRequest& request, const ProgressCallback& progress,
                          const CancelToken& cancel);

// `--json`: agreement, imagined_success_rate, real_success_rate, imagined_success_precision,
// imagined_success_recall, world_model_errors, classifier_errors, the table, intervals and per-start records.
nlohmann::json evalDreamJson(const EvalDreamReport& report, const EvalDreamRequest& request);

// The table of an evalDreamJson report (recounted from its per-start records); throws w4rl::Error naming
// `origin` when the report lacks them.
DreamAgreement dreamAgreementOf(const nlohmann::json& report, const std::string& origin);

// The figures refinement logs at each real evaluation, as "dream/<name>" metrics.
std::map<std::string, double> dreamMetrics(const DreamAgreement& table, double meanPsnr);

}  // namespace w4rl::pipeline

#pragma once
// The pipeline's building blocks, shared by pipeline_job.cpp (the recipe) and reward_rounds.cpp (the
// reward correction rounds): the stage runner and each stage's work on files of the pipeline directory.
// Internal to the pipeline library.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "collect/collector.h"
#include "common/cancel.h"
#include "common/error.h"
#include "pipeline/jobs/dream_job.h"
#include "pipeline/recipe/pipeline_config.h"
#include "pipeline/recipe/pipeline_job.h"

namespace w4rl::pipeline::stages {

// Runs named stages, skipping the complete ones, and records each one's wall-clock in OUT/stages.jsonl.
class Stages {
 public:
  Stages(std::filesystem::path out, const ProgressCallback& progress, const CancelToken& cancel,
         PipelineReport& report)
      : out_(std::move(out)), progress_(progress), cancel_(cancel), report_(report) {}

  // Runs `work` (called with a progress callback that prefixes the stage's name) unless `done`.
  template <typename Work>
  void run(const std::string& name, bool done, Work work) {
    if (done) {
      report_.stagesSkipped.push_back(name);
      return;
    }
    if (cancel_.cancelled()) throw Cancelled();
    const auto start = std::chrono::steady_clock::now();
    work([this, &name](const ProgressEvent& e) {
      if (progress_) progress_({e.done, e.total, "[" + name + "] " + e.message});
    });
    if (cancel_.cancelled()) throw Cancelled();
    report_.stagesRun.push_back(name);
    logStage(name, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  const CancelToken& cancel() const { return cancel_; }

 private:
  void logStage(const std::string& name, double seconds);

  std::filesystem::path out_;
  const ProgressCallback& progress_;
  const CancelToken& cancel_;
  PipelineReport& report_;
};

void writeJson(const std::filesystem::path& file, const nlohmann::json& j);
// Throws w4rl::Error naming the file when it is not JSON.
nlohmann::json readJson(const std::filesystem::path& file);

// A stage directory is complete when it holds report.json; an incomplete one is removed and redone,
// except where the stage resumes (world model, refinement).
bool complete(const std::filesystem::path& dir);
void clearIncomplete(const std::filesystem::path& dir);

// Does `file` hold at least `wanted`'s episodes of each source?
bool hasAll(const std::filesystem::path& file, const std::vector<collect::RecipeItem>& wanted);
// Collects what `file` still lacks of `wanted`, appending to it.
void collectMissing(const std::filesystem::path& file, const std::string& task,
                    const std::vector<collect::RecipeItem>& wanted, std::uint64_t seed,
                    std::shared_ptr<collect::EpisodeActor> policy, const ProgressCallback& progress,
                    const CancelToken& cancel);

// The dream stage's request for one task: segments as long as refinement's horizon (so the classifier
// sees dreams as old as those it will judge), then the pipeline's dream.* keys.
DreamRequest dreamRequestFor(const PipelineConfig& config, const std::filesystem::path& worldModel,
                             const std::vector<std::filesystem::path>& data, const std::filesystem::path& out,
                             const std::string& task);

// What a finished classifier was trained on, recorded in its report.json: a classifier is only reused as
// it was asked for, since retraining it silently would leave the evaluations and refinements that used
// the old one standing.
struct RewardRecipe {
  bool dreams = false;
  int hardNegativeEpisodes = 0;  // real episodes of refined policies (reward correction rounds)
};
// Throws w4rl::Error when the classifier in `rewardDir` (complete) was trained otherwise than `wanted`,
// saying what to move aside (`dependents`) to redo it.
void checkRewardRecipe(const std::filesystem::path& rewardDir, const RewardRecipe& wanted,
                       const std::string& dependents);
// Trains the task's classifier on `data` into `rewardDir` and writes its report.json.
void trainRewardInto(const std::filesystem::path& rewardDir, const std::vector<std::filesystem::path>& data,
                     const std::string& task, const PipelineConfig& config, const RewardRecipe& recipe,
                     const ProgressCallback& progress, const CancelToken& cancel);

// Evaluates `policy` on the pipeline's held-out seeds, auditing `reward` on the same episodes, into
// `reportFile` (refusing seeds found in `excludeData`).
void evaluateInto(const std::filesystem::path& policy, const std::filesystem::path& reportFile,
                  const std::filesystem::path& reward, const std::string& task,
                  const std::vector<std::filesystem::path>& excludeData, const PipelineConfig& config,
                  const ProgressCallback& progress, const CancelToken& cancel);

// eval-dream of `policy` (empty: uniform random actions) in the world model from the pipeline's held-out
// seeds, over the real episode length, into `reportFile`: does the dream show this policy's real outcomes?
void dreamTruthInto(const std::filesystem::path& policy, const std::filesystem::path& worldModel,
                    const std::filesystem::path& reward, const std::string& task,
                    const std::filesystem::path& reportFile, const PipelineConfig& config,
                    const ProgressCallback& progress, const CancelToken& cancel);

// Refines `policy` with `reward` in the world model into `refineDir` (resuming a started run) and writes its
// report.json.
void refineInto(const std::filesystem::path& policy, const std::filesystem::path& worldModel,
                const std::filesystem::path& reward, const std::vector<std::filesystem::path>& data,
                const std::string& task, const std::filesystem::path& refineDir, const PipelineConfig& config,
                const ProgressCallback& progress, const CancelToken& cancel);

// The refined policy that refined_policy names in `refineDir`: policy.pt (last) or best.pt (best; an
// error naming the file when the refinement made no real evaluations). Reward rounds still collect their
// episodes with policy.pt, the policy that the classifier has to learn to see through.
// One refinement of a task: its stage names' suffix, its evaluation files' stem, its run directory and the
// settings it runs with. One per PPO seed of refine_seeds (refine/<task>/seed<s>/, refine.seed = s), or
// the single refinement with refine.seed (refine/<task>/).
struct RefinementRun {
  std::string label;  // "hammer" or "hammer seed 1"
  std::string stem;   // "hammer" or "hammer_seed1"
  std::filesystem::path dir;
  long long ppoSeed = -1;  // -1: no refine_seeds
  PipelineConfig config;
};
std::vector<RefinementRun> refinementRuns(const std::filesystem::path& out, const std::string& task,
                                          const PipelineConfig& config);

std::filesystem::path refinedPolicyFile(const std::filesystem::path& refineDir, const PipelineConfig& config);
// `dir`/`stem`.json for last, `dir`/`stem`_best.json for best: switching refined_policy keeps both.
std::filesystem::path refinedEvalFile(const std::filesystem::path& dir, const std::string& stem,
                                      const PipelineConfig& config);

// The results row of a task from its two evaluation reports and its refinement's report.
TaskResult taskResult(const std::string& task, const std::filesystem::path& bcEval,
                      const std::filesystem::path& refinedEval, const std::filesystem::path& refineDir,
                      const PipelineConfig& config);

}  // namespace w4rl::pipeline::stages

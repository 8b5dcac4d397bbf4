#pragma once
// PPO refinement of a policy inside a frozen world model, rewarded by a frozen success classifier,
// with real-simulator evaluations along the way: `world4rl refine` and the studio's Runs panel.
// Torch-free interface. RUN_DIR/{metrics.jsonl,last.pt,policy.pt,best.pt,config.yaml}; see
// learning/ppo_refiner.h.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "common/cancel.h"
#include "learning/dream_check_result.h"
#include "learning/refine_settings.h"

namespace w4rl::pipeline {

struct RefineRequest {
  std::filesystem::path policy;             // the policy to refine (ignored on resume)
  std::filesystem::path worldModel;         // a world_model checkpoint that knows the task
  std::filesystem::path reward;             // the task's success classifier
  std::vector<std::filesystem::path> data;  // starting frames: the first frames of the task's episodes
  std::string task;                         // empty: the policy's task
  std::filesystem::path runDir;
  learning::RefineSettings settings;  // from resolveRefineSettings() for a config file and overrides
  bool resume = false;
  // Real evaluations during refinement use their own seed stream (evaluation seed evalSeed), apart from
  // the final held-out evaluation's default seed 0, so progress is never measured on the test scenes.
  std::uint64_t evalSeed = 1000;
  std::string imageKey = "agentview_image";
  bool flipImages = false;
};

struct RefineReport {
  int iterations = 0;
  double firstImaginedSuccessRate = -1.0, lastImaginedSuccessRate = -1.0;
  double firstRealSuccessRate = -1.0, lastRealSuccessRate = -1.0;
  int bestIteration = -1;  // the real evaluation kept as RUN_DIR/best.pt; -1 without real evaluations
  double bestRealSuccessRate = -1.0;
  std::string stopReason;  // why the run stopped early (early_stop_patience, stop_on_real_loss); or empty
  learning::DreamCheck dreamCheck;  // the policy against random actions in the dream; starts 0: not run
  std::int64_t startContexts = 0;
  double seconds = 0.0;
  bool cancelled = false;
  std::string device;
  std::string task;
};

// The refinement keys of a config file, then key=value overrides (learning/refine_settings.h), checked:
// throws w4rl::Error naming the file or override and the key.
learning::RefineSettings resolveRefineSettings(const std::filesystem::path& configFile,
                                               const std::vector<std::string>& overrides);

RefineReport refinePolicy(const RefineRequest& request, const ProgressCallback& progress,
                          const CancelToken& cancel);

}  // namespace w4rl::pipeline

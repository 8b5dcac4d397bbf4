// world4rl pipeline --tasks T1,T2,... --out DIR [--config C.yaml] [key=value ...]
// The paper's recipe end to end (see core/pipeline/pipeline_job.h); rerunning continues an interrupted run.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/interrupt_guard.h"
#include "cli/progress_bar.h"
#include "common/error.h"
#include "pipeline/recipe/pipeline_job.h"

namespace w4rl::cli {
namespace {

struct PipelineOptions {
  pipeline::PipelineRequest request;
  std::string out, config;
  std::vector<std::string> seeds;  // --seeds: the pipeline key refine_seeds
};

void runPipelineCommand(PipelineOptions& o) {
  o.request.outDir = o.out;
  o.request.configFile = o.config;
  if (!o.seeds.empty()) {  // after the config file and the overrides, as the last word
    std::string list = "refine_seeds=[";
    for (std::size_t i = 0; i < o.seeds.size(); ++i) list += (i ? "," : "") + o.seeds[i];
    o.request.overrides.push_back(list + "]");
  }
  CancelToken cancel;
  InterruptGuard guard(cancel);
  pipeline::PipelineReport r;
  {
    // One bar per stage: messages arrive as "[stage] detail".
    std::unique_ptr<ProgressBar> bar;
    std::string stage;
    r = pipeline::runPipeline(
        o.request,
        [&](const ProgressEvent& e) {
          const auto close = e.message.find("] ");
          const std::string name = close == std::string::npos ? "" : e.message.substr(1, close - 1);
          if (!bar || name != stage) {
            bar.reset();  // finishes the previous stage's line
            stage = name;
            bar = std::make_unique<ProgressBar>(stage.empty() ? "pipeline" : stage, "");
          }
          bar->update(
              {e.done, e.total, close == std::string::npos ? e.message : e.message.substr(close + 2)});
        },
        cancel);
  }
  std::printf(
      "pipeline finished in %.0f s: %zu stages run, %zu already "
      "complete\n\n%s\n%s/{results.md,results.csv}\n",
      r.seconds, r.stagesRun.size(), r.stagesSkipped.size(), r.markdown.c_str(), o.out.c_str());
}

}  // namespace

void addPipelineCommand(CLI::App& app) {
  auto o = std::make_shared<PipelineOptions>();
  auto* cmd = app.add_subcommand(
      "pipeline", "The whole recipe: experts, BC, rollouts, world model, reward, PPO refinement, evaluation");
  cmd->add_option("--tasks", o->request.tasks, "Built-in tasks, comma-separated")->required()->delimiter(',');
  cmd->add_option("--out", o->out, "Output directory (rerun the same command to continue)")->required();
  cmd->add_option("--config", o->config,
                  "YAML config (see docs/configuration.md: pipeline keys and stage.key settings)");
  cmd->add_option(
         "--seeds", o->seeds,
         "PPO seeds, comma-separated: one refinement of each task per seed and a table with a row per "
         "seed (refine_seeds)")
      ->delimiter(',');
  cmd->add_option("overrides", o->request.overrides, "key=value settings applied after --config");
  cmd->callback([o] { runPipelineCommand(*o); });
}

}  // namespace w4rl::cli

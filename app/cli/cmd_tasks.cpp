// world4rl tasks [--seeds N] [--json]: the built-in tasks, their descriptions and their scripted
// experts' success measured now over N seeds.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/progress_bar.h"
#include "common/error.h"
#include "common/rng.h"
#include "sim/manipulation_env.h"
#include "sim/task_registry.h"

namespace w4rl::cli {
namespace {

struct TasksOptions {
  int seeds = 20;
  bool json = false;
};

// Seeds of expert measurement: a stream of their own, apart from collection seeds.
constexpr std::uint64_t kMeasureSeedBase = 0x7A5C5EED;

int measureExpert(const std::string& task, int seeds, ProgressBar& bar) {
  sim::EnvConfig config;
  config.task = task;
  config.render = false;  // success comes from simulator state; images are not needed
  sim::ManipulationEnv env(config);
  int successes = 0;
  for (int i = 0; i < seeds; ++i) {
    env.reset(mixSeed(kMeasureSeedBase, static_cast<std::uint64_t>(i)));
    auto expert = env.makeExpert();
    bool success = false;
    for (sim::StepResult r; !r.done;) {
      r = env.step(expert->act(env.model(), env.data()));
      success = success || r.success;
    }
    successes += success ? 1 : 0;
    bar.update({i + 1, seeds, task});
  }
  return successes;
}

void run(const TasksOptions& o) {
  if (o.seeds < 0) throw Error("--seeds must be 0 or more");
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& name : sim::taskNames()) {
    const auto task = sim::makeTask(name);
    int successes = 0;
    if (o.seeds > 0) {
      ProgressBar bar("measuring " + name, "episodes");
      successes = measureExpert(name, o.seeds, bar);
    }
    rows.push_back({{"name", name},
                    {"description", task->info().description},
                    {"randomisation", task->info().randomisation},
                    {"expert_seeds", o.seeds},
                    {"expert_successes", successes},
                    {"expert_success_rate", o.seeds > 0 ? static_cast<double>(successes) / o.seeds : 0.0}});
  }
  if (o.json) {
    std::printf("%s\n", rows.dump(2).c_str());
    return;
  }
  std::printf("%-12s  %-18s  %s\n", "task", "expert success", "description");
  for (const auto& row : rows) {
    char success[32] = "-";
    if (o.seeds > 0)
      std::snprintf(success, sizeof success, "%5.1f%% (%d/%d)",
                    100.0 * row["expert_success_rate"].get<double>(), row["expert_successes"].get<int>(),
                    o.seeds);
    std::printf("%-12s  %-18s  %s\n", row["name"].get<std::string>().c_str(), success,
                row["description"].get<std::string>().c_str());
  }
  std::printf(
      "\nactions: (dx, dy, dz, grip) in [-1,1]^4; %.0f cm per step at full deflection; grip -1 open, +1 "
      "closed; 50 steps per episode at 25 Hz\n",
      100 * sim::kActionScale);
}

}  // namespace

void addTasksCommand(CLI::App& app) {
  auto options = std::make_shared<TasksOptions>();
  auto* cmd = app.add_subcommand("tasks", "List the built-in tasks and measure their scripted experts");
  cmd->add_option("--seeds", options->seeds, "Episodes per task for measuring the expert (0: skip)")
      ->capture_default_str();
  cmd->add_flag("--json", options->json, "Print JSON instead of a table");
  cmd->callback([options] { run(*options); });
}

}  // namespace w4rl::cli

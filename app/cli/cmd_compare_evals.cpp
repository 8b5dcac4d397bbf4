// world4rl compare-evals BASE.json OTHER.json... [--json]: paired comparison of policy evaluations on the
// same seeds (eval-policy --json output, or a pipeline's eval/<task>_{bc,refined}.json): seeds gained and
// lost against BASE and the exact McNemar p-value of the change.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "pipeline/jobs/eval_report_json.h"

namespace w4rl::cli {
namespace {

struct CompareEvalsOptions {
  std::string base;
  std::vector<std::string> others;
  bool json = false;
};

void runCompare(const CompareEvalsOptions& o) {
  nlohmann::json all = nlohmann::json::array();
  for (const auto& other : o.others) {
    const auto c = pipeline::compareEvalFiles(o.base, other);
    const double base = c.episodes > 0 ? 100.0 * c.baseSuccesses / c.episodes : 0.0;
    const double changed = c.episodes > 0 ? 100.0 * c.otherSuccesses / c.episodes : 0.0;
    if (o.json) {
      all.push_back({{"base", o.base},
                     {"other", other},
                     {"task", c.task},
                     {"episodes", c.episodes},
                     {"base_successes", c.baseSuccesses},
                     {"other_successes", c.otherSuccesses},
                     {"change_points", changed - base},
                     {"seeds_gained", c.outcomes.gained},
                     {"seeds_lost", c.outcomes.lost},
                     {"mcnemar_p", c.pValue}});
    } else {
      std::printf(
          "%s: %s %.1f%% -> %.1f%% (%+.1f points) over %d seeds: %d gained, %d lost, exact McNemar "
          "p = %.3g%s\n",
          other.c_str(), c.task.c_str(), base, changed, changed - base, c.episodes, c.outcomes.gained,
          c.outcomes.lost, c.pValue, c.pValue < 0.05 ? "" : " (not significant at 0.05)");
    }
  }
  if (o.json) std::printf("%s\n", all.dump(2).c_str());
}

}  // namespace

void addCompareEvalsCommand(CLI::App& app) {
  auto o = std::make_shared<CompareEvalsOptions>();
  auto* cmd = app.add_subcommand(
      "compare-evals",
      "Paired comparison of policy evaluations on the same seeds (seeds gained, lost, McNemar p)");
  cmd->add_option("base", o->base, "Evaluation to compare against (eval-policy --json output)")->required();
  cmd->add_option("others", o->others, "Evaluations of other policies on the same task and seeds")
      ->required();
  cmd->add_flag("--json", o->json, "Print JSON");
  cmd->callback([o] { runCompare(*o); });
}

}  // namespace w4rl::cli

#include "pipeline/results_table.h"

#include <cstdio>

namespace w4rl::pipeline {
namespace {

double rate(int successes, int episodes) {
  return episodes > 0 ? 100.0 * successes / episodes : 0.0;
}

std::string format(const char* pattern, double a, double b = 0, double c = 0) {
  char text[512];
  std::snprintf(text, sizeof text, pattern, a, b, c);
  return text;
}

std::string percentOrDash(double x) {
  return x < 0 ? "-" : format("%.0f%%", 100.0 * x);
}

}  // namespace

std::string actionChecksText(const std::vector<ActionCheck>& checks) {
  if (checks.empty()) return {};
  std::string text = "World model action check (" + std::to_string(checks.front().episodes) +
                     " held-out rollout episodes per task, " + std::to_string(checks.front().horizon) +
                     " steps open-loop; PSNR with the episodes' own actions vs another episode's):\n";
  std::string blind;
  for (const auto& c : checks) {
    text += "- " + c.task + ": " +
            format("%.2f vs %.2f dB, gap %+.2f dB", c.truePsnr, c.shuffledPsnr, c.gap()) +
            format(" (copying the last frame: %.2f dB)\n", c.copyPsnr);
    if (c.gap() < kActionGapWarningDb) blind += (blind.empty() ? "" : ", ") + c.task;
  }
  if (!blind.empty())
    text += "\nWarning: on " + blind +
            format(
                " the gap is under %.1f dB, so the world model barely follows its actions there; imagined "
                "rewards then hardly depend on what the policy does, and refinement cannot be expected "
                "to help.\n",
                kActionGapWarningDb);
  return text;
}

std::string resultsMarkdown(const std::vector<TaskResult>& rows, unsigned long long evalSeed,
                            const std::vector<ActionCheck>& checks) {
  std::string out =
      "| task | BC success | refined success | change | imagined success (first -> last iteration) |\n"
      "|---|---|---|---|---|\n";
  double bcSum = 0, refinedSum = 0;
  for (const auto& r : rows) {
    const double bc = rate(r.bcSuccesses, r.episodes), refined = rate(r.refinedSuccesses, r.episodes);
    bcSum += bc;
    refinedSum += refined;
    out += "| " + r.task + " | " + format("%.1f%% [%.0f-%.0f]", bc, 100 * r.bcCiLow, 100 * r.bcCiHigh) +
           " | " + format("%.1f%% [%.0f-%.0f]", refined, 100 * r.refinedCiLow, 100 * r.refinedCiHigh) +
           " | " + format("%+.1f", refined - bc) + " | " + percentOrDash(r.imaginedSuccessFirst) + " -> " +
           percentOrDash(r.imaginedSuccessLast) + " |\n";
  }
  if (!rows.empty()) {
    const double n = static_cast<double>(rows.size());
    out += "| **average** | " + format("%.1f%%", bcSum / n) + " | " + format("%.1f%%", refinedSum / n) +
           " | " + format("%+.1f", (refinedSum - bcSum) / n) + " | |\n";
  }
  const int episodes = rows.empty() ? 0 : rows.front().episodes;
  out += "\nReal-simulator success over " + std::to_string(episodes) +
         " held-out seeds per task (evaluation seed " + std::to_string(evalSeed) +
         ", mean actions), 95% Wilson intervals in brackets; both policies on the same seeds.\n";
  if (!checks.empty()) out += "\n" + actionChecksText(checks);
  return out;
}

std::string resultsCsv(const std::vector<TaskResult>& rows) {
  std::string out =
      "task,episodes,bc_successes,bc_success_rate,refined_successes,refined_success_rate,change_points,"
      "imagined_success_first,imagined_success_last\n";
  for (const auto& r : rows) {
    const double bc = rate(r.bcSuccesses, r.episodes), refined = rate(r.refinedSuccesses, r.episodes);
    out += r.task + "," + std::to_string(r.episodes) + "," + std::to_string(r.bcSuccesses) + "," +
           format("%.4f", bc / 100) + "," + std::to_string(r.refinedSuccesses) + "," +
           format("%.4f", refined / 100) + "," + format("%.1f", refined - bc) + "," +
           format("%.4f", r.imaginedSuccessFirst) + "," + format("%.4f", r.imaginedSuccessLast) + "\n";
  }
  return out;
}

}  // namespace w4rl::pipeline

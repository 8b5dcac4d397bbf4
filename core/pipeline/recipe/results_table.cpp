#include "pipeline/recipe/results_table.h"

#include <algorithm>
#include <cstdio>

#include "common/number_text.h"
#include "common/paired_test.h"

namespace w4rl::pipeline {
namespace {

double rate(int successes, int episodes) {
  return episodes > 0 ? 100.0 * successes / episodes : 0.0;
}

std::string percentOrDash(double x) {
  return x < 0 ? "-" : formatC("%.0f%%", 100.0 * x);
}

// "+7 / -2 (p 0.18)": seeds gained and lost against BC and the exact McNemar p of the change.
std::string pairedText(int gained, int lost) {
  if (gained < 0 || lost < 0) return "-";
  return "+" + std::to_string(gained) + " / -" + std::to_string(lost) +
         formatC(" (p %.2g)", exactMcNemarP({gained, lost}));
}

// "12 of 21": in how many of `of` episodes the classifier fired; "-" where not audited.
std::string firedOf(int fired, int of) {
  return fired < 0 ? std::string("-") : std::to_string(fired) + " of " + std::to_string(of);
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
            formatC("%.2f vs %.2f dB, gap %+.2f dB", c.truePsnr, c.shuffledPsnr, c.gap()) +
            formatC(" (copying the last frame: %.2f dB)\n", c.copyPsnr);
    if (c.gap() < kActionGapWarningDb) blind += (blind.empty() ? "" : ", ") + c.task;
  }
  if (!blind.empty())
    text += "\nWarning: on " + blind +
            formatC(
                " the gap is under %.1f dB, so the world model barely follows its actions there; imagined "
                "rewards then hardly depend on what the policy does, and refinement cannot be expected "
                "to help.\n",
                kActionGapWarningDb);
  return text;
}

std::string dreamChecksText(const std::vector<TaskResult>& rows) {
  std::string text, blind, wrong;
  for (const auto& r : rows) {
    const auto& d = r.dreamCheck;
    if (d.starts <= 0) continue;
    if (text.empty())
      text = "Dream check (before refinement, the BC policy and random actions each imagine the same " +
             std::to_string(d.starts) + " starts for " + std::to_string(d.horizon) +
             " steps; imagined success, and the starts only the policy / only random actions solve):\n";
    text +=
        "- " + r.task + ": " +
        formatC("BC policy %.1f%%, random actions %.1f%%: ", 100.0 * d.policyRate(), 100.0 * d.randomRate()) +
        pairedText(d.policyOverRandom.gained, d.policyOverRandom.lost) + "\n";
    if (!d.policyFavoured()) blind += (blind.empty() ? "" : ", ") + r.task;
    if (d.verdict() == learning::DreamVerdict::RandomFavoured) wrong += (wrong.empty() ? "" : ", ") + r.task;
  }
  if (!blind.empty())
    text +=
        "\nWarning: on " + blind +
        " the dream does not reward the BC policy significantly more often than random actions, which fail "
        "the real task: imagined success there is decided by the start rather than by the actions, so "
        "refinement learns from noise.\n";
  if (!wrong.empty())
    text += "On " + wrong +
            " random actions even do significantly better in the dream: refinement there is drawn towards "
            "what fails the real task.\n";
  return text;
}

std::string rewardAuditText(const std::vector<TaskResult>& rows) {
  std::string text, fooled, blind;
  for (const auto& r : rows) {
    if (r.bcRewardInSuccesses < 0 && r.refinedRewardInSuccesses < 0) continue;
    const int bcFailures = r.episodes - r.bcSuccesses, refinedFailures = r.episodes - r.refinedSuccesses;
    text += "- " + r.task + ": BC " + firedOf(r.bcRewardInSuccesses, r.bcSuccesses) + " successes, " +
            firedOf(r.bcRewardInFailures, bcFailures) + " failures; refined " +
            firedOf(r.refinedRewardInSuccesses, r.refinedSuccesses) + " successes, " +
            firedOf(r.refinedRewardInFailures, refinedFailures) + " failures\n";
    const double bcShare = r.bcRewardInFailures >= 0 && bcFailures > 0
                               ? static_cast<double>(r.bcRewardInFailures) / bcFailures
                               : 0.0;
    if (r.refinedRewardInFailures >= 0 && refinedFailures > 0) {
      const double share = static_cast<double>(r.refinedRewardInFailures) / refinedFailures;
      // Hacking rewards more failed episodes than before: a refined policy that fails rarely can have
      // nearly all of its few failures rewarded (a measured hammer refinement: 5 of 5, down from BC's 11 of
      // 16).
      if (share > kRewardHackingShare && share > bcShare + kRewardHackingShare / 2 &&
          r.refinedRewardInFailures > r.bcRewardInFailures)
        fooled += (fooled.empty() ? "" : ", ") + r.task;
    }
    if (r.bcRewardInSuccesses >= 0 && r.bcSuccesses >= kRewardRecallMinSuccesses &&
        r.bcRewardInSuccesses < kRewardRecallWarningShare * r.bcSuccesses)
      blind += (blind.empty() ? "" : ", ") + r.task;
  }
  if (text.empty()) return {};
  text = "Reward audit (the success classifier on the same real episodes; in how many it fires):\n" + text;
  if (!fooled.empty())
    text +=
        "\nWarning: on " + fooled +
        " the classifier fires in many of the refined policy's failed episodes: refinement learnt to fool "
        "the reward (reward hacking), not to do the task.\n";
  if (!blind.empty())
    text += "\nWarning: on " + blind +
            " the classifier misses most of the BC policy's real successes at the step they happen (episodes "
            "end there), so imagined rewards come late or not at all.\n";
  return text;
}

std::string dreamTruthText(const std::vector<DreamTruthRow>& rows) {
  if (rows.empty()) return "";
  std::string out =
      "\n## The dream against the simulator (eval-dream)\n\nEach policy acts in the world model from the "
      "held-out seeds' first frames for the real episode length; its dreamt actions are then replayed in the "
      "real task. Agreement is the share of starts where the dream's outcome (the classifier on the dreamt "
      "frames) is the real one; precision the share of imagined successes that are real.\n\n"
      "| task | actions | imagined | real (replayed) | agreement [95% CI] | precision | errors: world model "
      "/ "
      "classifier |\n|---|---|---|---|---|---|---|\n";
  std::vector<std::string> lying;
  for (const auto& r : rows) {
    const auto& a = r.table;
    out +=
        "| " + r.task + " | " + r.actions + " | " + formatC("%.1f%%", 100 * a.imaginedSuccess.rate) + " | " +
        formatC("%.1f%%", 100 * a.realSuccess.rate) + " | " +
        formatC("%.1f%% [%.0f-%.0f]", 100 * a.agreement.rate, 100 * a.agreement.ci.low,
                100 * a.agreement.ci.high) +
        " | " +
        (a.precision.of > 0 ? formatC("%.2f (%d of %d)", a.precision.rate, a.precision.count, a.precision.of)
                            : std::string("-")) +
        " | " + std::to_string(a.worldModelErrors) + " / " + std::to_string(a.classifierErrors) + " |\n";
    const bool imprecise = a.imaginedSuccess.rate >= 0.1 && a.precision.rate < 0.8;
    const bool randomOverImagined =
        r.actions == "random" && a.imaginedSuccess.rate > a.realSuccess.rate + 0.05;
    if (imprecise || randomOverImagined) lying.push_back(r.task + " (" + r.actions + ")");
  }
  if (!lying.empty()) {
    out += "\n**Warning:** the dream rewards what fails in the real task for ";
    for (std::size_t i = 0; i < lying.size(); ++i) out += (i ? ", " : "") + lying[i];
    out += ": refinement there can learn actions that succeed only in the world model.\n";
  }
  return out;
}

std::string rewardRoundsText(const std::vector<TaskResult>& rounds) {
  if (rounds.empty()) return {};
  std::string out =
      "Reward correction rounds (round k: the classifier retrained with real episodes of round k-1's refined "
      "policy, then BC refined again with it; the table above shows each task's last round):\n\n"
      "| task | round | real episodes of refined policies | refined success | seeds gained / lost vs BC (p) "
      "| "
      "imagined success | classifier fires in refined failures | in BC successes |\n"
      "|---|---|---|---|---|---|---|---|\n";
  for (const auto& r : rounds)
    out += "| " + r.task + " | " + std::to_string(r.round) + " | " + std::to_string(r.hardNegativeEpisodes) +
           " | " + formatC("%.1f%%", rate(r.refinedSuccesses, r.episodes)) + " | " +
           pairedText(r.seedsGained, r.seedsLost) + " | " + percentOrDash(r.imaginedSuccessFirst) + " -> " +
           percentOrDash(r.imaginedSuccessLast) + " | " +
           firedOf(r.refinedRewardInFailures, r.episodes - r.refinedSuccesses) + " | " +
           firedOf(r.bcRewardInSuccesses, r.bcSuccesses) + " |\n";
  return out;
}

std::string refinementRunsText(const std::vector<TaskResult>& rows) {
  std::string text;
  bool anyBest = false;
  for (const auto& r : rows) {
    if (!r.refinedIsBest && r.stopReason.empty()) continue;
    anyBest = anyBest || r.refinedIsBest;
    text += "- " + r.task + (r.round > 0 ? " round " + std::to_string(r.round) : std::string()) + ": ";
    if (r.refinedIsBest)
      text += "best.pt, iteration " + std::to_string(r.refinedIteration) + " of " +
              std::to_string(r.refineIterations) + " (" + percentOrDash(r.refinedValidationRate) +
              " on the refinement's seeds)";
    else
      text += "policy.pt, iteration " + std::to_string(r.refinedIteration);
    if (r.refinedIsBest && r.refinedIteration == 0) text += ": no evaluation beat the BC policy";
    if (!r.stopReason.empty()) text += "; stopped early: " + r.stopReason;
    text += "\n";
  }
  if (text.empty()) return {};
  return std::string("Refined policies evaluated") +
         (anyBest ? " (refined_policy: best keeps the refinement's best real evaluation on its own seeds, "
                    "which are apart from the held-out seeds; iteration 0 is the BC policy itself)"
                  : "") +
         ":\n" + text;
}

std::string ppoSeedsText(const std::vector<TaskResult>& rows) {
  std::vector<long long> seeds;
  std::vector<std::string> tasks;
  for (const auto& r : rows) {
    if (r.ppoSeed < 0) return {};
    if (std::find(seeds.begin(), seeds.end(), r.ppoSeed) == seeds.end()) seeds.push_back(r.ppoSeed);
    if (std::find(tasks.begin(), tasks.end(), r.task) == tasks.end()) tasks.push_back(r.task);
  }
  if (seeds.empty()) return {};
  std::string out =
      "Per PPO seed (the task average, and each task's change in points):\n\n| PPO seed | BC | refined | "
      "change |";
  std::string rule = "|---|---|---|---|";
  for (const auto& t : tasks) {
    out += " " + t + " |";
    rule += "---|";
  }
  out += "\n" + rule + "\n";
  double bcMean = 0, refinedMean = 0;
  std::vector<double> taskMean(tasks.size(), 0.0);
  for (const auto seed : seeds) {
    double bcSum = 0, refinedSum = 0;
    int n = 0;
    std::string cells;
    for (std::size_t k = 0; k < tasks.size(); ++k) {
      const auto row = std::find_if(rows.begin(), rows.end(), [&](const TaskResult& r) {
        return r.ppoSeed == seed && r.task == tasks[k];
      });
      if (row == rows.end()) {
        cells += " - |";
        continue;
      }
      const double bc = rate(row->bcSuccesses, row->episodes),
                   refined = rate(row->refinedSuccesses, row->episodes);
      bcSum += bc;
      refinedSum += refined;
      taskMean[k] += (refined - bc) / static_cast<double>(seeds.size());
      ++n;
      cells += " " + formatC("%+.1f", refined - bc) + " |";
    }
    const double bc = n ? bcSum / n : 0, refined = n ? refinedSum / n : 0;
    bcMean += bc / static_cast<double>(seeds.size());
    refinedMean += refined / static_cast<double>(seeds.size());
    out += "| " + std::to_string(seed) + " | " + formatC("%.1f%%", bc) + " | " + formatC("%.1f%%", refined) +
           " | " + formatC("%+.1f", refined - bc) + " |" + cells + "\n";
  }
  out += "| **mean** | " + formatC("%.1f%%", bcMean) + " | " + formatC("%.1f%%", refinedMean) + " | " +
         formatC("%+.1f", refinedMean - bcMean) + " |";
  for (const double m : taskMean) out += " " + formatC("%+.1f", m) + " |";
  return out + "\n";
}

std::string resultsMarkdown(const std::vector<TaskResult>& rows, unsigned long long evalSeed,
                            const std::vector<ActionCheck>& checks, const std::vector<TaskResult>& rounds) {
  std::string out =
      "| task | BC success | refined success | change | seeds gained / lost (p) | imagined success (first -> "
      "last iteration) |\n"
      "|---|---|---|---|---|---|\n";
  double bcSum = 0, refinedSum = 0;
  int gainedSum = 0, lostSum = 0;  // pooled over tasks: -1 once a task has no paired outcomes
  for (const auto& r : rows) {
    const double bc = rate(r.bcSuccesses, r.episodes), refined = rate(r.refinedSuccesses, r.episodes);
    bcSum += bc;
    refinedSum += refined;
    if (r.seedsGained < 0 || r.seedsLost < 0 || gainedSum < 0) {
      gainedSum = lostSum = -1;
    } else {
      gainedSum += r.seedsGained;
      lostSum += r.seedsLost;
    }
    const std::string label =
        r.ppoSeed < 0 ? r.task : r.task + " (PPO seed " + std::to_string(r.ppoSeed) + ")";
    out += "| " + label + " | " + formatC("%.1f%% [%.0f-%.0f]", bc, 100 * r.bcCiLow, 100 * r.bcCiHigh) +
           " | " + formatC("%.1f%% [%.0f-%.0f]", refined, 100 * r.refinedCiLow, 100 * r.refinedCiHigh) +
           " | " + formatC("%+.1f", refined - bc) + " | " + pairedText(r.seedsGained, r.seedsLost) + " | " +
           percentOrDash(r.imaginedSuccessFirst) + " -> " + percentOrDash(r.imaginedSuccessLast) + " |\n";
  }
  if (!rows.empty()) {
    const double n = static_cast<double>(rows.size());
    out += "| **average** | " + formatC("%.1f%%", bcSum / n) + " | " + formatC("%.1f%%", refinedSum / n) +
           " | " + formatC("%+.1f", (refinedSum - bcSum) / n) + " | " + pairedText(gainedSum, lostSum) +
           " | |\n";
  }
  const int episodes = rows.empty() ? 0 : rows.front().episodes;
  out += "\nReal-simulator success over " + std::to_string(episodes) +
         " held-out seeds per task (evaluation seed " + std::to_string(evalSeed) +
         ", mean actions), 95% Wilson intervals in brackets; both policies on the same seeds. Seeds gained / "
         "lost: where only the refined / only the BC policy succeeds; p: exact McNemar test on those seeds "
         "(the average row pools every task's).\n";
  // With reward rounds, every round's refinement (the rows show each task's last round only).
  if (const auto seeds = ppoSeedsText(rows); !seeds.empty()) out += "\n" + seeds;
  if (const auto runs = refinementRunsText(rounds.empty() ? rows : rounds); !runs.empty()) out += "\n" + runs;
  if (!checks.empty()) out += "\n" + actionChecksText(checks);
  if (const auto dream = dreamChecksText(rows); !dream.empty()) out += "\n" + dream;
  if (const auto audit = rewardAuditText(rows); !audit.empty()) out += "\n" + audit;
  if (const auto roundsText = rewardRoundsText(rounds); !roundsText.empty()) out += "\n" + roundsText;
  return out;
}

std::string resultsCsv(const std::vector<TaskResult>& rows) {
  std::string out =
      "task,episodes,bc_successes,bc_success_rate,refined_successes,refined_success_rate,change_points,"
      "imagined_success_first,imagined_success_last,bc_reward_in_successes,bc_reward_in_failures,"
      "refined_reward_in_successes,refined_reward_in_failures,seeds_gained,seeds_lost,mcnemar_p,refined_"
      "iteration,dream_policy_success_rate,dream_random_success_rate,ppo_seed\n";
  for (const auto& r : rows) {
    const double bc = rate(r.bcSuccesses, r.episodes), refined = rate(r.refinedSuccesses, r.episodes);
    out +=
        r.task + "," + std::to_string(r.episodes) + "," + std::to_string(r.bcSuccesses) + "," +
        formatC("%.4f", bc / 100) + "," + std::to_string(r.refinedSuccesses) + "," +
        formatC("%.4f", refined / 100) + "," + formatC("%.1f", refined - bc) + "," +
        formatC("%.4f", r.imaginedSuccessFirst) + "," + formatC("%.4f", r.imaginedSuccessLast) + "," +
        std::to_string(r.bcRewardInSuccesses) + "," + std::to_string(r.bcRewardInFailures) + "," +
        std::to_string(r.refinedRewardInSuccesses) + "," + std::to_string(r.refinedRewardInFailures) + "," +
        std::to_string(r.seedsGained) + "," + std::to_string(r.seedsLost) + "," +
        (r.seedsGained < 0 || r.seedsLost < 0
             ? std::string("-1")
             : formatC("%.4g", exactMcNemarP({r.seedsGained, r.seedsLost}))) +
        "," + std::to_string(r.refinedIteration) + "," +
        (r.dreamCheck.starts > 0 ? formatC("%.4f,%.4f", r.dreamCheck.policyRate(), r.dreamCheck.randomRate())
                                 : std::string("-1,-1")) +
        "," + std::to_string(r.ppoSeed) + "\n";
  }
  return out;
}

}  // namespace w4rl::pipeline

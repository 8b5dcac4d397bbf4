#pragma once
// A policy evaluation as JSON (what `world4rl eval-policy --json` prints and the pipeline keeps in
// eval/<task>_{bc,refined}.json), and the paired comparison of two such reports: two policies evaluated
// on the same seeds differ only where one solves a seed the other does not (common/paired_test.h).
#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "common/paired_test.h"
#include "pipeline/jobs/eval_policy_job.h"

namespace w4rl::pipeline {

// Every field of the report, per-episode outcomes included, plus the checkpoint and the evaluation seed.
nlohmann::json evalReportJson(const EvalPolicyReport& report, const std::filesystem::path& policy,
                              std::uint64_t seed);

struct EvalComparison {
  std::string task;
  int episodes = 0;
  int baseSuccesses = 0, otherSuccesses = 0;
  PairedOutcomes outcomes;  // seeds `other` gained and lost against `base`
  double pValue = 1.0;      // exact McNemar
};

// Throws w4rl::Error naming the report (`baseName`, `otherName`) that has no per-episode outcomes, repeats
// a seed, or was evaluated on another task or on other seeds than the other report.
EvalComparison compareEvalReports(const nlohmann::json& base, const std::string& baseName,
                                  const nlohmann::json& other, const std::string& otherName);
// The same for two report files; also throws naming a file that is missing or not JSON.
EvalComparison compareEvalFiles(const std::filesystem::path& base, const std::filesystem::path& other);

}  // namespace w4rl::pipeline

#include "pipeline/jobs/eval_report_json.h"

#include <fstream>
#include <map>

#include "common/error.h"

namespace w4rl::pipeline {
namespace {

using nlohmann::json;

// seed -> success of a report's episodes.
std::map<std::uint64_t, bool> outcomesBySeed(const json& report, const std::string& name) {
  if (!report.is_object() || !report.contains("per_episode") || !report.at("per_episode").is_array())
    throw Error(name + ": no per-episode outcomes (per_episode); evaluate again with this version");
  std::map<std::uint64_t, bool> outcomes;
  try {
    for (const auto& e : report.at("per_episode")) {
      const auto seed = e.at("seed").get<std::uint64_t>();
      if (!outcomes.emplace(seed, e.at("success").get<bool>()).second)
        throw Error(name + ": seed " + std::to_string(seed) + " appears twice");
    }
  } catch (const json::exception& e) {
    throw Error(name + ": malformed per_episode entry (" + e.what() + ")");
  }
  return outcomes;
}

std::string taskOf(const json& report) {
  return report.contains("task") && report.at("task").is_string() ? report.at("task").get<std::string>()
                                                                  : std::string();
}

json readJsonFile(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw Error(file.string() + ": cannot open");
  try {
    return json::parse(in);
  } catch (const json::exception& e) {
    throw Error(file.string() + ": not JSON (" + e.what() + ")");
  }
}

}  // namespace

json evalReportJson(const EvalPolicyReport& r, const std::filesystem::path& policy, std::uint64_t seed) {
  json episodes = json::array();
  for (const auto& ep : r.perEpisode) {
    json e = {{"seed", ep.seed}, {"success", ep.success}, {"steps", ep.steps}};
    if (r.rewardScored) {
      e["reward_fired"] = ep.rewardFired;
      e["reward_max_p"] = ep.rewardMaxProbability;
    }
    episodes.push_back(e);
  }
  json out = {{"checkpoint", policy.string()},
              {"task", r.task},
              {"policy_task", r.policyTask},
              {"episodes", r.episodes},
              {"successes", r.successes},
              {"success_rate", r.successRate},
              {"ci_low", r.ciLow},
              {"ci_high", r.ciHigh},
              {"ci_level", 0.95},
              {"per_episode", episodes},
              {"deterministic", r.deterministic},
              {"seed", seed},
              {"seconds", r.seconds},
              {"device", r.device},
              {"videos", r.videos},
              {"cancelled", r.cancelled}};
  if (r.rewardScored)
    out["reward"] = {{"file", r.reward.file},
                     {"threshold", r.reward.threshold},
                     {"fired_in_successes", r.reward.firedInSuccesses},
                     {"successes", r.successes},
                     {"fired_in_failures", r.reward.firedInFailures},
                     {"failures", r.episodes - r.successes}};
  return out;
}

EvalComparison compareEvalReports(const json& base, const std::string& baseName, const json& other,
                                  const std::string& otherName) {
  const auto a = outcomesBySeed(base, baseName), b = outcomesBySeed(other, otherName);
  EvalComparison c;
  c.task = taskOf(base);
  if (c.task != taskOf(other))
    throw Error(otherName + ": evaluated on task '" + taskOf(other) + "', " + baseName + " on '" + c.task +
                "'");
  for (const auto& [seed, success] : a) {
    const auto it = b.find(seed);
    if (it == b.end())
      throw Error(
          otherName + ": seed " + std::to_string(seed) + " of " + baseName +
          " was not evaluated; a paired comparison needs the same seeds (same --seed and --episodes)");
    c.baseSuccesses += success;
    c.otherSuccesses += it->second;
    c.outcomes.gained += it->second && !success;
    c.outcomes.lost += success && !it->second;
  }
  if (b.size() != a.size())
    throw Error(otherName + ": " + std::to_string(b.size()) + " episodes, " + baseName + " " +
                std::to_string(a.size()) +
                "; a paired comparison needs the same seeds (same --seed and --episodes)");
  c.episodes = static_cast<int>(a.size());
  c.pValue = exactMcNemarP(c.outcomes);
  return c;
}

EvalComparison compareEvalFiles(const std::filesystem::path& base, const std::filesystem::path& other) {
  return compareEvalReports(readJsonFile(base), base.string(), readJsonFile(other), other.string());
}

}  // namespace w4rl::pipeline

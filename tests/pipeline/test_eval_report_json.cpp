#include "pipeline/jobs/eval_report_json.h"

#include <gtest/gtest.h>

#include <fstream>

#include "common/error.h"
#include "shared_test_support.h"

namespace w4rl::pipeline {
namespace {

using nlohmann::json;

// A report with one episode per (seed, success) pair, as eval-policy --json writes it.
json report(const std::string& task, const std::vector<std::pair<std::uint64_t, bool>>& outcomes) {
  EvalPolicyReport r;
  r.task = task;
  for (const auto& [seed, success] : outcomes) {
    r.perEpisode.push_back({seed, success, 10, -1.0, false});
    r.successes += success;
  }
  r.episodes = static_cast<int>(outcomes.size());
  return evalReportJson(r, "policy.pt", 0);
}

std::string errorOf(const json& base, const json& other) {
  try {
    compareEvalReports(base, "bc.json", other, "refined.json");
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

TEST(EvalReportJson, KeepsEveryEpisodeAndTheAuditOnlyWhenScored) {
  EvalPolicyReport r;
  r.task = "hammer";
  r.episodes = 2;
  r.successes = 1;
  r.perEpisode = {{11, true, 7, 0.9, true}, {12, false, 50, 0.2, false}};
  auto j = evalReportJson(r, "p.pt", 3);
  EXPECT_EQ(j["checkpoint"], "p.pt");
  EXPECT_EQ(j["seed"], 3);
  ASSERT_EQ(j["per_episode"].size(), 2u);
  EXPECT_EQ(j["per_episode"][0]["seed"], 11);
  EXPECT_EQ(j["per_episode"][0]["steps"], 7);
  EXPECT_FALSE(j["per_episode"][0].contains("reward_fired"));
  EXPECT_FALSE(j.contains("reward"));
  r.rewardScored = true;
  r.reward.firedInSuccesses = 1;
  j = evalReportJson(r, "p.pt", 3);
  EXPECT_EQ(j["per_episode"][0]["reward_fired"], true);
  EXPECT_EQ(j["reward"]["fired_in_successes"], 1);
  EXPECT_EQ(j["reward"]["failures"], 1);
}

TEST(EvalReportJson, PairsOutcomesBySeedWhateverTheOrder) {
  const auto bc = report("soccer", {{1, true}, {2, false}, {3, false}, {4, true}, {5, false}});
  const auto refined = report("soccer", {{5, true}, {4, true}, {3, true}, {2, false}, {1, false}});
  const auto c = compareEvalReports(bc, "bc.json", refined, "refined.json");
  EXPECT_EQ(c.task, "soccer");
  EXPECT_EQ(c.episodes, 5);
  EXPECT_EQ(c.baseSuccesses, 2);
  EXPECT_EQ(c.otherSuccesses, 3);
  EXPECT_EQ(c.outcomes.gained, 2);  // seeds 3 and 5
  EXPECT_EQ(c.outcomes.lost, 1);    // seed 1
  EXPECT_DOUBLE_EQ(c.pValue, 1.0);  // 2 (1 + 3) / 8 capped
}

TEST(EvalReportJson, RefusesReportsThatCannotBePaired) {
  const auto bc = report("soccer", {{1, true}, {2, false}});
  EXPECT_NE(
      errorOf(bc, report("hammer", {{1, true}, {2, false}})).find("refined.json: evaluated on task 'hammer'"),
      std::string::npos);
  EXPECT_NE(errorOf(bc, report("soccer", {{1, true}, {3, false}})).find("refined.json: seed 2 of bc.json"),
            std::string::npos);
  EXPECT_NE(
      errorOf(bc, report("soccer", {{1, true}, {2, false}, {3, true}})).find("refined.json: 3 episodes"),
      std::string::npos);
  json old = bc;
  old.erase("per_episode");  // a pipeline report written before outcomes were kept
  EXPECT_NE(errorOf(old, bc).find("bc.json: no per-episode outcomes"), std::string::npos);
  json twice = bc;
  twice["per_episode"][1]["seed"] = 1;
  EXPECT_NE(errorOf(bc, twice).find("refined.json: seed 1 appears twice"), std::string::npos);
  json malformed = bc;
  malformed["per_episode"][0].erase("success");
  EXPECT_NE(errorOf(bc, malformed).find("refined.json: malformed per_episode entry"), std::string::npos);
}

TEST(EvalReportJson, ComparesFilesAndNamesOneThatIsNotJson) {
  const auto dir = test::freshDir();
  std::ofstream(dir / "bc.json") << report("soccer", {{1, false}, {2, false}}).dump();
  std::ofstream(dir / "refined.json") << report("soccer", {{1, true}, {2, true}}).dump();
  std::ofstream(dir / "broken.json") << "{\"task\": ";
  const auto c = compareEvalFiles(dir / "bc.json", dir / "refined.json");
  EXPECT_EQ(c.outcomes.gained, 2);
  EXPECT_DOUBLE_EQ(c.pValue, 0.5);
  try {
    compareEvalFiles(dir / "bc.json", dir / "broken.json");
    ADD_FAILURE() << "a truncated report was compared";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("broken.json: not JSON"), std::string::npos) << e.what();
  }
  EXPECT_THROW(compareEvalFiles(dir / "missing.json", dir / "bc.json"), Error);
}

}  // namespace
}  // namespace w4rl::pipeline

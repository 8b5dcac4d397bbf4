// `world4rl eval-policy` and `world4rl collect --policy` as a user runs them, on a freshly initialised
// policy checkpoint (written here: the CLI tests in tests/cli link no torch and cannot write one).
#include <gtest/gtest.h>

#ifdef W4RL_CLI_BINARY
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "data/dataset.h"
#include "pipeline/jobs/eval_policy_job.h"

#include "policy_test_support.h"
#include "shared_test_support.h"

namespace fs = std::filesystem;

namespace w4rl::pipeline {
namespace {

using CliRun = w4rl::test::ProgramRun;

CliRun runCli(const std::string& args) {
  return w4rl::test::runProgram(W4RL_CLI_BINARY, args);
}

}  // namespace

TEST(PolicyCli, EvalPolicyPrintsTheSuccessRateWithItsIntervalAndJson) {
  const fs::path dir = test::freshDir();
  const fs::path policy = test::saveTinyPolicy(dir / "p.pt", {"soccer", 16});
  const std::string common = "eval-policy --policy " + policy.string() + " --episodes 2 --episode-length 3 " +
                             "--seed 5 --device cpu";
  const CliRun text = runCli(common);
  ASSERT_EQ(text.exitCode, 0) << text.err;
  // An untrained policy in 3 steps does not score: 0/2 with the Wilson interval of 0/2.
  EXPECT_NE(text.out.find("success 0/2 = 0.0% (95% CI 0.0-65.8%) on soccer"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("mean actions, seed 5: 2 episodes"), std::string::npos) << text.out;

  const CliRun json =
      runCli(common + " --json --sample --video " + (dir / "videos").string() + " --videos 1");
  ASSERT_EQ(json.exitCode, 0) << json.err;
  const auto j = nlohmann::json::parse(json.out);
  EXPECT_EQ(j["task"], "soccer");
  EXPECT_EQ(j["policy_task"], "soccer");
  EXPECT_EQ(j["checkpoint"], policy.string());
  EXPECT_EQ(j["episodes"], 2);
  EXPECT_EQ(j["successes"], 0);
  EXPECT_EQ(j["success_rate"], 0.0);
  EXPECT_EQ(j["ci_low"], 0.0);
  EXPECT_NEAR(j["ci_high"].get<double>(), 0.6576, 1e-4);
  EXPECT_EQ(j["deterministic"], false);
  EXPECT_EQ(j["seed"], 5);
  EXPECT_EQ(j["cancelled"], false);
  ASSERT_EQ(j["per_episode"].size(), 2u);
  EXPECT_EQ(j["per_episode"][1]["seed"].get<std::uint64_t>(), policyEvaluationSeed(5, 1));
  EXPECT_EQ(j["per_episode"][1]["steps"], 3);
  ASSERT_EQ(j["videos"].size(), 1u);
  EXPECT_GT(fs::file_size(j["videos"][0].get<std::string>()), 0u);
  EXPECT_TRUE(j.contains("seconds"));
  EXPECT_TRUE(j.contains("device"));

  // What eval-policy --json prints is what compare-evals pairs: against itself, nothing changes.
  std::ofstream(dir / "eval.json") << json.out;
  const CliRun same =
      runCli("compare-evals " + (dir / "eval.json").string() + " " + (dir / "eval.json").string());
  ASSERT_EQ(same.exitCode, 0) << same.err;
  EXPECT_NE(
      same.out.find("soccer 0.0% -> 0.0% (+0.0 points) over 2 seeds: 0 gained, 0 lost, exact McNemar p = 1"),
      std::string::npos)
      << same.out;
}

TEST(PolicyCli, CollectWithAPolicyRecordsPolicyEpisodesAtThePolicysImageSize) {
  const fs::path dir = test::freshDir();
  const fs::path policy = test::saveTinyPolicy(dir / "p.pt", {"soccer", 16});
  const fs::path out = dir / "d.hdf5";
  const CliRun r =
      runCli("collect --task soccer --recipe random:1,policy:2 --episode-length 4 --device cpu " +
             std::string("--policy ") + policy.string() + " --out " + out.string());
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_NE(r.out.find("policy"), std::string::npos) << r.out;
  const auto ds = data::Dataset::open({out});
  ASSERT_EQ(ds.episodes().size(), 3u);
  EXPECT_EQ(ds.imageHeight(), 16);
  EXPECT_EQ(ds.episodes()[2].source, data::EpisodeSource::Policy);

  const CliRun unused = runCli("collect --task soccer --recipe random:1 --policy " + policy.string() +
                               " --out " + (dir / "e.hdf5").string());
  EXPECT_NE(unused.exitCode, 0);
  EXPECT_NE(unused.err.find("no policy episodes"), std::string::npos) << unused.err;
  EXPECT_FALSE(fs::exists(dir / "e.hdf5"));
}

TEST(PolicyCli, EvalDreamPrintsTheTableAndJsonAndRefusesWithOneLine) {
  const fs::path dir = test::freshDir();
  const fs::path wm = test::saveTinyWorldModel(dir / "wm.pt", 16);
  const fs::path policy = test::saveTinyPolicy(dir / "p.pt", {"soccer", 16});
  const fs::path reward = test::saveTinyReward(dir / "r.pt", "soccer", 16, 0.999);
  const std::string common = "eval-dream --world-model " + wm.string() + " --reward " + reward.string() +
                             " --episodes 2 --horizon 3 --sampler-steps 1 --device cpu";
  const CliRun text = runCli(common + " --policy " + policy.string());
  ASSERT_EQ(text.exitCode, 0) << text.err;
  EXPECT_NE(text.out.find("dream against real replay on soccer: agreement 100.0% of 2 starts (policy mean "
                          "actions, 3 steps)"),
            std::string::npos)
      << text.out;
  EXPECT_NE(text.out.find("precision of imagined success"), std::string::npos) << text.out;

  const CliRun json = runCli(common + " --random --task soccer --json");
  ASSERT_EQ(json.exitCode, 0) << json.err;
  const auto j = nlohmann::json::parse(json.out);
  for (const char* key :
       {"agreement", "imagined_success_rate", "real_success_rate", "imagined_success_precision",
        "imagined_success_recall", "world_model_errors", "classifier_errors", "per_start"})
    EXPECT_TRUE(j.contains(key)) << key;
  EXPECT_EQ(j["actions"], "uniform random");
  EXPECT_EQ(j["per_start"].size(), 2u);
  EXPECT_EQ(j["per_start"][0]["seed"], policyEvaluationSeed(0, 0));

  const CliRun both = runCli(common + " --random --policy " + policy.string());
  EXPECT_NE(both.exitCode, 0);
  const CliRun neither = runCli(common);
  EXPECT_EQ(neither.exitCode, 1);
  EXPECT_EQ(neither.err, "world4rl: error: give the actions' source: --policy P or --random\n");
  const CliRun where = runCli(common + " --random --task soccer --start-from middle");
  EXPECT_EQ(where.exitCode, 1);
  EXPECT_NE(where.err.find("--start-from must be first or any, not 'middle'"), std::string::npos)
      << where.err;
}

}  // namespace w4rl::pipeline
#endif  // W4RL_CLI_BINARY

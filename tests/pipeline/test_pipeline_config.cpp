// Pipeline settings and the results table: pure logic, no torch.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "common/error.h"
#include "learning/refine_settings.h"
#include "learning/setting_table.h"
#include "pipeline/recipe/pipeline_config.h"
#include "pipeline/recipe/results_table.h"
#include "shared_test_support.h"

namespace w4rl::pipeline {

TEST(PipelineConfig, GroupsInTheConfigFileEqualDottedKeys) {
  const auto dir = test::freshDir();
  std::ofstream(dir / "dotted.yaml") << "seed: 3\nrefine.horizon: 35\nrefine.start_from: first\n"
                                        "world_model.steps: 10\nbc.steps: 20\n";
  std::ofstream(dir / "nested.yaml") << "seed: 3\nrefine:\n  horizon: 35\n  start_from: first\n"
                                        "world_model: {steps: 10}\nbc:\n  steps: 20\n";
  const auto dotted = resolvePipelineConfig(dir / "dotted.yaml", {});
  EXPECT_EQ(dotted.refine.horizon, 35);
  EXPECT_EQ(dotted.refine.startFrom, "first");
  EXPECT_EQ(resolvePipelineConfig(dir / "nested.yaml", {}).toText(), dotted.toText());
  // A typo inside a group is named by its dotted key and its line.
  std::ofstream(dir / "typo.yaml") << "refine:\n  horizn: 35\n";
  try {
    resolvePipelineConfig(dir / "typo.yaml", {});
    FAIL() << "refine: {horizn} accepted";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("unknown key 'horizn'"), std::string::npos) << e.what();
  }
}

TEST(PipelineConfig, EveryWrittenSettingReadsBackIdentically) {
  const auto c = resolvePipelineConfig(
      {}, {"expert_episodes=7", "policy_episodes=0", "random_episodes=3", "noisy_episodes=2",
           "eval_episodes=9", "eval_seed=18446744073709551615", "seed=5", "preset=cpu", "reward_dreams=true",
           "reward_rounds=1", "hard_negative_episodes=4", "refined_policy=best", "refine.eval_every=1",
           "bc.steps=3", "dream.segment=6"});
  const auto file = test::freshDir() / "config.yaml";
  std::ofstream(file) << c.toText();
  const auto again = resolvePipelineConfig(file, {});
  EXPECT_EQ(again.toText(), c.toText());
  EXPECT_EQ(again.evalSeed, 18446744073709551615ULL);
  EXPECT_TRUE(again.rewardDreams);
  EXPECT_EQ(again.refinedPolicy, "best");
  EXPECT_EQ(again.dream, std::vector<std::string>{"segment=6"});
  EXPECT_EQ(PipelineConfig::table().values(again).size(), PipelineConfig::table().entries().size());
}

TEST(PipelineConfig, TheConfigurationReferenceIsTheDeclarations) {
  const std::string declared = PipelineConfig::table().reference(PipelineConfig{});
  EXPECT_EQ(test::documentedTable("## Pipeline (`pipeline`)"), declared)
      << "docs/configuration.md's pipeline table should read:\n"
      << declared;
}

TEST(PipelineConfig, RoutesStageKeysAndRejectsUnknownOnes) {
  const auto c =
      resolvePipelineConfig({}, {"expert_episodes=12", "bc.steps=100", "world_model.channels=[8,16]",
                                 "refine.iterations=3", "reward.steps=7", "seed=4", "noisy_episodes=9"});
  EXPECT_EQ(c.expertEpisodes, 12);
  EXPECT_EQ(c.noisyEpisodes, 9);
  EXPECT_EQ(resolvePipelineConfig({}, {}).noisyEpisodes, 0);
  EXPECT_NE(c.toText().find("noisy_episodes: 9"), std::string::npos);
  EXPECT_EQ(c.policyEpisodes, 150);
  EXPECT_EQ(c.bc.settings.steps, 100);
  EXPECT_EQ(c.worldModel, std::vector<std::string>{"channels=[8,16]"});
  EXPECT_EQ(c.refine.iterations, 3);
  EXPECT_EQ(c.reward.settings.steps, 7);
  // Expert and rollout seeds differ, so the two files of a task never share a scene.
  EXPECT_NE(c.expertSeed(), c.rolloutSeed());
  EXPECT_NE(c.toText().find("bc.steps: 100"), std::string::npos);
  EXPECT_THROW(resolvePipelineConfig({}, {"ppo.steps=1"}), Error);
  EXPECT_THROW(resolvePipelineConfig({}, {"episodes=1"}), Error);
  EXPECT_THROW(resolvePipelineConfig({}, {"expert_episodes=0"}), Error);
  EXPECT_THROW(resolvePipelineConfig({}, {"eval_episodes=x"}), Error);
  EXPECT_THROW(resolvePipelineConfig({}, {"noisy_episodes=-1"}), Error);
}

TEST(PipelineConfig, EveryStageKeyIsCheckedBeforeAnyStageRuns) {
  // Each stage's misspelt key or bad value, named with its stage, when the config is read.
  const std::vector<std::pair<std::string, std::string>> cases{
      {"bc.stepz=5", "'stepz'"},
      {"bc.steps=0", "steps must be at least 1"},
      {"bc.frame_stack=99", "frame_stack"},
      {"reward.threshold=2", "threshold"},
      {"world_model.stepz=5", "world_model.* settings"},
      {"world_model.channels=[7]", "channels"},
      {"world_model.context_noise_max=5", "context_noise_max"},
      {"refine.horizn=5", "unknown key 'horizn'"},
      {"refine.horizon=-1", "refine.* settings"},
      {"dream.segmnt=5", "dream.segmnt"},
  };
  for (const auto& [item, expected] : cases) {
    try {
      resolvePipelineConfig({}, {item});
      ADD_FAILURE() << item << " accepted";
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find(expected), std::string::npos) << item << ": " << e.what();
    }
  }
  EXPECT_NO_THROW(resolvePipelineConfig(
      {}, {"bc.steps=10", "reward.steps=10", "world_model.steps=10", "refine.horizon=5", "dream.segment=5"}));
}

TEST(PipelineConfig, WorldModelInitFromIsAPipelineKeyCheckedBeforeAnyStage) {
  const auto file =
      std::filesystem::path(W4RL_TEST_SCRIPTS_DIR) / ".." / ".." / "resources" / "demo" / "world_model.pt";
  const auto c = resolvePipelineConfig({}, {"world_model.init_from=" + file.string(), "world_model.steps=5"});
  EXPECT_EQ(c.worldModelInitFrom, file.string());
  EXPECT_EQ(c.worldModel, std::vector<std::string>{"steps=5"}) << "not passed on as a training key";
  EXPECT_NE(c.toText().find("world_model.init_from: " + file.string()), std::string::npos);
  try {
    resolvePipelineConfig({}, {"world_model.init_from=/nonexistent/wm.pt"});
    FAIL() << "a missing init_from file is refused before any stage";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/wm.pt is not a file"), std::string::npos) << e.what();
  }
}

// The configuration shipped for docs/experiments' figures stays one the pipeline and its refine stage accept.
TEST(PipelineConfig, ShippedFirstFramesConfigResolvesAndItsRefineKeysValidate) {
  const auto file = std::filesystem::path(W4RL_TEST_SCRIPTS_DIR) / ".." / ".." / "resources" / "configs" /
                    "pipeline_first_frames_cpu.yaml";
  const auto c = resolvePipelineConfig(file, {});
  EXPECT_EQ(c.preset, "cpu");
  EXPECT_EQ(c.worldModel, std::vector<std::string>{"steps=30000"});
  const auto& refine = c.refine;
  EXPECT_EQ(refine.startFrom, "first");
  EXPECT_EQ(refine.horizon, 35);
  EXPECT_TRUE(refine.requireDreamSignal);
}

TEST(PipelineConfig, RewardRoundsHaveSeedStreamsOfTheirOwn) {
  EXPECT_EQ(resolvePipelineConfig({}, {}).rewardRounds, 0);
  const auto c = resolvePipelineConfig({}, {"reward_rounds=2", "hard_negative_episodes=5"});
  EXPECT_EQ(c.rewardRounds, 2);
  EXPECT_EQ(c.hardNegativeEpisodes, 5);
  EXPECT_NE(c.toText().find("reward_rounds: 2\nhard_negative_episodes: 5\n"), std::string::npos)
      << c.toText();
  EXPECT_NE(c.hardNegativeSeed(1), c.hardNegativeSeed(2));
  for (const auto other : {c.expertSeed(), c.rolloutSeed()}) EXPECT_NE(c.hardNegativeSeed(1), other);
  EXPECT_NE(resolvePipelineConfig({}, {"seed=1"}).hardNegativeSeed(1), c.hardNegativeSeed(1));
  EXPECT_THROW(resolvePipelineConfig({}, {"reward_rounds=1", "hard_negative_episodes=0"}), Error);
  EXPECT_THROW(resolvePipelineConfig({}, {"reward_rounds=-1"}), Error);
}

TEST(PipelineConfig, RefinedPolicyIsLastOrBest) {
  EXPECT_EQ(resolvePipelineConfig({}, {}).refinedPolicy, "last");
  const auto c = resolvePipelineConfig({}, {"refined_policy=best"});
  EXPECT_EQ(c.refinedPolicy, "best");
  EXPECT_NE(c.toText().find("refined_policy: best\n"), std::string::npos) << c.toText();
  // best chooses on the refinement's own evaluation seed, never the held-out one; and needs evaluations.
  EXPECT_NE(c.refineEvalSeed(), c.evalSeed);
  EXPECT_NE(resolvePipelineConfig({}, {"eval_seed=1000"}).refineEvalSeed(), 1000u);
  try {
    resolvePipelineConfig({}, {"refined_policy=best", "refine.eval_every=0"});
    ADD_FAILURE() << "refined_policy=best without evaluations was accepted";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("refine.eval_every"), std::string::npos) << e.what();
  }
  try {
    resolvePipelineConfig({}, {"refined_policy=median"});
    ADD_FAILURE() << "refined_policy=median was accepted";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("refined_policy must be last or best, not 'median'"),
              std::string::npos)
        << e.what();
  }
}

TEST(ResultsTable, NamesTheRefinedPolicyWhenItIsBestOrItsRunStoppedEarly) {
  TaskResult r;
  r.task = "handle-pull";
  r.episodes = 50;
  r.refinedIteration = 30;
  r.refineIterations = 30;
  EXPECT_TRUE(refinementRunsText({r}).empty());  // the last policy of a full run: nothing to say
  r.refinedIsBest = true;
  r.refinedIteration = 0;
  r.refinedValidationRate = 0.45;
  r.refineIterations = 12;
  r.stopReason = "real success at iteration 12 is significantly below the start policy's";
  const auto text = refinementRunsText({r});
  EXPECT_NE(text.find("- handle-pull: best.pt, iteration 0 of 12 (45% on the refinement's seeds): no "
                      "evaluation beat the BC policy; stopped early: real success at iteration 12"),
            std::string::npos)
      << text;
  EXPECT_NE(resultsMarkdown({r}, 0).find(text), std::string::npos);
}

TEST(ResultsTable, ListsEveryRewardRoundBelowTheTable) {
  // A handle-pull refinement as round 0 (its classifier fooled in 49 of 50 failures) and a corrected round 1.
  std::vector<TaskResult> rounds(2);
  rounds[0] = {"handle-pull", 50, 21, 0, 0.29, 0.56, 0.0, 0.07, 0.07, 0.84, 12, 2, 0, 49, 0, 21};
  rounds[1] = {"handle-pull", 50, 21, 26, 0.29, 0.56, 0.39, 0.66, 0.06, 0.3, 14, 0, 21, 1, 7, 2, 1, 20};
  const auto text = rewardRoundsText(rounds);
  EXPECT_NE(
      text.find("| handle-pull | 0 | 0 | 0.0% | +0 / -21 (p 9.5e-07) | 7% -> 84% | 49 of 50 | 12 of 21 |"),
      std::string::npos)
      << text;
  EXPECT_NE(text.find("| handle-pull | 1 | 20 | 52.0% | +7 / -2 (p 0.18) | 6% -> 30% | 1 of 24 | 14 of 21 |"),
            std::string::npos)
      << text;
  EXPECT_EQ(rewardRoundsText({}), "");
  const auto md = resultsMarkdown({rounds[1]}, 0, {}, rounds);
  EXPECT_LT(md.find("| **average** |"), md.find("Reward correction rounds")) << md;
  EXPECT_EQ(resultsMarkdown({rounds[1]}, 0).find("Reward correction rounds"), std::string::npos);
}

TEST(ResultsTable, ARowPerPpoSeedWithTheTaskAverageAndTheMeanOverSeeds) {
  auto row = [](const std::string& task, long long seed, int bc, int refined) {
    TaskResult r;
    r.task = task;
    r.episodes = 50;
    r.bcSuccesses = bc;
    r.refinedSuccesses = refined;
    r.ppoSeed = seed;
    return r;
  };
  // BC: hammer 40%, soccer 20%. Seed 0: 60% / 30% (+15 average); seed 1: 30% / 20% (-5).
  const std::vector<TaskResult> rows{row("hammer", 0, 20, 30), row("soccer", 0, 10, 15),
                                     row("hammer", 1, 20, 15), row("soccer", 1, 10, 10)};
  const auto text = ppoSeedsText(rows);
  EXPECT_NE(text.find("| PPO seed | BC | refined | change | hammer | soccer |"), std::string::npos) << text;
  EXPECT_NE(text.find("| 0 | 30.0% | 45.0% | +15.0 | +20.0 | +10.0 |"), std::string::npos) << text;
  EXPECT_NE(text.find("| 1 | 30.0% | 25.0% | -5.0 | -10.0 | +0.0 |"), std::string::npos) << text;
  EXPECT_NE(text.find("| **mean** | 30.0% | 35.0% | +5.0 | +5.0 | +5.0 |"), std::string::npos) << text;
  const auto md = resultsMarkdown(rows, 0);
  EXPECT_NE(md.find("| hammer (PPO seed 1) | 40.0%"), std::string::npos) << md;
  EXPECT_NE(md.find("Per PPO seed"), std::string::npos) << md;
  EXPECT_NE(resultsCsv(rows).find(",1\n"), std::string::npos);
  // Rows of one refinement per task have no seed table.
  auto single = rows;
  for (auto& r : single) r.ppoSeed = -1;
  EXPECT_EQ(ppoSeedsText(single), "");
  EXPECT_EQ(resultsMarkdown({single[0]}, 0).find("Per PPO seed"), std::string::npos);
}

TEST(PipelineConfig, RefineSeedsAreDistinctAndNotCombinedWithRewardRounds) {
  EXPECT_EQ(resolvePipelineConfig({}, {"refine_seeds=[0, 1, 2]"}).refineSeeds,
            (std::vector<std::uint64_t>{0, 1, 2}));
  EXPECT_NE(resolvePipelineConfig({}, {"refine_seeds=[4,5]"}).toText().find("refine_seeds: [4, 5]"),
            std::string::npos);
  auto message = [](const std::vector<std::string>& overrides) {
    try {
      resolvePipelineConfig({}, overrides);
    } catch (const Error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_NE(message({"refine_seeds=[1,1]"}).find("refine_seeds lists seed 1 twice"), std::string::npos);
  EXPECT_NE(message({"refine_seeds=[-1]"}).find("a seed is a non-negative integer"), std::string::npos);
  EXPECT_NE(message({"refine_seeds=[0,1]", "reward_rounds=1"}).find("cannot be combined"), std::string::npos);
}

TEST(ResultsTable, AveragesTasksAndShowsImaginedBesideReal) {
  std::vector<TaskResult> rows(2);
  rows[0] = {"hammer", 50, 20, 30, 0.28, 0.54, 0.46, 0.73, 0.3, 0.6};
  rows[1] = {"soccer", 50, 10, 25, 0.11, 0.33, 0.36, 0.64, 0.2, 0.5};
  const auto md = resultsMarkdown(rows, 0);
  EXPECT_NE(md.find("| hammer | 40.0% [28-54] | 60.0% [46-73] | +20.0 | - | 30% -> 60% |"), std::string::npos)
      << md;
  // (40 + 20) / 2 = 30 -> (60 + 50) / 2 = 55: +25 points.
  EXPECT_NE(md.find("| **average** | 30.0% | 55.0% | +25.0 | - |"), std::string::npos) << md;
  EXPECT_EQ(md.find("action check"), std::string::npos);  // only when a check is given

  const std::vector<ActionCheck> checks{{"hammer", 20, 10, 27.53, 27.60, 27.41},
                                        {"soccer", 20, 10, 29.00, 26.50, 25.00}};
  const auto checked = resultsMarkdown(rows, 0, checks);
  EXPECT_NE(checked.find("- hammer: 27.53 vs 27.60 dB, gap -0.07 dB (copying the last frame: 27.41 dB)"),
            std::string::npos)
      << checked;
  EXPECT_NE(checked.find("- soccer: 29.00 vs 26.50 dB, gap +2.50 dB"), std::string::npos) << checked;
  // Only the task whose world model ignores the actions is named in the warning.
  EXPECT_NE(checked.find("Warning: on hammer the gap is under 0.5 dB"), std::string::npos) << checked;
  EXPECT_EQ(actionChecksText({checks[1]}).find("Warning"), std::string::npos);
  const auto csv = resultsCsv(rows);
  EXPECT_NE(csv.find("soccer,50,10,0.2000,25,0.5000,30.0,0.2000,0.5000,-1,-1,-1,-1,-1,-1,-1,-1,-1,-1,-1\n"),
            std::string::npos)
      << csv;
  EXPECT_EQ(md.find("Reward audit"), std::string::npos);  // only for audited tasks
}

TEST(ResultsTable, PairsTheSeedsOfBcAndRefinedAndPoolsThemInTheAverage) {
  std::vector<TaskResult> rows(2);
  rows[0] = {"hammer", 50, 20, 30, 0.28, 0.54, 0.46, 0.73, 0.3, 0.6};
  rows[0].seedsGained = 12;  // 20 + 12 - 2 = 30
  rows[0].seedsLost = 2;
  rows[1] = {"soccer", 50, 10, 25, 0.11, 0.33, 0.36, 0.64, 0.2, 0.5};
  rows[1].seedsGained = 15;
  rows[1].seedsLost = 0;
  const auto md = resultsMarkdown(rows, 0);
  // 2 (1 + 14 + 91) / 2^14 = 0.0129; 2 / 2^15 = 6.1e-05; pooled 27 gained, 2 lost.
  EXPECT_NE(md.find("| hammer | 40.0% [28-54] | 60.0% [46-73] | +20.0 | +12 / -2 (p 0.013) | 30% -> 60% |"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("| soccer | 20.0% [11-33] | 50.0% [36-64] | +30.0 | +15 / -0 (p 6.1e-05) |"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("| **average** | 30.0% | 55.0% | +25.0 | +27 / -2 (p 1.6e-06) | |"), std::string::npos)
      << md;
  EXPECT_NE(resultsCsv(rows).find(
                "hammer,50,20,0.4000,30,0.6000,20.0,0.3000,0.6000,-1,-1,-1,-1,12,2,0.01294,-1,-1,-1,-1\n"),
            std::string::npos)
      << resultsCsv(rows);
  // One task without per-episode outcomes (an older report) leaves the pooled figure out.
  rows[1].seedsGained = rows[1].seedsLost = -1;
  EXPECT_NE(resultsMarkdown(rows, 0).find("| **average** | 30.0% | 55.0% | +25.0 | - | |"),
            std::string::npos);
}

TEST(ResultsTable, DreamCheckWarnsWhereRandomActionsDoAsWellAsThePolicy) {
  // bench_dream_policy on the 3-task CPU world model, 256 starts of 15 steps: hammer's dream favours the
  // BC policy, soccer's favours random actions; coffee-pull had no check (an older report).
  std::vector<TaskResult> rows(3);
  rows[0].task = "hammer";
  rows[0].dreamCheck = {256, 15, 71, 48, {26, 3}};
  rows[1].task = "soccer";
  rows[1].dreamCheck = {256, 15, 8, 16, {0, 8}};
  rows[2].task = "coffee-pull";
  const auto text = dreamChecksText(rows);
  EXPECT_NE(text.find("imagine the same 256 starts for 15 steps"), std::string::npos) << text;
  EXPECT_NE(text.find("- hammer: BC policy 27.7%, random actions 18.8%: +26 / -3 (p 1.5e-05)"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("- soccer: BC policy 3.1%, random actions 6.2%: +0 / -8 (p 0.0078)"), std::string::npos)
      << text;
  EXPECT_EQ(text.find("coffee-pull"), std::string::npos) << text;
  EXPECT_NE(text.find("Warning: on soccer the dream does not reward"), std::string::npos) << text;
  EXPECT_NE(text.find("On soccer random actions even do significantly better in the dream"),
            std::string::npos)
      << text;
  EXPECT_NE(resultsMarkdown(rows, 0).find(text), std::string::npos);
  EXPECT_NE(resultsCsv(rows).find(",-1,0.2773,0.1875,-1\n"), std::string::npos) << resultsCsv(rows);
  EXPECT_EQ(dreamChecksText({rows[2]}), "");
  // Not significant either way is no signal either.
  rows[0].dreamCheck = {256, 15, 30, 26, {10, 6}};
  EXPECT_NE(dreamChecksText(rows).find("Warning: on hammer, soccer"), std::string::npos);
  EXPECT_NE(dreamChecksText(rows).find("On soccer random"), std::string::npos);
  rows[1].dreamCheck = {256, 15, 8, 10, {1, 3}};  // random ahead, but not significantly: no second warning
  EXPECT_EQ(dreamChecksText(rows).find("random actions even"), std::string::npos);
}

TEST(ResultsTable, RewardAuditNamesTheFooledAndTheBlindRewards) {
  // Measured rows: a handle-pull policy refined into fooling its classifier, a coffee-pull classifier that
  // misses most real successes, and a soccer row without an audit (no classifier given to the evaluation).
  std::vector<TaskResult> rows(3);
  rows[0] = {"handle-pull", 50, 21, 0, 0.29, 0.56, 0.0, 0.07, 0.07, 0.84, 12, 2, 0, 49};
  rows[1] = {"coffee-pull", 50, 10, 2, 0.11, 0.33, 0.01, 0.14, 0.10, 0.13, 1, 3, 2, 3};
  rows[2] = {"soccer", 50, 19, 19, 0.26, 0.52, 0.26, 0.52, 0.08, 0.08};
  const auto audit = rewardAuditText(rows);
  EXPECT_NE(audit.find("- handle-pull: BC 12 of 21 successes, 2 of 29 failures; refined 0 of 0 successes, "
                       "49 of 50 failures"),
            std::string::npos)
      << audit;
  EXPECT_NE(audit.find("- coffee-pull: BC 1 of 10 successes, 3 of 40 failures; refined 2 of 2 successes, "
                       "3 of 48 failures"),
            std::string::npos)
      << audit;
  EXPECT_EQ(audit.find("soccer"), std::string::npos) << audit;
  EXPECT_NE(audit.find("Warning: on handle-pull the classifier fires in many of the refined policy's failed"),
            std::string::npos)
      << audit;
  EXPECT_NE(audit.find("Warning: on coffee-pull the classifier misses most"), std::string::npos) << audit;
  EXPECT_NE(resultsMarkdown(rows, 0).find(audit), std::string::npos);
  EXPECT_NE(resultsCsv(rows).find(
                "handle-pull,50,21,0.4200,0,0.0000,-42.0,0.0700,0.8400,12,2,0,49,-1,-1,-1,-1,-1,-1,-1\n"),
            std::string::npos);
  // A refined policy no more often rewarded in failure than BC, and a classifier that sees BC's successes:
  // listed, with no warning.
  rows[0].refinedRewardInFailures = 5;
  rows[1].bcRewardInSuccesses = 9;
  EXPECT_EQ(rewardAuditText(rows).find("Warning"), std::string::npos) << rewardAuditText(rows);
  // A measured hammer refinement: every one of the refined policy's 5 failures rewarded, but BC had 11 such
  // episodes; fewer failures are rewarded, so no warning.
  const TaskResult hammer{"hammer", 50, 34, 45, 0.54, 0.79, 0.79, 0.96, 0.09, 0.28, 33, 11, 38, 5};
  const auto hammerAudit = rewardAuditText({hammer});
  EXPECT_NE(hammerAudit.find("refined 38 of 45 successes, 5 of 5 failures"), std::string::npos)
      << hammerAudit;
  EXPECT_EQ(hammerAudit.find("Warning"), std::string::npos) << hammerAudit;
}

}  // namespace w4rl::pipeline

namespace w4rl::pipeline {

TEST(ResultsTable, DreamTruthListsEveryRowAndWarnsWhereTheDreamRewardsFailure) {
  auto starts = [](int bothSuccess, int dreamOnly, int realOnly, int bothFailure) {
    std::vector<DreamStartResult> s;
    auto add = [&s](int n, bool imagined, bool real) {
      for (int i = 0; i < n; ++i) {
        DreamStartResult r;
        r.imaginedSuccess = imagined;
        r.realSuccess = real;
        r.classifierOnReal = real;  // the classifier is right on the replay: every error is the world model's
        s.push_back(r);
      }
    };
    add(bothSuccess, true, true);
    add(dreamOnly, true, false);
    add(realOnly, false, true);
    add(bothFailure, false, false);
    return tallyDreamOutcomes(s);
  };
  EXPECT_EQ(dreamTruthText({}), "");
  const std::string truthful =
      dreamTruthText({{"hammer", "BC", starts(9, 1, 0, 10)}, {"hammer", "random", starts(0, 1, 0, 19)}});
  EXPECT_NE(truthful.find("| hammer | BC | 50.0% | 45.0% | 95.0% ["), std::string::npos) << truthful;
  EXPECT_NE(truthful.find("| 0.90 (9 of 10) | 1 / 0 |"), std::string::npos) << truthful;
  EXPECT_NE(truthful.find("| hammer | random | 5.0% | 0.0% |"), std::string::npos) << truthful;
  EXPECT_EQ(truthful.find("Warning"), std::string::npos) << truthful;

  // Precision 0.5 on 20% imagined success, and random actions imagined 10 points above their real 0%.
  const std::string lying =
      dreamTruthText({{"soccer", "BC", starts(2, 2, 0, 16)}, {"coffee-pull", "random", starts(0, 2, 0, 18)}});
  EXPECT_NE(lying.find("**Warning:** the dream rewards what fails in the real task for soccer (BC), "
                       "coffee-pull (random)"),
            std::string::npos)
      << lying;
}

}  // namespace w4rl::pipeline

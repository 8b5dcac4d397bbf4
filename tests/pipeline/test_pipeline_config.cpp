// Pipeline settings and the results table: pure logic, no torch.
#include <gtest/gtest.h>

#include "common/error.h"
#include "pipeline/pipeline_config.h"
#include "pipeline/results_table.h"

namespace w4rl::pipeline {

TEST(PipelineConfig, RoutesStageKeysAndRejectsUnknownOnes) {
  const auto c =
      resolvePipelineConfig({}, {"expert_episodes=12", "bc.steps=100", "world_model.channels=[8,16]",
                                 "refine.iterations=3", "reward.steps=7", "seed=4"});
  EXPECT_EQ(c.expertEpisodes, 12);
  EXPECT_EQ(c.policyEpisodes, 150);
  EXPECT_EQ(c.bc, std::vector<std::string>{"steps=100"});
  EXPECT_EQ(c.worldModel, std::vector<std::string>{"channels=[8,16]"});
  EXPECT_EQ(c.refine, std::vector<std::string>{"iterations=3"});
  EXPECT_EQ(c.reward, std::vector<std::string>{"steps=7"});
  // Expert and rollout seeds differ, so the two files of a task never share a scene.
  EXPECT_NE(c.expertSeed(), c.rolloutSeed());
  EXPECT_NE(c.toText().find("bc.steps: 100"), std::string::npos);
  EXPECT_THROW(resolvePipelineConfig({}, {"ppo.steps=1"}), Error);
  EXPECT_THROW(resolvePipelineConfig({}, {"episodes=1"}), Error);
  EXPECT_THROW(resolvePipelineConfig({}, {"expert_episodes=0"}), Error);
  EXPECT_THROW(resolvePipelineConfig({}, {"eval_episodes=x"}), Error);
}

TEST(ResultsTable, AveragesTasksAndShowsImaginedBesideReal) {
  std::vector<TaskResult> rows(2);
  rows[0] = {"hammer", 50, 20, 30, 0.28, 0.54, 0.46, 0.73, 0.3, 0.6};
  rows[1] = {"soccer", 50, 10, 25, 0.11, 0.33, 0.36, 0.64, 0.2, 0.5};
  const auto md = resultsMarkdown(rows, 0);
  EXPECT_NE(md.find("| hammer | 40.0% [28-54] | 60.0% [46-73] | +20.0 | 30% -> 60% |"), std::string::npos)
      << md;
  // (40 + 20) / 2 = 30 -> (60 + 50) / 2 = 55: +25 points.
  EXPECT_NE(md.find("| **average** | 30.0% | 55.0% | +25.0 |"), std::string::npos) << md;
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
  EXPECT_NE(csv.find("soccer,50,10,0.2000,25,0.5000,30.0,0.2000,0.5000"), std::string::npos) << csv;
}

}  // namespace w4rl::pipeline

// `world4rl pipeline` end to end at toy sizes on a real task: every stage runs once, a rerun skips them
// all, a stage whose completion marker is gone is redone (refinement resumes from last.pt), and raising
// world_model.steps retrains what depends on the world model; with reward_dreams, the classifier also
// trains on dreams, which a retrained world model redoes.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "common/error.h"
#include "data/dataset.h"
#include "pipeline/jobs/eval_report_json.h"
#include "pipeline/jobs/run_record.h"
#include "pipeline/recipe/pipeline_job.h"
#include "pipeline/recipe/superseded_outputs.h"
#include "runs/run_registry.h"
#include "shared_test_support.h"

namespace fs = std::filesystem;

namespace w4rl::pipeline {

namespace {

std::vector<std::string> tinyOverrides() {
  return {"expert_episodes=3",
          "policy_episodes=2",
          "random_episodes=1",
          "eval_episodes=2",
          "preset=cpu",
          "bc.steps=3",
          "bc.channels=[8,16,16]",
          "bc.hidden=16",
          "bc.device=cpu",
          "reward.steps=3",
          "reward.channels=[8,16,16]",
          "reward.hidden=16",
          "reward.device=cpu",
          "world_model.steps=2",
          "world_model.channels=[8,8,8]",
          "world_model.cond_dim=16",
          "world_model.device=cpu",
          "world_model.valid_every=1",
          "refine.iterations=1",
          "refine.num_envs=2",
          "refine.horizon=3",
          "refine.dream_check=4",
          "refine.eval_every=1",
          "refine.eval_episodes=2",
          "refine.device=cpu"};
}

// door-lock at toy sizes into `out`.
PipelineRequest tinyRequest(const fs::path& out) {
  PipelineRequest r;
  r.tasks = {"door-lock"};
  r.outDir = out;
  r.overrides = tinyOverrides();
  return r;
}

std::string text(const fs::path& f) {
  std::ifstream in(f);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// The first data row's value in the named column of a CSV text; empty when there is no such column.
std::string csvColumn(const std::string& csv, const std::string& column) {
  std::istringstream lines(csv);
  std::string header, row;
  std::getline(lines, header);
  std::getline(lines, row);
  std::istringstream names(header), values(row);
  for (std::string name, value; std::getline(names, name, ',') && std::getline(values, value, ',');)
    if (name == column) return value;
  return {};
}

}  // namespace

// One pipeline run at toy sizes, shared by the suite; tests that run the pipeline again in a way that
// changes its directory work on a copy of it.
class PipelineRunOnce : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    suiteDir_ = w4rl::test::sharedFixture("PipelineRunOnce", [](const fs::path& dir) {
      const auto report = runPipeline(tinyRequest(dir / "pipe"), nullptr, CancelToken());
      // What the run returned, for the tests to compare with what it wrote.
      const auto& t = report.results.at(0);
      const nlohmann::json returned{{"stages_run", report.stagesRun},
                                    {"stages_skipped", report.stagesSkipped},
                                    {"markdown", report.markdown},
                                    {"results", report.results.size()},
                                    {"task", t.task},
                                    {"episodes", t.episodes},
                                    {"bc_successes", t.bcSuccesses},
                                    {"refined_successes", t.refinedSuccesses},
                                    {"seeds_gained", t.seedsGained},
                                    {"seeds_lost", t.seedsLost},
                                    {"dream_check_starts", t.dreamCheck.starts}};
      std::ofstream(dir / "returned.json") << returned.dump();
    });
    returned_ = nlohmann::json::parse(text(suiteDir_ / "returned.json"));
  }
  static fs::path out() { return suiteDir_ / "pipe"; }
  // What the shared run returned: stages_run, stages_skipped, markdown, and its one task's figures.
  static const nlohmann::json& first() { return returned_; }
  static std::string markdown() { return returned_["markdown"].get<std::string>(); }
  // The shared run's directory copied into this test's own.
  fs::path copyOfRun() {
    const auto copy = w4rl::test::freshDir() / "pipe";
    fs::copy(out(), copy, fs::copy_options::recursive);
    return copy;
  }

  static inline fs::path suiteDir_;
  static inline nlohmann::json returned_;
};

TEST_F(PipelineRunOnce, RunsEveryStageAndWritesEveryOutput) {
  EXPECT_TRUE(first()["stages_skipped"].empty());
  // experts, bc, rollouts, world model, world model check, reward, 2 evals, refine, 3 dream truths
  EXPECT_EQ(first()["stages_run"].size(), 12u);
  ASSERT_EQ(first()["results"], 1);
  EXPECT_EQ(first()["task"], "door-lock");
  EXPECT_EQ(first()["episodes"], 2);
  for (const char* file :
       {"data/door-lock_expert.hdf5", "data/door-lock_rollouts.hdf5", "bc/door-lock/policy.pt",
        "world_model/best.pt", "world_model/action_check_door-lock.json", "reward/door-lock/reward.pt",
        "refine/door-lock/policy.pt", "eval/door-lock_bc.json", "eval/door-lock_refined.json", "results.md",
        "results.csv", "stages.jsonl", "config.yaml", "run.json", "world_model/run.json",
        "bc/door-lock/run.json", "reward/door-lock/run.json", "refine/door-lock/run.json"})
    EXPECT_TRUE(fs::exists(out() / file)) << file;
}

// Each real evaluation after the first is paired with the start policy's on the same seeds: what it gained
// minus what it lost is its change in successes. Each logs the reward classifier's audit beside it (with two
// episodes, at least one of its false-positive rate over failures and its recall over successes).
TEST_F(PipelineRunOnce, RefinementsRealEvaluationsArePairedWithTheStartAndAudited) {
  const std::string metrics = text(out() / "refine" / "door-lock" / "metrics.jsonl");
  EXPECT_NE(metrics.find("\"eval/reward_"), std::string::npos) << metrics;
  EXPECT_TRUE(fs::exists(out() / "refine" / "door-lock" / "real_eval_start.json"));
  std::vector<nlohmann::json> evaluations;
  std::istringstream lines(metrics);
  for (std::string line; std::getline(lines, line);)
    if (line.find("eval/real_success_rate") != std::string::npos)
      evaluations.push_back(nlohmann::json::parse(line));
  ASSERT_EQ(evaluations.size(), 2u) << metrics;  // before the first iteration and after the last
  EXPECT_FALSE(evaluations[0].contains("eval/seeds_gained"));
  const auto& last = evaluations[1];
  ASSERT_TRUE(last.contains("eval/seeds_gained")) << metrics;
  const double changed = 2 * (last["eval/real_success_rate"].get<double>() -
                              evaluations[0]["eval/real_success_rate"].get<double>());
  EXPECT_DOUBLE_EQ(last["eval/seeds_gained"].get<double>() - last["eval/seeds_lost"].get<double>(), changed);
  EXPECT_GT(last["eval/mcnemar_p"].get<double>(), 0.0);
  // Refinement also logged the dream's truth at its real evaluations.
  EXPECT_NE(metrics.find("\"dream/agreement\""), std::string::npos) << metrics;
  EXPECT_NE(metrics.find("\"dream/imagined_success_precision\""), std::string::npos) << metrics;
}

TEST_F(PipelineRunOnce, TheDreamCheckRanOnTheBcPolicyBeforeRefiningAndIsInTheResults) {
  EXPECT_NE(
      text(out() / "refine" / "door-lock" / "metrics.jsonl").find("\"dream_check/policy_success_rate\""),
      std::string::npos);
  EXPECT_EQ(first()["dream_check_starts"], 4);
  EXPECT_NE(markdown().find("Dream check (before refinement, the BC policy and random actions each "
                            "imagine the same 4 starts for 3 steps"),
            std::string::npos)
      << markdown();
  EXPECT_NE(markdown().find("- door-lock: BC "), std::string::npos) << markdown();
}

TEST_F(PipelineRunOnce, TheResultsPairBcAndRefinedOnTheSameSeedsAndAuditBoth) {
  for (const char* file : {"eval/door-lock_bc.json", "eval/door-lock_refined.json"})
    EXPECT_NE(text(out() / file).find("\"fired_in_failures\""), std::string::npos) << file;
  EXPECT_NE(markdown().find("Reward audit"), std::string::npos) << markdown();
  const auto paired =
      compareEvalFiles(out() / "eval" / "door-lock_bc.json", out() / "eval" / "door-lock_refined.json");
  EXPECT_EQ(paired.episodes, 2);
  EXPECT_EQ(paired.baseSuccesses, first()["bc_successes"].get<int>());
  EXPECT_EQ(paired.otherSuccesses, first()["refined_successes"].get<int>());
  EXPECT_EQ(first()["seeds_gained"].get<int>(), paired.outcomes.gained);
  EXPECT_EQ(first()["seeds_lost"].get<int>(), paired.outcomes.lost);
  EXPECT_EQ(paired.outcomes.gained - paired.outcomes.lost, paired.otherSuccesses - paired.baseSuccesses);
  EXPECT_NE(markdown().find(" (p "), std::string::npos) << markdown();
}

// eval-dream of BC, random actions and the refined policy on the held-out seeds, in results.md.
TEST_F(PipelineRunOnce, EvalDreamRowsUseTheHeldOutSeedsAndAreInTheResults) {
  for (const char* actions : {"| door-lock | BC |", "| door-lock | random |", "| door-lock | refined |"})
    EXPECT_NE(markdown().find(actions), std::string::npos) << markdown();
  const auto truth = nlohmann::json::parse(text(out() / "eval/door-lock_dream_bc.json"));
  EXPECT_EQ(truth["per_start"].size(), 2u);
  EXPECT_EQ(truth["horizon"], 50);
  const auto bcEval = nlohmann::json::parse(text(out() / "eval/door-lock_bc.json"));
  EXPECT_EQ(truth["per_start"][1]["seed"], bcEval["per_episode"][1]["seed"]) << "the same held-out seeds";
}

TEST_F(PipelineRunOnce, TheStudiosRunRegistryRecognisesEveryRunDirectoryAsComplete) {
  std::vector<std::string> kinds;
  for (const auto& run : runs::findRuns(out())) {
    kinds.push_back(runs::toString(run.kind));
    EXPECT_TRUE(run.complete) << run.dir;
  }
  EXPECT_EQ(kinds, (std::vector<std::string>{"pipeline", "behaviour cloning", "refinement",
                                             "reward classifier", "world model"}));
}

TEST_F(PipelineRunOnce, ARerunSkipsEveryStageAndWritesTheSameResults) {
  const auto again = runPipeline(tinyRequest(copyOfRun()), nullptr, CancelToken());
  EXPECT_TRUE(again.stagesRun.empty());
  EXPECT_EQ(again.stagesSkipped.size(), 12u);
  EXPECT_EQ(again.markdown, markdown());
}

TEST_F(PipelineRunOnce, AStageWhoseOutputsAreGoneIsRedoneAndNothingElse) {
  const auto copy = copyOfRun();
  fs::remove(copy / "refine" / "door-lock" / "report.json");
  fs::remove(copy / "eval" / "door-lock_refined.json");
  const auto redo = runPipeline(tinyRequest(copy), nullptr, CancelToken());
  EXPECT_EQ(redo.stagesRun, (std::vector<std::string>{"refine door-lock", "evaluate refined door-lock",
                                                      "dream truth refined door-lock"}));
  // The refinement resumed from its last.pt and still names the policy it started from.
  const auto record = readRunRecord(copy / "refine" / "door-lock", "refinement");
  EXPECT_EQ(record["start_policy"], (out() / "bc" / "door-lock" / "policy.pt").string());
  EXPECT_EQ(record["task"], "door-lock");
}

// Raising world_model.steps trains the finished world model further and redoes what was derived from it;
// the old model's copy and those outputs are kept under superseded/.
TEST_F(PipelineRunOnce, RaisingWorldModelStepsRetrainsItAndSupersedesWhatDependsOnIt) {
  const auto copy = copyOfRun();
  PipelineRequest r = tinyRequest(copy);
  r.overrides.push_back("world_model.steps=4");
  const auto longer = runPipeline(r, nullptr, CancelToken());
  EXPECT_EQ(longer.stagesRun, (std::vector<std::string>{
                                  "world model", "world model check door-lock", "dream truth bc door-lock",
                                  "dream truth random door-lock", "refine door-lock",
                                  "evaluate refined door-lock", "dream truth refined door-lock"}));
  const auto old = copy / "superseded" / "world_model_2";
  for (const char* file :
       {"world_model/best.pt", "world_model/report.json", "world_model/action_check_door-lock.json",
        "refine/door-lock/policy.pt", "refine/door-lock/report.json", "eval/door-lock_refined.json",
        "eval/door-lock_dream_bc.json", "eval/door-lock_dream_random.json",
        "eval/door-lock_dream_refined.json"})
    EXPECT_TRUE(fs::exists(old / file)) << file;
  for (const char* file : {"world_model/action_check_door-lock.json", "refine/door-lock/report.json",
                           "eval/door-lock_refined.json"})
    EXPECT_TRUE(fs::exists(copy / file)) << file;
  EXPECT_NE(text(copy / "world_model" / "report.json").find("\"steps\": 4"), std::string::npos);
  EXPECT_NE(text(old / "world_model" / "report.json").find("\"steps\": 2"), std::string::npos);
  EXPECT_TRUE(runPipeline(r, nullptr, CancelToken()).stagesRun.empty());
}

// refined_policy=best evaluates the refinement's best real evaluation (best.pt) into a file of its own; the
// last policy's evaluation stays, and switching back redoes nothing.
TEST_F(PipelineRunOnce, RefinedPolicyBestEvaluatesBestPtIntoAFileOfItsOwn) {
  const auto copy = copyOfRun();
  const auto refineReport = nlohmann::json::parse(text(copy / "refine/door-lock/report.json"));
  ASSERT_TRUE(refineReport.contains("best_iteration")) << refineReport.dump();
  EXPECT_TRUE(refineReport["stop_reason"].get<std::string>().empty());  // one iteration: nothing to stop
  const int bestIteration = refineReport["best_iteration"].get<int>();
  // The best is the earliest evaluation with the highest real success.
  int expected = -1;
  double bestRate = -1.0;
  std::istringstream metrics(text(copy / "refine/door-lock/metrics.jsonl"));
  for (std::string line; std::getline(metrics, line);) {
    const auto j = nlohmann::json::parse(line);
    if (!j.contains("eval/real_success_rate")) continue;
    if (j["eval/real_success_rate"].get<double>() > bestRate) {
      bestRate = j["eval/real_success_rate"].get<double>();
      expected = j["iteration"].get<int>();
    }
  }
  EXPECT_EQ(bestIteration, expected);

  PipelineRequest r = tinyRequest(copy);
  r.overrides.push_back("refined_policy=best");
  const auto best = runPipeline(r, nullptr, CancelToken());
  EXPECT_EQ(best.stagesRun,
            (std::vector<std::string>{"evaluate refined door-lock", "dream truth refined door-lock"}));
  const auto bestEval = nlohmann::json::parse(text(copy / "eval/door-lock_refined_best.json"));
  EXPECT_EQ(fs::path(bestEval["checkpoint"].get<std::string>()).filename(), "best.pt");
  ASSERT_EQ(best.results.size(), 1u);
  EXPECT_TRUE(best.results[0].refinedIsBest);
  EXPECT_EQ(best.results[0].refinedIteration, bestIteration);
  EXPECT_NE(best.markdown.find("- door-lock: best.pt, iteration " + std::to_string(bestIteration) + " of 1"),
            std::string::npos)
      << best.markdown;
  EXPECT_EQ(csvColumn(text(copy / "results.csv"), "refined_iteration"), std::to_string(bestIteration));
  r.overrides.push_back("refined_policy=last");
  EXPECT_TRUE(runPipeline(r, nullptr, CancelToken()).stagesRun.empty());
  EXPECT_TRUE(fs::exists(copy / "eval/door-lock_refined.json"));
}

// refine_seeds refines each task once per PPO seed into a directory of its own, evaluates each on the same
// held-out seeds and lists them with a row per seed; the single refinement stays as it was.
TEST_F(PipelineRunOnce, RefineSeedsRefineEachTaskOncePerSeedAndTabulateThem) {
  const auto copy = copyOfRun();
  PipelineRequest r = tinyRequest(copy);
  r.overrides.push_back("refine_seeds=[3,4]");
  const auto seeded = runPipeline(r, nullptr, CancelToken());
  EXPECT_EQ(seeded.stagesRun,
            (std::vector<std::string>{"refine door-lock seed 3", "evaluate refined door-lock seed 3",
                                      "dream truth refined door-lock seed 3", "refine door-lock seed 4",
                                      "evaluate refined door-lock seed 4",
                                      "dream truth refined door-lock seed 4"}));
  for (const char* file : {"refine/door-lock/seed3/policy.pt", "refine/door-lock/seed4/policy.pt",
                           "eval/door-lock_seed3_refined.json", "eval/door-lock_seed4_dream_refined.json"})
    EXPECT_TRUE(fs::exists(copy / file)) << file;
  EXPECT_NE(text(copy / "refine/door-lock/seed4/config.yaml").find("seed: 4"), std::string::npos);
  ASSERT_EQ(seeded.results.size(), 2u);
  EXPECT_EQ(seeded.results[0].ppoSeed, 3);
  EXPECT_EQ(seeded.results[1].ppoSeed, 4);
  EXPECT_EQ(seeded.results[0].bcSuccesses, seeded.results[1].bcSuccesses);  // the same BC evaluation
  EXPECT_NE(seeded.markdown.find("| PPO seed | BC | refined | change | door-lock |"), std::string::npos)
      << seeded.markdown;
  EXPECT_NE(seeded.markdown.find("| **mean** |"), std::string::npos) << seeded.markdown;
  EXPECT_NE(seeded.markdown.find("| door-lock | refined (PPO seed 4) |"), std::string::npos)
      << seeded.markdown;
  // The two seeds' refinements are different runs.
  EXPECT_NE(text(copy / "refine/door-lock/seed3/metrics.jsonl"),
            text(copy / "refine/door-lock/seed4/metrics.jsonl"));
  EXPECT_TRUE(runPipeline(r, nullptr, CancelToken()).stagesRun.empty());
}

TEST_F(PipelineRunOnce, AnUnknownTaskOrRefinedPolicyIsRefusedBeforeAnyStage) {
  const auto copy = copyOfRun();
  PipelineRequest r = tinyRequest(copy);
  r.overrides.push_back("refined_policy=first");
  EXPECT_THROW(runPipeline(r, nullptr, CancelToken()), Error);
  r = tinyRequest(copy);
  r.tasks = {"juggling"};
  EXPECT_THROW(runPipeline(r, nullptr, CancelToken()), Error);
}

// A classifier trained without dreams is not silently kept (or retrained) when dreams are asked for.
TEST_F(PipelineRunOnce, AClassifierTrainedWithoutDreamsIsRefusedWhenDreamsAreAskedFor) {
  PipelineRequest r = tinyRequest(copyOfRun());
  r.overrides.push_back("reward_dreams=true");
  try {
    runPipeline(r, nullptr, CancelToken());
    ADD_FAILURE() << "expected an error about reward_dreams";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("reward_dreams"), std::string::npos) << e.what();
  }
}

TEST(PipelineRun, TrainsTheRewardOnDreamsOfTheTrainingEpisodesWhenAskedAndRedoesThemWithTheWorldModel) {
  const auto out = w4rl::test::freshDir() / "pipe";
  PipelineRequest r = tinyRequest(out);
  for (const char* o : {"reward_dreams=true", "dream.sampler_steps=2", "expert_episodes=10"})
    r.overrides.push_back(o);
  const auto first = runPipeline(r, nullptr, CancelToken());
  EXPECT_EQ(first.stagesRun.size(), 13u);  // the twelve stages and "dream door-lock"
  EXPECT_NE(std::find(first.stagesRun.begin(), first.stagesRun.end(), "dream door-lock"),
            first.stagesRun.end());
  const auto real =
      data::Dataset::open({out / "data/door-lock_expert.hdf5", out / "data/door-lock_rollouts.hdf5"});
  const auto dreams = data::Dataset::open({out / "data/door-lock_dreams.hdf5"});
  EXPECT_EQ(dreams.size(), real.trainEpisodes().size());  // held-out episodes are not dreamed
  for (const auto& e : dreams.episodes()) EXPECT_EQ(e.source, data::EpisodeSource::Dream);
  EXPECT_NE(text(out / "reward/door-lock/report.json").find("\"dreams\": true"), std::string::npos);
  EXPECT_NE(text(out / "config.yaml").find("reward_dreams: true"), std::string::npos);

  // The dreams and the classifier trained on them come from the world model: a longer-trained model
  // redoes them, and the BC evaluation that audited the old classifier.
  r.overrides.push_back("world_model.steps=4");
  const auto longer = runPipeline(r, nullptr, CancelToken());
  EXPECT_EQ(longer.stagesRun,
            (std::vector<std::string>{"world model", "world model check door-lock", "dream door-lock",
                                      "reward door-lock", "evaluate bc door-lock", "dream truth bc door-lock",
                                      "dream truth random door-lock", "refine door-lock",
                                      "evaluate refined door-lock", "dream truth refined door-lock"}));
  const auto old = out / "superseded" / "world_model_2";
  for (const char* file :
       {"data/door-lock_dreams.hdf5", "reward/door-lock/reward.pt", "eval/door-lock_bc.json"})
    EXPECT_TRUE(fs::exists(old / file)) << file;

  r.overrides.push_back("dream.colour=blue");
  fs::remove(out / "data/door-lock_dreams.hdf5");
  try {
    runPipeline(r, nullptr, CancelToken());
    ADD_FAILURE() << "expected an unknown-setting error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("dream.colour"), std::string::npos) << e.what();
  }
}

TEST(PipelineRun, RewardRoundsRetrainTheClassifierOnTheRefinedPolicysRealEpisodesAndRefineAgain) {
  const auto out = w4rl::test::freshDir() / "pipe";
  PipelineRequest r = tinyRequest(out);
  for (const char* o :
       {"reward_rounds=1", "hard_negative_episodes=2", "reward_dreams=true", "dream.sampler_steps=2"})
    r.overrides.push_back(o);
  const auto first = runPipeline(r, nullptr, CancelToken());
  const std::vector<std::string> round1{
      "refined episodes door-lock round 1", "dream door-lock round 1",  "reward door-lock round 1",
      "evaluate bc door-lock round 1",      "refine door-lock round 1", "evaluate refined door-lock round 1"};
  ASSERT_GE(first.stagesRun.size(), round1.size());
  EXPECT_EQ(std::vector<std::string>(first.stagesRun.end() - 6, first.stagesRun.end()), round1);
  const auto dir = out / "rounds" / "door-lock" / "round1";
  const auto episodes = data::Dataset::open({dir / "refined_episodes.hdf5"});
  ASSERT_EQ(episodes.size(), 2u);
  for (const auto& e : episodes.episodes()) EXPECT_EQ(e.source, data::EpisodeSource::Policy);
  // Real episodes of their own: no seed shared with the task's other data.
  const auto taskData =
      data::Dataset::open({out / "data/door-lock_expert.hdf5", out / "data/door-lock_rollouts.hdf5"});
  for (const auto& e : episodes.episodes())
    for (const auto& other : taskData.episodes()) EXPECT_NE(e.seed, other.seed);
  EXPECT_TRUE(fs::exists(dir / "refined_dreams.hdf5"));
  // The round's classifier trained on everything round 0's did, plus the refined policy's episodes.
  const auto round0 = nlohmann::json::parse(text(out / "reward/door-lock/report.json"));
  const auto reward1 = nlohmann::json::parse(text(dir / "reward/report.json"));
  EXPECT_EQ(reward1["hard_negative_episodes"], 2);
  EXPECT_EQ(reward1["dreams"], true);
  EXPECT_GT(reward1["train_positives"].get<int>() + reward1["train_negatives"].get<int>(),
            round0["train_positives"].get<int>() + round0["train_negatives"].get<int>());
  // The table shows the last round; every round is listed below it.
  ASSERT_EQ(first.results.size(), 1u);
  EXPECT_EQ(first.results[0].round, 1);
  ASSERT_EQ(first.rounds.size(), 2u);
  EXPECT_EQ(first.rounds[0].round, 0);
  EXPECT_EQ(first.rounds[0].hardNegativeEpisodes, 0);
  EXPECT_EQ(first.rounds[1].hardNegativeEpisodes, 2);
  // BC is the same policy on the same seeds in every round; only the classifier auditing it changed.
  EXPECT_EQ(first.rounds[0].bcSuccesses, first.rounds[1].bcSuccesses);
  EXPECT_NE(first.markdown.find("Reward correction rounds"), std::string::npos) << first.markdown;
  EXPECT_NE(first.markdown.find("| door-lock | 1 | 2 | "), std::string::npos) << first.markdown;
  EXPECT_EQ(compareEvalFiles(dir / "eval_bc.json", dir / "eval_refined.json").outcomes.gained,
            first.results[0].seedsGained);

  // A second round adds its own episodes of round 1's policy and trains on both rounds'.
  r.overrides.push_back("reward_rounds=2");
  const auto second = runPipeline(r, nullptr, CancelToken());
  EXPECT_EQ(second.stagesRun.size(), 6u);
  EXPECT_EQ(second.stagesRun.front(), "refined episodes door-lock round 2");
  EXPECT_EQ(nlohmann::json::parse(
                text(out / "rounds/door-lock/round2/reward/report.json"))["hard_negative_episodes"],
            4);
  EXPECT_EQ(second.rounds.size(), 3u);
  EXPECT_TRUE(runPipeline(r, nullptr, CancelToken()).stagesRun.empty());

  // A finished round's classifier is not reused for another number of episodes per round.
  r.overrides.push_back("hard_negative_episodes=3");
  try {
    runPipeline(r, nullptr, CancelToken());
    ADD_FAILURE() << "expected an error about hard_negative_episodes";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("hard_negative_episodes"), std::string::npos) << e.what();
  }
  EXPECT_EQ(data::Dataset::open({dir / "refined_episodes.hdf5"}).size(), 2u);  // refused before collecting

  // Every round starts from a refined policy, so a retrained world model supersedes all of them.
  const auto moved = supersedeWorldModelOutputs(out, 2);
  EXPECT_FALSE(fs::exists(out / "rounds" / "door-lock"));
  EXPECT_TRUE(fs::exists(moved / "rounds/door-lock/round2/refined_episodes.hdf5"));
  EXPECT_TRUE(fs::exists(moved / "rounds/door-lock/round1/reward/reward.pt"));
}

}  // namespace w4rl::pipeline

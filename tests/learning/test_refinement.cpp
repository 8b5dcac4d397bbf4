// The dream check and PPO refinement, end to end on the brightness world (brightness_world.h): real
// networks, real training, real imagined rollouts.
#include <gtest/gtest.h>
#include <torch/torch.h>

#include <algorithm>
#include <fstream>
#include <memory>
#include <optional>

#include "brightness_world.h"
#include "common/error.h"
#include "common/paired_test.h"
#include "learning/checkpoint.h"
#include "learning/dream_check.h"
#include "learning/imagined_rollout.h"
#include "learning/policy_checkpoint.h"
#include "learning/ppo_math.h"
#include "learning/ppo_refiner.h"
#include "learning/reward_trainer.h"
#include "learning/world_model_trainer.h"
#include "learning_fixtures.h"
#include "shared_test_support.h"

namespace w4rl::learning {
namespace {

using namespace w4rl::learning::test;

// The goal of the test's "real" task that opposes the classifier: stay darker than this.
constexpr double kDarkGoal = 0.5;

// 12 quick iterations in the brightness world, where a policy learns within a few.
RefineSettings brightnessRefinement() {
  RefineSettings s;
  s.iterations = 12;
  s.numEnvs = 32;
  s.horizon = 8;
  s.policyLr = 1e-3;
  s.criticLr = 1e-3;
  s.criticWarmup = 1;
  s.logStdMin = -0.7;
  s.dreamCheckStarts = 0;  // checked by the test that asks for it
  s.device = "cpu";
  return s;
}

}  // namespace

TEST(DreamCheck, RandomActionPolicyIsZeroMeanWithSigmaOneWhateverTheFrame) {
  torch::manual_seed(1);
  auto random = randomActionPolicy(tinyPolicy(), torch::kCPU);
  const auto out = random->forward(greyFrames(torch::tensor({0.0, 0.4, 1.0})).unsqueeze(1));
  EXPECT_TRUE(torch::equal(out.mean, torch::zeros({3, 4})));
  EXPECT_TRUE(torch::equal(out.logStd, torch::zeros({3, 4})));
}

TEST(DreamCheck, KeptFileRoundTripsAndABadOneNamesTheFileAndTheKey) {
  const auto dir = w4rl::test::freshDir();
  DreamCheck check{256, 15, 71, 48, {26, 3}};
  check.seconds = 12.5;
  saveDreamCheck(dir / "dream_check.yaml", check);
  const auto back = loadDreamCheck(dir / "dream_check.yaml");
  EXPECT_EQ(back.starts, 256);
  EXPECT_EQ(back.horizon, 15);
  EXPECT_EQ(back.policySuccesses, 71);
  EXPECT_EQ(back.randomSuccesses, 48);
  EXPECT_EQ(back.policyOverRandom.gained, 26);
  EXPECT_EQ(back.policyOverRandom.lost, 3);
  EXPECT_DOUBLE_EQ(back.seconds, 12.5);
  auto refused = [&](const std::string& text, const std::string& expected) {
    std::ofstream(dir / "bad.yaml") << text;
    try {
      loadDreamCheck(dir / "bad.yaml");
      ADD_FAILURE() << "accepted: " << text;
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find((dir / "bad.yaml").string()), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find(expected), std::string::npos) << e.what();
    }
  };
  const std::string good =
      "starts: 256\nhorizon: 15\npolicy_successes: 71\nrandom_successes: 48\npolicy_gained: 26\n"
      "policy_lost: 3\n";
  refused(good, "no seconds");
  refused(good + "seconds: soon\n", "seconds");
  refused("starts: -1\n" + good.substr(good.find('\n') + 1) + "seconds: 1\n", "starts must be non-negative");
  // 71 - 48 successes is not 26 - 2 starts gained and lost.
  refused(good.substr(0, good.find("policy_lost")) + "policy_lost: 2\nseconds: 1\n", "disagree");
  EXPECT_THROW(loadDreamCheck(dir / "missing.yaml"), Error);
}

namespace {

// One small world model trained and then frozen, a classifier as reward, a policy that starts knowing
// nothing, and one 12-iteration refinement of it, shared by the suite; each test checks one feature of
// refinement against them (tests that change a run work on a copy or a run of their own).
class PpoRefinement : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    suiteDir_ = w4rl::test::sharedFixture("PpoRefinement", [](const std::filesystem::path& dir) {
      BrightnessTransitions transitions;
      WorldModelTrainer(brightnessModel(), brightnessModelTraining(), dir / "wm")
          .run(transitions, false, nullptr, CancelToken());
      RewardConfig rc{"brightness", kImage, {8, 16}, 16};
      trainSuccessClassifier(rc, quick(200), dir / "reward", levels(600, 5), levels(200, 6), nullptr,
                             CancelToken());
      torch::manual_seed(3);
      GaussianPolicy policy(tinyPolicy());
      savePolicy(dir / "start.pt", {policy, nullptr, nullptr, nullptr, {}});
      DarkStarts starts;
      const auto r = PpoRefiner(mainSettings(), dir / "run")
                         .run(dir / "start.pt", loadWorldModel(dir / "wm" / "last.pt", torch::kCPU).model,
                              loadReward(dir / "reward" / "reward.pt", torch::kCPU).classifier, starts, false,
                              nullptr, nullptr, CancelToken());
      // What the run returned, beside what it keeps in its directory.
      saveDreamCheck(dir / "returned_dream_check.yaml", r.dreamCheck);
      std::ofstream(dir / "returned_iterations") << r.iterations;
    });
    worldModel_.emplace(loadWorldModel(suiteDir_ / "wm" / "last.pt", torch::kCPU).model);
    reward_.emplace(loadReward(suiteDir_ / "reward" / "reward.pt", torch::kCPU).classifier);
    startPolicy_.emplace(loadPolicy(suiteDir_ / "start.pt", torch::kCPU).policy);
  }
  static void TearDownTestSuite() {
    startPolicy_.reset();
    reward_.reset();
    worldModel_.reset();
  }
  void SetUp() override { torch::manual_seed(7); }

  // The shared run's settings: 12 iterations, snapshots every 5, the dream check on 64 starts.
  static RefineSettings mainSettings() {
    RefineSettings s = brightnessRefinement();
    s.evalEvery = 0;
    s.snapshotEvery = 5;
    s.dreamCheckStarts = 64;
    return s;
  }
  // A refinement of the suite's start policy into a directory of this test.
  RefineResult refine(const RefineSettings& s, const std::string& name, const RealEvaluation& real = nullptr,
                      const CancelToken& cancel = CancelToken()) {
    return PpoRefiner(s, dir_ / name)
        .run(suiteDir_ / "start.pt", *worldModel_, *reward_, starts_, false, real, nullptr, cancel);
  }
  RefineResult resume(const RefineSettings& s, const std::filesystem::path& run,
                      const RealEvaluation& real = nullptr) {
    return PpoRefiner(s, run).run({}, *worldModel_, *reward_, starts_, true, real, nullptr, CancelToken());
  }
  static GaussianPolicy refinedPolicy() {
    return loadPolicy(suiteDir_ / "run" / "policy.pt", torch::kCPU).policy;
  }
  static std::filesystem::path mainMetrics() { return suiteDir_ / "run" / "metrics.jsonl"; }
  // The dream check the shared run returned.
  static DreamCheck returnedDreamCheck() { return loadDreamCheck(suiteDir_ / "returned_dream_check.yaml"); }

  static inline std::filesystem::path suiteDir_;
  static inline std::optional<WorldModel> worldModel_;
  static inline std::optional<SuccessClassifier> reward_;
  static inline std::optional<GaussianPolicy> startPolicy_;
  static inline DarkStarts starts_;
  const std::filesystem::path dir_ = w4rl::test::freshDir();
};

double meanOf(const std::vector<double>& xs, std::size_t from, std::size_t to) {
  double sum = 0;
  for (std::size_t i = from; i < to; ++i) sum += xs[i];
  return sum / static_cast<double>(to - from);
}

TEST_F(PpoRefinement, ImaginedReturnRisesInAFrozenWorldModel) {
  int iterations = 0;
  std::ifstream(suiteDir_ / "returned_iterations") >> iterations;
  EXPECT_EQ(iterations, 12);
  const auto returns = metricSeries(mainMetrics(), "charts/imagined_episodic_return");
  ASSERT_EQ(returns.size(), 12u);
  const double first = meanOf(returns, 0, 3), last = meanOf(returns, 9, 12);
  EXPECT_GT(last, first + 0.25) << "imagined return " << first << " -> " << last;
  // The refined policy pushes the brightness up from a dark frame.
  EXPECT_GT(refinedPolicy()->forward(greyFrames(torch::tensor({0.1})).unsqueeze(1)).mean[0][0].item<double>(),
            0.3);
}

TEST_F(PpoRefinement, LogsCleanRlMetricsEveryIterationWithSigmaAtMostOne) {
  for (const char* key : {"losses/approx_kl", "losses/clipfrac", "charts/sigma", "losses/explained_variance",
                          "perf/imagined_frames_per_s", "charts/imagined_success_rate"})
    EXPECT_EQ(metricSeries(mainMetrics(), key).size(), 12u) << key;
  const auto sigmas = metricSeries(mainMetrics(), "charts/sigma");
  for (double sigma : sigmas) EXPECT_LE(sigma, 1.0);
  EXPECT_TRUE(std::filesystem::exists(suiteDir_ / "run" / "policy.pt"));
}

TEST_F(PpoRefinement, SnapshotsAreWeightsOnlyEveryNIterations) {
  // snapshot_every 5: the policies of iterations 5 and 10, and nothing for the others.
  for (int i = 1; i <= 12; ++i)
    EXPECT_EQ(std::filesystem::exists(suiteDir_ / "run" / ("policy_" + std::to_string(i) + ".pt")),
              i % 5 == 0)
        << i;
  const auto snapshot = loadPolicy(suiteDir_ / "run" / "policy_10.pt", torch::kCPU);
  EXPECT_FALSE(snapshot.critic);
  EXPECT_EQ(snapshot.info.step, 10);
}

TEST_F(PpoRefinement, TheDreamCheckRunsOnceBeforeTheFirstIterationAndIsKept) {
  const auto returned = returnedDreamCheck();
  EXPECT_EQ(returned.starts, 64);
  EXPECT_EQ(returned.horizon, 8);
  const auto checked = metricSeries(mainMetrics(), "dream_check/random_success_rate");
  ASSERT_EQ(checked.size(), 1u);
  EXPECT_DOUBLE_EQ(checked[0], returned.randomRate());
  // Kept in the run directory for a resumed run to report.
  const auto kept = loadDreamCheck(suiteDir_ / "run" / "dream_check.yaml");
  EXPECT_EQ(kept.policySuccesses, returned.policySuccesses);
  EXPECT_EQ(kept.randomSuccesses, returned.randomSuccesses);
}

// In this dream the actions decide the outcome: the refined policy reaches the goal from dark starts within
// 8 steps far more often than random actions do, on the same starts and noise, and the check says so.
TEST_F(PpoRefinement, TheDreamCheckFavoursTheRefinedPolicyOverRandomActionsReproducibly) {
  WorldModelEnv env(*worldModel_, torch::kCPU, 0);
  DreamCheckOptions options;
  options.starts = 64;
  options.horizon = 8;
  options.seed = 4;
  auto refined = refinedPolicy();
  const auto check = checkDream(refined, *reward_, env, starts_, options);
  EXPECT_EQ(check.starts, 64);
  EXPECT_GT(check.policySuccesses, check.randomSuccesses + 20)
      << check.policySuccesses << " vs " << check.randomSuccesses;
  EXPECT_TRUE(check.policyFavoured());
  EXPECT_EQ(check.policySuccesses - check.randomSuccesses,
            check.policyOverRandom.gained - check.policyOverRandom.lost);
  EXPECT_EQ(dreamSuccesses(refined, *reward_, env, starts_, options),
            dreamSuccesses(refined, *reward_, env, starts_, options));
  // A policy against itself: nothing gained or lost, not favoured.
  auto random = randomActionPolicy(refined->config(), torch::kCPU);
  const auto self = checkDream(random, *reward_, env, starts_, options);
  EXPECT_EQ(self.policySuccesses, self.randomSuccesses);
  EXPECT_FALSE(self.policyFavoured());
}

TEST_F(PpoRefinement, AFinishedRunRefusesANewRunAndResumesWithoutCheckingTheDreamAgain) {
  const auto run = dir_ / "run";
  std::filesystem::copy(suiteDir_ / "run", run, std::filesystem::copy_options::recursive);
  RefineSettings s = mainSettings();
  EXPECT_THROW(PpoRefiner(s, run).run(suiteDir_ / "start.pt", *worldModel_, *reward_, starts_, false, nullptr,
                                      nullptr, CancelToken()),
               Error);
  s.iterations = 14;
  const auto resumed = resume(s, run);
  EXPECT_EQ(resumed.iterations, 14);
  EXPECT_EQ(resumed.dreamCheck.starts, 64);
  EXPECT_EQ(resumed.dreamCheck.randomSuccesses, returnedDreamCheck().randomSuccesses);
  EXPECT_EQ(metricSeries(run / "metrics.jsonl", "dream_check/starts").size(), 1u)
      << "a resumed run does not log the check again";
  EXPECT_EQ(metricSeries(run / "metrics.jsonl", "charts/imagined_episodic_return").size(), 14u);
  // charts/SPS is CleanRL's: the frames imagined since the process started over its wall clock, so the
  // resumed iterations count from iteration 12's global_step, not from 0.
  const auto file = run / "metrics.jsonl";
  const auto sps = metricSeries(file, "charts/SPS"), seconds = metricSeries(file, "time_s"),
             steps = metricSeries(file, "global_step");
  ASSERT_EQ(sps.size(), 14u);
  ASSERT_EQ(seconds.size(), 14u);
  ASSERT_EQ(steps.size(), 14u);
  for (std::size_t i = 0; i < 14; ++i) {
    const double counted = steps[i] - (i < 12 ? 0.0 : steps[11]);
    EXPECT_GT(sps[i], 0.0) << i;
    EXPECT_NEAR(sps[i] * seconds[i], counted, 1e-6 * counted) << i;
  }
}

// 8 starts imagined 4 times each, the actor taught by each episode against the others from its start (the
// critic unused for it).
TEST_F(PpoRefinement, LeaveOneOutAdvantagesRaiseTheImaginedReturn) {
  RefineSettings g = brightnessRefinement();
  g.groupSize = 4;
  g.advantage = "rloo";
  g.criticWarmup = 0;
  g.evalEvery = 0;
  const auto grouped = refine(g, "rloo");
  EXPECT_EQ(grouped.iterations, 12);
  const auto series = metricSeries(dir_ / "rloo" / "metrics.jsonl", "charts/imagined_episodic_return");
  ASSERT_EQ(series.size(), 12u);
  const double before = meanOf(series, 0, 3), after = meanOf(series, 9, 12);
  EXPECT_GT(after, before + 0.25) << "imagined return with rloo " << before << " -> " << after;
}

TEST(PpoRefinementSettings, GroupsMustDivideTheEnvironmentsAndHoldAnotherEpisode) {
  RefineSettings g = brightnessRefinement();
  g.advantage = "rloo";
  g.groupSize = 4;
  g.validate();
  g.groupSize = 3;  // does not divide num_envs 32
  EXPECT_THROW(g.validate(), Error);
  g.groupSize = 1;  // no other episode to compare with
  EXPECT_THROW(g.validate(), Error);
  EXPECT_THROW(g.set("advantage", "vtrace"), Error);
  g = brightnessRefinement();
  g.requireDreamSignal = true;
  g.dreamCheckStarts = 0;  // the gate needs the check
  EXPECT_THROW(g.validate(), Error);
  g = brightnessRefinement();
  g.bcKlCoef = -1.0;
  EXPECT_THROW(g.validate(), Error);
  g = brightnessRefinement();
  g.evalEvery = 0;
  g.earlyStopPatience = 2;  // patience counts real evaluations
  EXPECT_THROW(g.validate(), Error);
}

// A starting policy that is random actions itself gains and loses no start against them, so the run stops
// before its first iteration and keeps it as policy.pt; the refined policy, which the dream favours, passes
// and refines.
TEST_F(PpoRefinement, RequireDreamSignalStopsARandomPolicyAndPassesAFavouredOne) {
  auto random = randomActionPolicy(tinyPolicy(), torch::kCPU);
  savePolicy(dir_ / "random.pt", {random, nullptr, nullptr, nullptr, {}});
  RefineSettings g = brightnessRefinement();
  g.evalEvery = 0;
  g.dreamCheckStarts = 32;
  g.requireDreamSignal = true;
  const auto gated =
      PpoRefiner(g, dir_ / "gated")
          .run(dir_ / "random.pt", *worldModel_, *reward_, starts_, false, nullptr, nullptr, CancelToken());
  EXPECT_EQ(gated.iterations, 0);
  EXPECT_EQ(gated.dreamCheck.policyOverRandom.gained + gated.dreamCheck.policyOverRandom.lost, 0);
  EXPECT_NE(gated.stopReason.find("require_dream_signal"), std::string::npos) << gated.stopReason;
  const auto kept = loadPolicy(dir_ / "gated" / "policy.pt", torch::kCPU);
  EXPECT_EQ(kept.info.step, 0);
  for (const auto& p : kept.policy->named_parameters())
    EXPECT_TRUE(torch::equal(p.value(), random->named_parameters()[p.key()])) << p.key();
  g.iterations = 1;
  const auto passed = PpoRefiner(g, dir_ / "passed")
                          .run(suiteDir_ / "run" / "policy.pt", *worldModel_, *reward_, starts_, false,
                               nullptr, nullptr, CancelToken());
  EXPECT_TRUE(passed.dreamCheck.policyFavoured());
  EXPECT_EQ(passed.iterations, 1);
  EXPECT_TRUE(passed.stopReason.empty()) << passed.stopReason;
}

TEST_F(PpoRefinement, FreezeEncoderKeepsTheEncoderAndTrainsTheRest) {
  RefineSettings s = mainSettings();
  s.iterations = 2;
  s.criticWarmup = 0;
  s.dreamCheckStarts = 0;
  s.freezeEncoder = true;
  refine(s, "frozen");
  auto frozen = loadPolicy(dir_ / "frozen" / "policy.pt", torch::kCPU).policy;
  int encoderTensors = 0, changed = 0;
  const auto before = (*startPolicy_)->named_parameters();
  for (const auto& p : frozen->named_parameters()) {
    const bool same = torch::equal(p.value(), before[p.key()]);
    if (p.key().rfind("encoder.", 0) == 0) {
      ++encoderTensors;
      EXPECT_TRUE(same) << p.key();
    } else if (!same) {
      ++changed;
    }
  }
  EXPECT_GT(encoderTensors, 0);
  EXPECT_GT(changed, 0);
}

// The same run held near its starting policy moves less from it. Every run keeps its starting policy
// (start_policy.pt) and logs the distance as losses/bc_kl.
TEST_F(PpoRefinement, BcKlCoefHoldsThePolicyNearItsStart) {
  RefineSettings s = brightnessRefinement();
  s.iterations = 3;
  s.criticWarmup = 0;
  s.evalEvery = 0;
  auto distanceFromStart = [&](const std::filesystem::path& run) {
    torch::NoGradGuard noGrad;
    auto start = loadPolicy(run / "start_policy.pt", torch::kCPU).policy;
    auto end = loadPolicy(run / "policy.pt", torch::kCPU).policy;
    for (auto* p : {&start, &end}) (*p)->setLogStdRange(s.logStdMin, s.logStdMax);
    const auto frames = greyFrames(torch::linspace(0.0, 1.0, 16)).unsqueeze(1);
    const auto a = end->forward(frames), b = start->forward(frames);
    return gaussianKl(a.mean, a.logStd, b.mean, b.logStd).mean().item<double>();
  };
  refine(s, "free");
  s.bcKlCoef = 20.0;
  refine(s, "held");
  const double free = distanceFromStart(dir_ / "free"), held = distanceFromStart(dir_ / "held");
  EXPECT_GT(free, 0.0);
  EXPECT_LT(held, 0.5 * free) << "KL from the start: free " << free << ", held " << held;
  const auto logged = metricSeries(dir_ / "free" / "metrics.jsonl", "losses/bc_kl");
  ASSERT_EQ(logged.size(), 3u);
  EXPECT_GT(logged.back(), 0.0);
}

// dream_samples, reward_consensus, uncertainty_coef: every step sampled 3 times. The extra samples draw the
// same noise whatever is done with them, so the three settings imagine the same episodes from the same
// starts; consensus can only take successes away, and the penalty only subtracts its weight times the
// logged disagreement from the steps of running episodes.
TEST_F(PpoRefinement, PessimisticRewardsImagineTheSameEpisodesAndOnlyTakeAway) {
  ValueNetwork critic(tinyPolicy());
  critic->eval();
  auto refined = refinedPolicy();
  auto rollout = [&](bool consensus, double coef) {
    WorldModelEnv env(*worldModel_, torch::kCPU, 11);
    auto noise = at::detail::createCPUGenerator(12), startGen = at::detail::createCPUGenerator(13);
    RolloutOptions o;
    o.horizon = 8;
    o.dreamSamples = 3;
    o.rewardConsensus = consensus;
    o.uncertaintyCoef = coef;
    return imagineRollouts(refined, critic, *reward_, env, starts_.sample(32, startGen), o, noise);
  };
  const auto plain = rollout(false, 0.0), agreed = rollout(true, 0.0), penalised = rollout(false, 0.5);
  EXPECT_GT(plain.successRate, 0.5);
  EXPECT_TRUE(torch::equal(plain.obs, agreed.obs));
  EXPECT_EQ((agreed.succeeded & ~plain.succeeded).sum().item<std::int64_t>(), 0);
  EXPECT_LE(agreed.successRate, plain.successRate);
  EXPECT_GT(plain.meanDisagreement, 0.0);
  EXPECT_LT(plain.meanDisagreement, 0.1);
  EXPECT_GE(plain.disputedRewardShare, 0.0);
  EXPECT_LE(plain.disputedRewardShare, 1.0);
  EXPECT_TRUE(torch::equal(penalised.succeeded, plain.succeeded));
  EXPECT_TRUE(torch::equal(penalised.alive, plain.alive));
  const auto penalty = (plain.rewards - penalised.rewards) * plain.alive;
  EXPECT_GE(penalty.min().item<double>(), 0.0);
  EXPECT_NEAR(penalty.sum().item<double>() / plain.alive.sum().item<double>(), 0.5 * plain.meanDisagreement,
              1e-5);
  RolloutOptions one;
  one.rewardConsensus = true;  // with one sample there is nothing to agree with
  WorldModelEnv env(*worldModel_, torch::kCPU, 11);
  auto noise = at::detail::createCPUGenerator(12), startGen = at::detail::createCPUGenerator(13);
  EXPECT_THROW(imagineRollouts(refined, critic, *reward_, env, starts_.sample(4, startGen), one, noise),
               Error);
}

TEST_F(PpoRefinement, PessimisticSettingsAreCheckedAndARunLogsTheSamplesSpread) {
  RefineSettings g = brightnessRefinement();
  g.set("reward_consensus", "true");
  EXPECT_THROW(g.validate(), Error);
  g.set("dream_samples", "2");
  g.validate();
  g.set("uncertainty_coef", "-1");
  EXPECT_THROW(g.validate(), Error);
  EXPECT_EQ(g.toMap().at("dream_samples"), "2");
  g.set("uncertainty_coef", "0.1");
  g.iterations = 2;
  g.evalEvery = 0;
  refine(g, "pessimistic");
  const auto spread = metricSeries(dir_ / "pessimistic" / "metrics.jsonl", "charts/dream_disagreement");
  ASSERT_EQ(spread.size(), 2u);
  EXPECT_GT(spread[0], 0.0);
}

// The "real" task opposes the classifier: keep the frame dark, so all that refinement learns is a reward
// hack. The real evaluation runs the true brightness dynamics with the policy's mean actions from 20 fixed
// dark starts and pairs each evaluation with the first one, as `world4rl refine` pairs its simulator
// evaluations.
class DarkTask {
 public:
  std::vector<std::pair<std::string, double>> operator()(const std::filesystem::path& file) {
    torch::NoGradGuard noGrad;
    auto p = loadPolicy(file, torch::kCPU).policy;
    auto g = torch::linspace(0.0, 0.2, 20);
    for (int t = 0; t < 8; ++t)
      g = (g + kStep * p->forward(greyFrames(g).unsqueeze(1)).mean.select(1, 0).clamp(-1, 1)).clamp(0, 1);
    std::vector<bool> solved;
    for (int i = 0; i < 20; ++i) solved.push_back(g[i].item<double>() < kDarkGoal);
    const double rate = static_cast<double>(std::count(solved.begin(), solved.end(), true)) / 20;
    std::vector<std::pair<std::string, double>> m{{"eval/real_success_rate", rate}};
    if (startOutcomes_.empty()) {
      startOutcomes_ = solved;
      return m;
    }
    PairedOutcomes paired;
    for (int i = 0; i < 20; ++i) {
      paired.gained += solved[i] && !startOutcomes_[i];
      paired.lost += !solved[i] && startOutcomes_[i];
    }
    m.insert(m.end(), {{"eval/seeds_gained", paired.gained},
                       {"eval/seeds_lost", paired.lost},
                       {"eval/mcnemar_p", exactMcNemarP(paired)}});
    return m;
  }
  const std::vector<bool>& startOutcomes() const { return startOutcomes_; }

 private:
  std::vector<bool> startOutcomes_;
};

// Real evaluations keep the best real policy as best.pt and stop a run that loses in the real world.
TEST_F(PpoRefinement, ARealLossStopsTheRunAndBestKeepsTheStartPolicy) {
  auto task = std::make_shared<DarkTask>();
  const RealEvaluation darkTask = [task](const std::filesystem::path& f) { return (*task)(f); };
  RefineSettings s = brightnessRefinement();
  s.evalEvery = 1;
  s.stopOnRealLoss = true;
  const auto hack = dir_ / "hack";
  const auto stopped = refine(s, "hack", darkTask);
  ASSERT_FALSE(task->startOutcomes().empty());
  EXPECT_GE(std::count(task->startOutcomes().begin(), task->startOutcomes().end(), true), 6)
      << "the start policy must solve enough seeds to lose them";
  EXPECT_NE(stopped.stopReason.find("significantly below the start policy's"), std::string::npos)
      << stopped.stopReason;
  EXPECT_LT(stopped.iterations, 12);
  EXPECT_DOUBLE_EQ(stopped.firstRealSuccessRate, stopped.bestRealSuccessRate);
  EXPECT_LT(stopped.lastRealSuccessRate, stopped.firstRealSuccessRate);
  // best.pt is the start policy (iteration 0, or the critic-only iteration 1 that ties it: a tie keeps 0).
  EXPECT_EQ(stopped.bestIteration, 0);
  const auto best = loadPolicy(hack / "best.pt", torch::kCPU);
  EXPECT_EQ(best.info.step, 0);
  for (const auto& p : best.policy->named_parameters())
    EXPECT_TRUE(torch::equal(p.value(), (*startPolicy_)->named_parameters()[p.key()])) << p.key();
  EXPECT_EQ(loadPolicy(hack / "policy.pt", torch::kCPU).info.step, stopped.iterations);
  for (double b : metricSeries(hack / "metrics.jsonl", "eval/best_iteration")) EXPECT_EQ(b, 0.0);
  EXPECT_EQ(metricSeries(hack / "metrics.jsonl", "eval/best_real_success_rate").size(),
            static_cast<std::size_t>(stopped.iterations + 1));

  // Resumed with the same settings it stays stopped; without stop_on_real_loss it goes on.
  s.iterations = 14;
  const auto again = resume(s, hack, darkTask);
  EXPECT_EQ(again.iterations, stopped.iterations);
  EXPECT_EQ(again.stopReason, stopped.stopReason);
  s.stopOnRealLoss = false;
  s.iterations = stopped.iterations + 2;
  const auto onward = resume(s, hack, darkTask);
  EXPECT_EQ(onward.iterations, stopped.iterations + 2);
  EXPECT_TRUE(onward.stopReason.empty());
  EXPECT_EQ(onward.bestIteration, 0);
  // The stopped run's policy.pt is kept as the snapshot of its iteration; policy.pt is the new end.
  EXPECT_EQ(
      loadPolicy(hack / ("policy_" + std::to_string(stopped.iterations) + ".pt"), torch::kCPU).info.step,
      stopped.iterations);
  EXPECT_EQ(loadPolicy(hack / "policy.pt", torch::kCPU).info.step, onward.iterations);
}

TEST_F(PpoRefinement, AnEvaluationCutShortByACancelIsDoneAgainOnResume) {
  auto task = std::make_shared<DarkTask>();
  CancelToken cut;
  int calls = 0;
  const RealEvaluation cutShort = [&](const std::filesystem::path& file) {
    auto m = (*task)(file);
    if (++calls == 2) cut.cancel();  // during iteration 1's evaluation
    return m;
  };
  RefineSettings s = brightnessRefinement();
  s.evalEvery = 1;
  s.iterations = 3;
  const auto cancelled = refine(s, "cut", cutShort, cut);
  EXPECT_TRUE(cancelled.cancelled);
  EXPECT_EQ(cancelled.iterations, 1);
  EXPECT_FALSE(std::filesystem::exists(dir_ / "cut" / "policy.pt"));
  EXPECT_EQ(metricSeries(dir_ / "cut" / "metrics.jsonl", "eval/best_iteration").size(), 1u);
  const auto finished =
      resume(s, dir_ / "cut", [task](const std::filesystem::path& f) { return (*task)(f); });
  EXPECT_FALSE(finished.cancelled);
  EXPECT_EQ(finished.iterations, 3);
  // Iterations 0 to 3 each logged and judged once (iteration 1 evaluated twice).
  EXPECT_EQ(metricSeries(dir_ / "cut" / "metrics.jsonl", "eval/best_iteration").size(), 4u);
  EXPECT_EQ(metricSeries(dir_ / "cut" / "metrics.jsonl", "eval/real_success_rate").size(), 4u);
}

// A cancel request stops an imagined batch before its next step, so a large batch does not hold it up.
TEST_F(PpoRefinement, ACancelStopsAnImaginedBatchBeforeItsNextStep) {
  WorldModelEnv env(*worldModel_, torch::kCPU, 11);
  ValueNetwork critic(tinyPolicy());
  auto gen = at::detail::createCPUGenerator(5);
  CancelToken stop;
  const RolloutOptions options{8, true, &stop};
  EXPECT_EQ(
      imagineRollouts(*startPolicy_, critic, *reward_, env, starts_.sample(4, gen), options, gen).frames, 32);
  stop.cancel();
  EXPECT_EQ(
      imagineRollouts(*startPolicy_, critic, *reward_, env, starts_.sample(4, gen), options, gen).frames, 0);
}

}  // namespace
}  // namespace w4rl::learning

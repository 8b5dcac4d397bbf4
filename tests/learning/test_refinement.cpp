// The dream check and PPO refinement, end to end on the brightness world (brightness_world.h): real
// networks, real training, real imagined rollouts.
#include <gtest/gtest.h>
#include <torch/torch.h>

#include <algorithm>

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

// The refinement test the issue asks for: a small world model trained and then frozen, a classifier
// as reward, a policy that starts knowing nothing; PPO in imagination must raise the imagined return.
TEST(PpoRefinement, ImaginedReturnRisesInAFrozenWorldModel) {
  const auto dir = w4rl::test::freshDir();
  BrightnessTransitions transitions;
  WorldModelTrainer(brightnessModel(), brightnessModelTraining(), dir / "wm")
      .run(transitions, false, nullptr, CancelToken());
  const auto worldModel = loadWorldModel(dir / "wm" / "last.pt", torch::kCPU).model;

  RewardConfig rc{"brightness", kImage, {8, 16}, 16};
  trainSuccessClassifier(rc, quick(200), dir / "reward", levels(600, 5), levels(200, 6), nullptr,
                         CancelToken());
  auto reward = loadReward(dir / "reward" / "reward.pt", torch::kCPU).classifier;

  torch::manual_seed(3);
  PolicyConfig pc = tinyPolicy();
  GaussianPolicy policy(pc);
  savePolicy(dir / "start.pt", {policy, nullptr, nullptr, nullptr, {}});

  RefineSettings s = brightnessRefinement();
  s.evalEvery = 0;
  s.snapshotEvery = 5;
  s.dreamCheckStarts = 64;
  DarkStarts starts;
  const auto r =
      PpoRefiner(s, dir / "run")
          .run(dir / "start.pt", worldModel, reward, starts, false, nullptr, nullptr, CancelToken());
  EXPECT_EQ(r.iterations, 12);
  // The dream check ran once, before the first iteration, and is logged at iteration 0.
  EXPECT_EQ(r.dreamCheck.starts, 64);
  EXPECT_EQ(r.dreamCheck.horizon, 8);
  const auto checked = metricSeries(dir / "run" / "metrics.jsonl", "dream_check/random_success_rate");
  ASSERT_EQ(checked.size(), 1u);
  EXPECT_DOUBLE_EQ(checked[0], r.dreamCheck.randomRate());
  const auto returns = metricSeries(dir / "run" / "metrics.jsonl", "charts/imagined_episodic_return");
  ASSERT_EQ(returns.size(), 12u);
  const double first = (returns[0] + returns[1] + returns[2]) / 3,
               last = (returns[9] + returns[10] + returns[11]) / 3;
  EXPECT_GT(last, first + 0.25) << "imagined return " << first << " -> " << last;
  for (const char* key : {"losses/approx_kl", "losses/clipfrac", "charts/sigma", "losses/explained_variance",
                          "perf/imagined_frames_per_s", "charts/imagined_success_rate"})
    EXPECT_EQ(metricSeries(dir / "run" / "metrics.jsonl", key).size(), 12u) << key;
  for (double sigma : metricSeries(dir / "run" / "metrics.jsonl", "charts/sigma")) EXPECT_LE(sigma, 1.0);
  EXPECT_TRUE(std::filesystem::exists(dir / "run" / "policy.pt"));
  // snapshot_every 5: the policies of iterations 5 and 10, weights only, and nothing for the others.
  for (int i = 1; i <= 12; ++i)
    EXPECT_EQ(std::filesystem::exists(dir / "run" / ("policy_" + std::to_string(i) + ".pt")), i % 5 == 0)
        << i;
  const auto snapshot = loadPolicy(dir / "run" / "policy_10.pt", torch::kCPU);
  EXPECT_FALSE(snapshot.critic);
  EXPECT_EQ(snapshot.info.step, 10);
  // The refined policy pushes the brightness up from a dark frame.
  auto refined = loadPolicy(dir / "run" / "policy.pt", torch::kCPU).policy;
  EXPECT_GT(refined->forward(greyFrames(torch::tensor({0.1})).unsqueeze(1)).mean[0][0].item<double>(), 0.3);

  // In this dream the actions decide the outcome: the refined policy reaches the goal from dark starts
  // within 8 steps far more often than random actions do, on the same starts and noise, and the check
  // says so. The same options give the same outcomes.
  {
    WorldModelEnv env(worldModel, torch::kCPU, 0);
    DreamCheckOptions options;
    options.starts = 64;
    options.horizon = 8;
    options.seed = 4;
    const auto check = checkDream(refined, reward, env, starts, options);
    EXPECT_EQ(check.starts, 64);
    EXPECT_GT(check.policySuccesses, check.randomSuccesses + 20)
        << check.policySuccesses << " vs " << check.randomSuccesses;
    EXPECT_TRUE(check.policyFavoured());
    EXPECT_EQ(check.policySuccesses - check.randomSuccesses,
              check.policyOverRandom.gained - check.policyOverRandom.lost);
    EXPECT_EQ(dreamSuccesses(refined, reward, env, starts, options),
              dreamSuccesses(refined, reward, env, starts, options));
    // A policy against itself: nothing gained or lost, not favoured.
    auto random = randomActionPolicy(refined->config(), torch::kCPU);
    const auto self = checkDream(random, reward, env, starts, options);
    EXPECT_EQ(self.policySuccesses, self.randomSuccesses);
    EXPECT_FALSE(self.policyFavoured());
  }

  // The check is kept in the run directory for a resumed run to report.
  EXPECT_EQ(loadDreamCheck(dir / "run" / "dream_check.yaml").policySuccesses, r.dreamCheck.policySuccesses);

  // Resuming a finished run does nothing more; a new run into the directory is refused.
  EXPECT_THROW(PpoRefiner(s, dir / "run")
                   .run(dir / "start.pt", worldModel, reward, starts, false, nullptr, nullptr, CancelToken()),
               Error);
  s.iterations = 14;
  const auto resumed =
      PpoRefiner(s, dir / "run").run({}, worldModel, reward, starts, true, nullptr, nullptr, CancelToken());
  EXPECT_EQ(resumed.iterations, 14);
  EXPECT_EQ(resumed.dreamCheck.starts, 64);
  EXPECT_EQ(resumed.dreamCheck.randomSuccesses, r.dreamCheck.randomSuccesses);
  EXPECT_EQ(checked.size(), metricSeries(dir / "run" / "metrics.jsonl", "dream_check/starts").size())
      << "a resumed run does not log the check again";
  EXPECT_EQ(metricSeries(dir / "run" / "metrics.jsonl", "charts/imagined_episodic_return").size(), 14u);
  // charts/SPS is CleanRL's: the frames imagined since the process started over its wall clock, so the
  // resumed iterations count from iteration 12's global_step, not from 0.
  {
    const auto file = dir / "run" / "metrics.jsonl";
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

  // Leave-one-out advantages: 8 starts imagined 4 times each, the actor taught by each episode against
  // the others from its start (the critic unused for it), also raise the imagined return.
  {
    RefineSettings g = brightnessRefinement();
    g.groupSize = 4;
    g.advantage = "rloo";
    g.criticWarmup = 0;
    g.evalEvery = 0;
    const auto grouped =
        PpoRefiner(g, dir / "rloo")
            .run(dir / "start.pt", worldModel, reward, starts, false, nullptr, nullptr, CancelToken());
    EXPECT_EQ(grouped.iterations, 12);
    const auto series = metricSeries(dir / "rloo" / "metrics.jsonl", "charts/imagined_episodic_return");
    ASSERT_EQ(series.size(), 12u);
    const double before = (series[0] + series[1] + series[2]) / 3,
                 after = (series[9] + series[10] + series[11]) / 3;
    EXPECT_GT(after, before + 0.25) << "imagined return with rloo " << before << " -> " << after;
    g.groupSize = 3;  // does not divide num_envs 32
    EXPECT_THROW(g.validate(), Error);
    g.groupSize = 1;  // no other episode to compare with
    EXPECT_THROW(g.validate(), Error);
    EXPECT_THROW(g.set("advantage", "vtrace"), Error);
  }

  // require_dream_signal: a starting policy that is random actions itself gains and loses no start against
  // them, so the run stops before its first iteration and keeps it as policy.pt; the refined policy, which
  // the dream favours, passes and refines.
  {
    auto random = randomActionPolicy(pc, torch::kCPU);
    savePolicy(dir / "random.pt", {random, nullptr, nullptr, nullptr, {}});
    RefineSettings g = brightnessRefinement();
    g.evalEvery = 0;
    g.dreamCheckStarts = 32;
    g.requireDreamSignal = true;
    const auto gated =
        PpoRefiner(g, dir / "gated")
            .run(dir / "random.pt", worldModel, reward, starts, false, nullptr, nullptr, CancelToken());
    EXPECT_EQ(gated.iterations, 0);
    EXPECT_EQ(gated.dreamCheck.policyOverRandom.gained + gated.dreamCheck.policyOverRandom.lost, 0);
    EXPECT_NE(gated.stopReason.find("require_dream_signal"), std::string::npos) << gated.stopReason;
    const auto kept = loadPolicy(dir / "gated" / "policy.pt", torch::kCPU);
    EXPECT_EQ(kept.info.step, 0);
    for (const auto& p : kept.policy->named_parameters())
      EXPECT_TRUE(torch::equal(p.value(), random->named_parameters()[p.key()])) << p.key();
    g.iterations = 1;
    const auto passed = PpoRefiner(g, dir / "passed")
                            .run(dir / "run" / "policy.pt", worldModel, reward, starts, false, nullptr,
                                 nullptr, CancelToken());
    EXPECT_TRUE(passed.dreamCheck.policyFavoured());
    EXPECT_EQ(passed.iterations, 1);
    EXPECT_TRUE(passed.stopReason.empty()) << passed.stopReason;
    g.dreamCheckStarts = 0;
    EXPECT_THROW(g.validate(), Error);
  }

  // freeze_encoder: the image encoder keeps the starting weights, the rest of the policy learns.
  s.iterations = 2;
  s.criticWarmup = 0;
  s.freezeEncoder = true;
  PpoRefiner(s, dir / "frozen")
      .run(dir / "start.pt", worldModel, reward, starts, false, nullptr, nullptr, CancelToken());
  auto frozen = loadPolicy(dir / "frozen" / "policy.pt", torch::kCPU).policy;
  int encoderTensors = 0, changed = 0;
  const auto before = policy->named_parameters();
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

  // bc_kl_coef: the same run held near its starting policy moves less from it. Every run keeps its
  // starting policy (start_policy.pt) and logs the distance as losses/bc_kl.
  s.iterations = 3;
  s.freezeEncoder = false;
  auto distanceFromStart = [&](const std::filesystem::path& run) {
    torch::NoGradGuard noGrad;
    auto start = loadPolicy(run / "start_policy.pt", torch::kCPU).policy;
    auto end = loadPolicy(run / "policy.pt", torch::kCPU).policy;
    for (auto* p : {&start, &end}) (*p)->setLogStdRange(s.logStdMin, s.logStdMax);
    const auto frames = greyFrames(torch::linspace(0.0, 1.0, 16)).unsqueeze(1);
    const auto a = end->forward(frames), b = start->forward(frames);
    return gaussianKl(a.mean, a.logStd, b.mean, b.logStd).mean().item<double>();
  };
  PpoRefiner(s, dir / "free")
      .run(dir / "start.pt", worldModel, reward, starts, false, nullptr, nullptr, CancelToken());
  s.bcKlCoef = 20.0;
  PpoRefiner(s, dir / "held")
      .run(dir / "start.pt", worldModel, reward, starts, false, nullptr, nullptr, CancelToken());
  const double free = distanceFromStart(dir / "free"), held = distanceFromStart(dir / "held");
  EXPECT_GT(free, 0.0);
  EXPECT_LT(held, 0.5 * free) << "KL from the start: free " << free << ", held " << held;
  const auto logged = metricSeries(dir / "free" / "metrics.jsonl", "losses/bc_kl");
  ASSERT_EQ(logged.size(), 3u);
  EXPECT_GT(logged.back(), 0.0);
  s.bcKlCoef = -1.0;
  EXPECT_THROW(s.validate(), Error);
  s.bcKlCoef = 0.0;

  // Pessimistic rewards (dream_samples, reward_consensus, uncertainty_coef): every step sampled 3 times.
  // The extra samples draw the same noise whatever is done with them, so the three settings imagine the
  // same episodes from the same starts; consensus can only take successes away, and the penalty only
  // subtracts its weight times the logged disagreement from the steps of running episodes.
  {
    ValueNetwork critic(pc);
    critic->eval();
    auto rollout = [&](bool consensus, double coef) {
      WorldModelEnv env(worldModel, torch::kCPU, 11);
      auto noise = at::detail::createCPUGenerator(12), startGen = at::detail::createCPUGenerator(13);
      RolloutOptions o;
      o.horizon = 8;
      o.dreamSamples = 3;
      o.rewardConsensus = consensus;
      o.uncertaintyCoef = coef;
      return imagineRollouts(refined, critic, reward, env, starts.sample(32, startGen), o, noise);
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
    WorldModelEnv env(worldModel, torch::kCPU, 11);
    auto noise = at::detail::createCPUGenerator(12), startGen = at::detail::createCPUGenerator(13);
    EXPECT_THROW(imagineRollouts(refined, critic, reward, env, starts.sample(4, startGen), one, noise),
                 Error);
    RefineSettings g = brightnessRefinement();
    g.set("reward_consensus", "true");
    EXPECT_THROW(g.validate(), Error);
    g.set("dream_samples", "2");
    g.validate();
    g.set("uncertainty_coef", "-1");
    EXPECT_THROW(g.validate(), Error);
    EXPECT_EQ(g.toMap().at("dream_samples"), "2");
    // A run with them logs how far the samples spread.
    g.set("uncertainty_coef", "0.1");
    g.iterations = 2;
    g.evalEvery = 0;
    PpoRefiner(g, dir / "pessimistic")
        .run(dir / "start.pt", worldModel, reward, starts, false, nullptr, nullptr, CancelToken());
    const auto spread = metricSeries(dir / "pessimistic" / "metrics.jsonl", "charts/dream_disagreement");
    ASSERT_EQ(spread.size(), 2u);
    EXPECT_GT(spread[0], 0.0);
  }

  // Real evaluations keep the best real policy as best.pt and stop a run that loses in the real world.
  // Here the real task is to keep the frame dark, the opposite of what the classifier rewards, so all that
  // refinement learns is a reward hack. The real evaluation runs the true brightness dynamics with the
  // policy's mean actions from 20 fixed dark starts and pairs each evaluation with the first one, as
  // `world4rl refine` pairs its simulator evaluations.
  std::vector<bool> startOutcomes;
  const RealEvaluation darkTask = [&](const std::filesystem::path& file) {
    torch::NoGradGuard noGrad;
    auto p = loadPolicy(file, torch::kCPU).policy;
    auto g = torch::linspace(0.0, 0.2, 20);
    for (int t = 0; t < 8; ++t)
      g = (g + kStep * p->forward(greyFrames(g).unsqueeze(1)).mean.select(1, 0).clamp(-1, 1)).clamp(0, 1);
    std::vector<bool> solved;
    for (int i = 0; i < 20; ++i) solved.push_back(g[i].item<double>() < kDarkGoal);
    const double rate = static_cast<double>(std::count(solved.begin(), solved.end(), true)) / 20;
    std::vector<std::pair<std::string, double>> m{{"eval/real_success_rate", rate}};
    if (startOutcomes.empty()) {
      startOutcomes = solved;
      return m;
    }
    PairedOutcomes paired;
    for (int i = 0; i < 20; ++i) {
      paired.gained += solved[i] && !startOutcomes[i];
      paired.lost += !solved[i] && startOutcomes[i];
    }
    m.insert(m.end(), {{"eval/seeds_gained", paired.gained},
                       {"eval/seeds_lost", paired.lost},
                       {"eval/mcnemar_p", exactMcNemarP(paired)}});
    return m;
  };
  s = brightnessRefinement();
  s.evalEvery = 1;
  s.stopOnRealLoss = true;
  const auto hack = dir / "hack";
  const auto stopped = PpoRefiner(s, hack).run(dir / "start.pt", worldModel, reward, starts, false, darkTask,
                                               nullptr, CancelToken());
  ASSERT_FALSE(startOutcomes.empty());
  EXPECT_GE(std::count(startOutcomes.begin(), startOutcomes.end(), true), 6) << "the start policy must solve "
                                                                                "enough seeds to lose them";
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
    EXPECT_TRUE(torch::equal(p.value(), policy->named_parameters()[p.key()])) << p.key();
  EXPECT_EQ(loadPolicy(hack / "policy.pt", torch::kCPU).info.step, stopped.iterations);
  for (double b : metricSeries(hack / "metrics.jsonl", "eval/best_iteration")) EXPECT_EQ(b, 0.0);
  EXPECT_EQ(metricSeries(hack / "metrics.jsonl", "eval/best_real_success_rate").size(),
            static_cast<std::size_t>(stopped.iterations + 1));
  // Resumed with the same settings it stays stopped; without stop_on_real_loss it goes on.
  s.iterations = 14;
  const auto again =
      PpoRefiner(s, hack).run({}, worldModel, reward, starts, true, darkTask, nullptr, CancelToken());
  EXPECT_EQ(again.iterations, stopped.iterations);
  EXPECT_EQ(again.stopReason, stopped.stopReason);
  s.stopOnRealLoss = false;
  s.iterations = stopped.iterations + 2;
  const auto onward =
      PpoRefiner(s, hack).run({}, worldModel, reward, starts, true, darkTask, nullptr, CancelToken());
  EXPECT_EQ(onward.iterations, stopped.iterations + 2);
  EXPECT_TRUE(onward.stopReason.empty());
  EXPECT_EQ(onward.bestIteration, 0);
  // The stopped run's policy.pt is kept as the snapshot of its iteration; policy.pt is the new end.
  EXPECT_EQ(
      loadPolicy(hack / ("policy_" + std::to_string(stopped.iterations) + ".pt"), torch::kCPU).info.step,
      stopped.iterations);
  EXPECT_EQ(loadPolicy(hack / "policy.pt", torch::kCPU).info.step, onward.iterations);

  // An evaluation cut short by a cancel judges nothing and is done again on resume.
  CancelToken cut;
  int calls = 0;
  const RealEvaluation cutShort = [&](const std::filesystem::path& file) {
    auto m = darkTask(file);
    if (++calls == 2) cut.cancel();  // during iteration 1's evaluation
    return m;
  };
  s.iterations = 3;
  const auto cancelled =
      PpoRefiner(s, dir / "cut")
          .run(dir / "start.pt", worldModel, reward, starts, false, cutShort, nullptr, cut);
  EXPECT_TRUE(cancelled.cancelled);
  EXPECT_EQ(cancelled.iterations, 1);
  EXPECT_FALSE(std::filesystem::exists(dir / "cut" / "policy.pt"));
  EXPECT_EQ(metricSeries(dir / "cut" / "metrics.jsonl", "eval/best_iteration").size(), 1u);
  const auto finished =
      PpoRefiner(s, dir / "cut").run({}, worldModel, reward, starts, true, darkTask, nullptr, CancelToken());
  EXPECT_FALSE(finished.cancelled);
  EXPECT_EQ(finished.iterations, 3);
  // Iterations 0 to 3 each logged and judged once (iteration 1 evaluated twice).
  EXPECT_EQ(metricSeries(dir / "cut" / "metrics.jsonl", "eval/best_iteration").size(), 4u);
  EXPECT_EQ(metricSeries(dir / "cut" / "metrics.jsonl", "eval/real_success_rate").size(), 4u);
  s.evalEvery = 0;
  s.earlyStopPatience = 2;
  EXPECT_THROW(s.validate(), Error);

  // A cancel request stops an imagined batch before its next step, so a large batch does not hold it up.
  WorldModelEnv env(worldModel, torch::kCPU, 11);
  ValueNetwork critic(pc);
  auto gen = at::detail::createCPUGenerator(5);
  CancelToken stop;
  const RolloutOptions options{8, true, &stop};
  EXPECT_EQ(imagineRollouts(policy, critic, reward, env, starts.sample(4, gen), options, gen).frames, 32);
  stop.cancel();
  EXPECT_EQ(imagineRollouts(policy, critic, reward, env, starts.sample(4, gen), options, gen).frames, 0);
}

}  // namespace w4rl::learning

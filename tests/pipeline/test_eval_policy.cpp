// The policy jobs in the real MuJoCo tasks, with freshly initialised tiny policies: evaluation (seeds,
// determinism, the excluded-data check, videos, errors, cancellation) and policy-driven collection.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <memory>
#include <set>
#include <string>

#include "collect/collector.h"
#include "common/binomial_interval.h"
#include "common/error.h"
#include "common/rng.h"
#include "data/dataset.h"
#include "pipeline/jobs/eval_policy_job.h"
#include "pipeline/services/policy_actor.h"

#include "policy_test_support.h"
#include "shared_test_support.h"

namespace fs = std::filesystem;

namespace w4rl::pipeline {
namespace {

EvalPolicyRequest shortEval(const fs::path& checkpoint) {
  EvalPolicyRequest r;
  r.checkpoint = checkpoint;
  r.episodes = 3;
  r.episodeLength = 8;
  r.seed = 11;
  r.device = "cpu";
  return r;
}

// A small random-action dataset of `task` collected with `seed`; only its episode seeds matter here.
fs::path collectRandom(const fs::path& file, std::uint64_t seed, int episodes) {
  collect::CollectConfig c;
  c.task = "soccer";
  c.recipe = collect::parseRecipe("random:" + std::to_string(episodes));
  c.out = file;
  c.seed = seed;
  c.imageSize = 16;
  c.episodeLength = 2;
  collect::collect(c, {}, CancelToken{});
  return file;
}

void expectErrorMentioning(const std::function<void()>& f, const std::vector<std::string>& parts) {
  try {
    f();
    FAIL() << "expected a w4rl::Error";
  } catch (const Error& e) {
    for (const auto& part : parts) EXPECT_NE(std::string(e.what()).find(part), std::string::npos) << e.what();
  }
}

}  // namespace

TEST(EvalPolicy, ReportsEveryEpisodeDeterministicallyWithAWilsonInterval) {
  const fs::path dir = test::freshDir();
  const fs::path policy = test::saveTinyPolicy(dir / "p.pt", {"soccer", 64});
  EvalPolicyRequest request = shortEval(policy);
  int progressCalls = 0;
  const auto report = evalPolicy(
      request,
      [&](const ProgressEvent& e) {
        ++progressCalls;
        EXPECT_EQ(e.total, 3);
      },
      CancelToken{});
  EXPECT_EQ(progressCalls, 3);
  EXPECT_EQ(report.task, "soccer");  // the policy's own task
  EXPECT_EQ(report.policyTask, "soccer");
  EXPECT_EQ(report.episodes, 3);
  EXPECT_FALSE(report.cancelled);
  EXPECT_TRUE(report.deterministic);
  EXPECT_NE(report.device.find("CPU"), std::string::npos);
  ASSERT_EQ(report.perEpisode.size(), 3u);
  int successes = 0;
  for (int k = 0; k < 3; ++k) {
    const auto& ep = report.perEpisode[static_cast<std::size_t>(k)];
    EXPECT_EQ(ep.seed, policyEvaluationSeed(11, k));
    EXPECT_EQ(ep.seed, mixSeed(mixSeed(kPolicyEvaluationSeedDomain, 11), static_cast<std::uint64_t>(k)));
    EXPECT_GE(ep.steps, 1);
    EXPECT_LE(ep.steps, 8);
    if (!ep.success) {
      EXPECT_EQ(ep.steps, 8);
    }
    successes += ep.success ? 1 : 0;
  }
  EXPECT_EQ(report.successes, successes);
  EXPECT_DOUBLE_EQ(report.successRate, successes / 3.0);
  const auto ci = wilsonInterval(successes, 3);
  EXPECT_DOUBLE_EQ(report.ciLow, ci.low);
  EXPECT_DOUBLE_EQ(report.ciHigh, ci.high);
  EXPECT_TRUE(report.videos.empty());

  // The same request gives the same episodes; another seed gives other scenes.
  const auto again = evalPolicy(request, {}, CancelToken{});
  ASSERT_EQ(again.perEpisode.size(), 3u);
  for (std::size_t k = 0; k < 3; ++k) {
    EXPECT_EQ(again.perEpisode[k].seed, report.perEpisode[k].seed);
    EXPECT_EQ(again.perEpisode[k].success, report.perEpisode[k].success);
    EXPECT_EQ(again.perEpisode[k].steps, report.perEpisode[k].steps);
  }
  request.seed = 12;
  EXPECT_NE(evalPolicy(request, {}, CancelToken{}).perEpisode[0].seed, report.perEpisode[0].seed);
}

TEST(EvalPolicy, SampledEvaluationOnAnotherTaskWritesVideosOfRealFrames) {
  const fs::path dir = test::freshDir();
  const fs::path policy = test::saveTinyPolicy(dir / "p.pt", {"soccer", 32});
  EvalPolicyRequest request = shortEval(policy);
  request.task = "pick-place";
  request.deterministic = false;
  request.episodes = 2;
  request.videoDir = dir / "videos";
  request.videos = 1;
  const auto report = evalPolicy(request, {}, CancelToken{});
  EXPECT_EQ(report.task, "pick-place");
  EXPECT_EQ(report.policyTask, "soccer");
  EXPECT_FALSE(report.deterministic);
  ASSERT_EQ(report.videos.size(), 1u);
  const auto& ep = report.perEpisode[0];
  const fs::path expected =
      dir / "videos" /
      ("pick-place_seed" + std::to_string(ep.seed) + (ep.success ? "_success" : "_failure") + ".mp4");
  EXPECT_EQ(fs::path(report.videos[0]), expected);
  ASSERT_TRUE(fs::exists(expected));
  EXPECT_GT(fs::file_size(expected), 0u);
  EXPECT_EQ(test::countEntries(dir / "videos"), 1u);  // no temporary files left behind
  // Sampling is seeded by the evaluation seed: a rerun repeats it.
  request.videoDir.clear();
  const auto again = evalPolicy(request, {}, CancelToken{});
  for (std::size_t k = 0; k < 2; ++k) EXPECT_EQ(again.perEpisode[k].steps, report.perEpisode[k].steps);
}

TEST(EvalPolicy, SeedsAreDisjointFromCollectionAndOverlappingDataIsRefused) {
  const fs::path dir = test::freshDir();
  const fs::path policy = test::saveTinyPolicy(dir / "p.pt", {"soccer", 16});
  // Training data collected with the same user seed: collection's stream, disjoint from evaluation's.
  const fs::path training = collectRandom(dir / "train.hdf5", 11, 3);
  EvalPolicyRequest request = shortEval(policy);
  request.episodes = 2;
  request.episodeLength = 2;
  request.excludeData = {training};
  const auto report = evalPolicy(request, {}, CancelToken{});
  std::set<std::uint64_t> trainingSeeds;
  for (const auto& ep : data::Dataset::open({training}).episodes())
    trainingSeeds.insert(static_cast<std::uint64_t>(ep.seed));
  ASSERT_EQ(trainingSeeds.size(), 3u);
  for (const auto& ep : report.perEpisode) EXPECT_EQ(trainingSeeds.count(ep.seed), 0u);

  // A dataset collected on the evaluation stream itself (collection seed mixSeed(domain, 11) makes its
  // episode k use evaluation seed k) is refused before any episode runs, naming the file, demo and seed.
  const fs::path overlapping =
      collectRandom(dir / "overlap.hdf5", mixSeed(kPolicyEvaluationSeedDomain, 11), 2);
  request.excludeData = {training, overlapping};
  int progressCalls = 0;
  expectErrorMentioning(
      [&] {
        evalPolicy(
            request, [&](const ProgressEvent&) { ++progressCalls; }, CancelToken{});
      },
      {overlapping.string(), "demo_0", std::to_string(policyEvaluationSeed(11, 0))});
  EXPECT_EQ(progressCalls, 0);
  request.seed = 12;  // another stream does not collide
  EXPECT_EQ(evalPolicy(request, {}, CancelToken{}).episodes, 2);
}

TEST(EvalPolicy, AuditsARewardClassifierAgainstTheSimulatorOnTheSameEpisodes) {
  const fs::path dir = test::freshDir();
  EvalPolicyRequest request = shortEval(test::saveTinyPolicy(dir / "p.pt", {"soccer", 16}));
  const auto plain = evalPolicy(request, {}, CancelToken{});
  EXPECT_FALSE(plain.rewardScored);
  EXPECT_EQ(plain.perEpisode[0].rewardMaxProbability, -1.0);

  // An untrained classifier's probabilities lie near 0.5: with threshold 0.001 it fires in every episode,
  // with 0.999 in none, and the audit leaves the episodes themselves as they were.
  auto audit = [&](double threshold) {
    request.reward =
        test::saveTinyReward(dir / ("r" + std::to_string(threshold) + ".pt"), "soccer", 16, threshold);
    const auto r = evalPolicy(request, {}, CancelToken{});
    EXPECT_TRUE(r.rewardScored);
    EXPECT_EQ(r.reward.file, request.reward.string());
    EXPECT_DOUBLE_EQ(r.reward.threshold, threshold);
    EXPECT_EQ(r.successes, plain.successes);
    int fired = 0;
    for (std::size_t k = 0; k < r.perEpisode.size(); ++k) {
      const auto& ep = r.perEpisode[k];
      EXPECT_EQ(ep.success, plain.perEpisode[k].success);
      EXPECT_EQ(ep.steps, plain.perEpisode[k].steps);
      EXPECT_GT(ep.rewardMaxProbability, 0.001);
      EXPECT_LT(ep.rewardMaxProbability, 0.999);
      EXPECT_EQ(ep.rewardFired, ep.rewardMaxProbability > threshold);
      fired += ep.rewardFired ? 1 : 0;
    }
    EXPECT_EQ(r.reward.firedInSuccesses + r.reward.firedInFailures, fired);
    return r;
  };
  const auto always = audit(0.001);
  EXPECT_EQ(always.reward.firedInSuccesses, always.successes);
  EXPECT_EQ(always.reward.firedInFailures, always.episodes - always.successes);
  const auto never = audit(0.999);
  EXPECT_EQ(never.reward.firedInSuccesses + never.reward.firedInFailures, 0);
  // Between the lowest and highest episode maxima, the classifier fires in some episodes and not others.
  double low = 1.0, high = 0.0;
  for (const auto& ep : always.perEpisode) {
    low = std::min(low, ep.rewardMaxProbability);
    high = std::max(high, ep.rewardMaxProbability);
  }
  if (high > low) {
    const auto some = audit((low + high) / 2);
    const int fired = some.reward.firedInSuccesses + some.reward.firedInFailures;
    EXPECT_GT(fired, 0);
    EXPECT_LT(fired, some.episodes);
  }

  // Another task's classifier, or one for other frame sizes, is refused before any episode.
  request.reward = test::saveTinyReward(dir / "hammer.pt", "hammer", 16, 0.5);
  expectErrorMentioning([&] { evalPolicy(request, {}, CancelToken{}); }, {"hammer.pt", "'hammer'", "soccer"});
  request.reward = test::saveTinyReward(dir / "big.pt", "soccer", 32, 0.5);
  expectErrorMentioning([&] { evalPolicy(request, {}, CancelToken{}); }, {"big.pt", "32"});
  request.reward = request.checkpoint;  // a policy, not a classifier
  expectErrorMentioning([&] { evalPolicy(request, {}, CancelToken{}); }, {"p.pt"});
}

TEST(EvalPolicy, BadCheckpointsTasksAndCountsAreErrorsNamingThem) {
  const fs::path dir = test::freshDir();
  const fs::path policy = test::saveTinyPolicy(dir / "p.pt", {"soccer", 16});
  EvalPolicyRequest request = shortEval(dir / "missing.pt");
  expectErrorMentioning([&] { evalPolicy(request, {}, CancelToken{}); }, {(dir / "missing.pt").string()});
  request.checkpoint = test::saveTinyWorldModel(dir / "wm.pt");
  expectErrorMentioning([&] { evalPolicy(request, {}, CancelToken{}); },
                        {(dir / "wm.pt").string(), "world model"});
  request.checkpoint = collectRandom(dir / "data.hdf5", 0, 1);
  expectErrorMentioning([&] { evalPolicy(request, {}, CancelToken{}); }, {(dir / "data.hdf5").string()});
  request.checkpoint = policy;
  request.task = "juggling";
  expectErrorMentioning([&] { evalPolicy(request, {}, CancelToken{}); }, {"juggling"});
  request.task.clear();
  request.checkpoint = test::saveTinyPolicy(dir / "anonymous.pt", {"", 16});
  expectErrorMentioning([&] { evalPolicy(request, {}, CancelToken{}); },
                        {(dir / "anonymous.pt").string(), "--task"});
  request.checkpoint = policy;
  request.episodes = 0;
  expectErrorMentioning([&] { evalPolicy(request, {}, CancelToken{}); }, {"--episodes"});
}

TEST(EvalPolicy, CancellingStopsBetweenEpisodesWithAReportOfTheCompletedOnes) {
  const fs::path policy = test::saveTinyPolicy(test::freshDir() / "p.pt", {"soccer", 16});
  EvalPolicyRequest request = shortEval(policy);
  request.episodes = 10;
  CancelToken cancel;
  const auto report = evalPolicy(
      request,
      [&](const ProgressEvent& e) {
        if (e.done == 2) cancel.cancel();
      },
      cancel);
  EXPECT_TRUE(report.cancelled);
  EXPECT_EQ(report.episodes, 2);
  EXPECT_EQ(report.perEpisode.size(), 2u);
  EXPECT_LE(report.ciLow, report.successRate);
  EXPECT_GE(report.ciHigh, report.successRate);
}

TEST(PolicyCollection, PolicyEpisodesAreSampledFromTheCheckpointAndRecordedAsPolicy) {
  const fs::path dir = test::freshDir();
  const fs::path policy = test::saveTinyPolicy(dir / "p.pt", {"soccer", 16, 2});
  auto config = [&](const fs::path& out) {
    collect::CollectConfig c;
    c.task = "soccer";
    c.recipe = collect::parseRecipe("expert:1,policy:2");
    c.out = out;
    c.seed = 4;
    c.imageSize = 16;
    c.episodeLength = 6;
    c.policy =
        std::make_shared<PolicyActor>(std::make_shared<PolicyRunner>(policy, "cpu", ActionMode::Sample));
    return c;
  };
  const auto result = collect::collect(config(dir / "a.hdf5"), {}, CancelToken{});
  EXPECT_EQ(result.bySource.at("policy").episodes, 2);
  collect::collect(config(dir / "b.hdf5"), {}, CancelToken{});
  const auto a = data::Dataset::open({dir / "a.hdf5"});
  const auto b = data::Dataset::open({dir / "b.hdf5"});
  ASSERT_EQ(a.episodes().size(), 3u);
  EXPECT_EQ(a.episodes()[0].source, data::EpisodeSource::Expert);
  for (std::size_t ep = 1; ep < 3; ++ep) {
    EXPECT_EQ(a.episodes()[ep].source, data::EpisodeSource::Policy);
    EXPECT_EQ(static_cast<std::uint64_t>(a.episodes()[ep].seed), mixSeed(4, ep));
    EXPECT_EQ(a.actions(ep), b.actions(ep));  // sampling is seeded by the episode seed
  }
  EXPECT_NE(a.actions(1), a.actions(2));

  // A policy for another image size is refused before the file is written.
  collect::CollectConfig wrongSize = config(dir / "c.hdf5");
  wrongSize.imageSize = 32;
  expectErrorMentioning([&] { collect::collect(wrongSize, {}, CancelToken{}); },
                        {policy.string(), "16x16", "32x32", "--image-size 16"});
  EXPECT_FALSE(fs::exists(dir / "c.hdf5"));
}

}  // namespace w4rl::pipeline

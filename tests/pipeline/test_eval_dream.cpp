// eval-dream: the dream's outcomes against the real replay of the same actions, with tiny untrained models
// in the real MuJoCo soccer task (16 px). The classifier's threshold decides what it calls a success, so
// thresholds chosen around its measured probabilities build cases that agree and cases that disagree for
// a known reason.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <string>

#include "collect/collector.h"
#include "common/error.h"
#include "data/dataset.h"
#include "learning/policy_checkpoint.h"
#include "metrics/psnr.h"
#include "pipeline/jobs/eval_dream_job.h"
#include "pipeline/jobs/eval_policy_job.h"
#include "sim/manipulation_env.h"

#include "policy_test_support.h"
#include "shared_test_support.h"

namespace fs = std::filesystem;

namespace w4rl::pipeline {
namespace {

struct TinyModels {
  fs::path worldModel, policy, dir;
  fs::path reward(double threshold) const {
    return test::saveTinyReward(dir / ("r" + std::to_string(threshold) + ".pt"), "soccer", 16, threshold);
  }
};

TinyModels tinyModels() {
  TinyModels m;
  m.dir = test::freshDir();
  m.worldModel = test::saveTinyWorldModel(m.dir / "wm.pt", 16);
  m.policy = test::saveTinyPolicy(m.dir / "p.pt", {"soccer", 16});
  return m;
}

EvalDreamRequest shortRequest(const TinyModels& m, const fs::path& reward) {
  EvalDreamRequest r;
  r.worldModel = m.worldModel;
  r.reward = reward;
  r.policy = m.policy;
  r.episodes = 3;
  r.horizon = 4;
  r.batch = 2;  // two batches: starts are split and joined again
  r.seed = 3;
  r.samplerSteps = 1;
  r.device = "cpu";
  return r;
}

DreamStartResult outcome(bool imagined, bool real, bool onReal) {
  DreamStartResult r;
  r.imaginedSuccess = imagined;
  r.realSuccess = real;
  r.classifierOnReal = onReal;
  return r;
}

void expectErrorMentioning(const std::function<void()>& f, const std::string& part) {
  try {
    f();
    FAIL() << "expected a w4rl::Error mentioning " << part;
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find(part), std::string::npos) << e.what();
  }
}

}  // namespace

TEST(EvalDream, TallyAttributesEachDisagreement) {
  // 2 both-success, 1 both-failure, a dream-only success the classifier also calls on the real frames
  // (the classifier's error), a dream-only success it does not call there (the world model's), a real
  // success the dream missed while the classifier sees it in the real frames (the world model's).
  const auto t = tallyDreamOutcomes({outcome(true, true, true), outcome(true, true, true),
                                     outcome(false, false, false), outcome(true, false, true),
                                     outcome(true, false, false), outcome(false, true, true)});
  EXPECT_EQ(t.starts, 6);
  EXPECT_EQ(t.bothSuccess, 2);
  EXPECT_EQ(t.dreamOnly, 2);
  EXPECT_EQ(t.realOnly, 1);
  EXPECT_EQ(t.bothFailure, 1);
  EXPECT_EQ(t.classifierErrors, 1);
  EXPECT_EQ(t.worldModelErrors, 2);
  EXPECT_EQ(t.agreement.count, 3);
  EXPECT_DOUBLE_EQ(t.agreement.rate, 0.5);
  EXPECT_DOUBLE_EQ(t.imaginedSuccess.rate, 4.0 / 6.0);
  EXPECT_DOUBLE_EQ(t.realSuccess.rate, 0.5);
  EXPECT_EQ(t.precision.of, 4);
  EXPECT_DOUBLE_EQ(t.precision.rate, 0.5);
  EXPECT_EQ(t.recall.of, 3);
  EXPECT_DOUBLE_EQ(t.recall.rate, 2.0 / 3.0);
  EXPECT_GT(t.agreement.ci.low, 0.0);
  EXPECT_LT(t.agreement.ci.high, 1.0);
  // No imagined success: precision has nothing to count, its interval is the whole range.
  const auto none = tallyDreamOutcomes({outcome(false, false, false)});
  EXPECT_EQ(none.precision.of, 0);
  EXPECT_EQ(none.precision.ci.low, 0.0);
  EXPECT_EQ(none.precision.ci.high, 1.0);
  EXPECT_EQ(none.agreement.rate, 1.0);
}

TEST(EvalDream, AgreesWhereNeitherSucceedsAndBlamesTheClassifierThatAlwaysFires) {
  const auto m = tinyModels();
  // Threshold 0.999: an untrained classifier never fires, and an untrained policy does not score soccer
  // in 4 steps: every start agrees on failure.
  const auto strict = evalDream(shortRequest(m, m.reward(0.999)), nullptr, CancelToken{});
  ASSERT_EQ(strict.perStart.size(), 3u);
  EXPECT_EQ(strict.table.bothFailure, 3);
  EXPECT_DOUBLE_EQ(strict.table.agreement.rate, 1.0);
  EXPECT_EQ(strict.table.worldModelErrors + strict.table.classifierErrors, 0);
  for (int k = 0; k < 3; ++k) {
    const auto& s = strict.perStart[static_cast<std::size_t>(k)];
    EXPECT_EQ(s.seed, policyEvaluationSeed(3, k)) << "the starts are eval-policy's episodes";
    ASSERT_EQ(s.psnr.size(), 4u);
    for (double p : s.psnr) EXPECT_TRUE(p > 0.0 && p <= 100.0) << p;
    EXPECT_GT(s.maxRealProbability, 0.0);
    EXPECT_LT(s.maxRealProbability, 0.999);
    // The per-step probabilities are the ones the maxima and outcomes come from.
    ASSERT_EQ(s.dreamProbability.size(), 4u);
    ASSERT_EQ(s.realProbability.size(), 4u);
    EXPECT_DOUBLE_EQ(*std::max_element(s.realProbability.begin(), s.realProbability.end()),
                     s.maxRealProbability);
    EXPECT_DOUBLE_EQ(*std::max_element(s.dreamProbability.begin(), s.dreamProbability.end()),
                     s.maxDreamProbability);
  }
  EXPECT_EQ(strict.meanPsnrPerStep.size(), 4u);
  EXPECT_EQ(strict.actions, "policy mean");

  // Threshold 0.001: it fires on every frame, dreamt or real, while the real task fails: every start
  // is a dream-only success, and the classifier (wrong on the real frames too) is to blame.
  const auto loose = evalDream(shortRequest(m, m.reward(0.001)), nullptr, CancelToken{});
  EXPECT_EQ(loose.table.dreamOnly, 3);
  EXPECT_EQ(loose.table.classifierErrors, 3);
  EXPECT_EQ(loose.table.worldModelErrors, 0);
  EXPECT_DOUBLE_EQ(loose.table.agreement.rate, 0.0);
  EXPECT_DOUBLE_EQ(loose.table.precision.rate, 0.0);
  EXPECT_EQ(loose.perStart[0].imaginedSuccessStep, 1);
  // The same seeds and models dream and replay the same: PSNR identical start by start.
  for (std::size_t k = 0; k < 3; ++k) EXPECT_EQ(loose.perStart[k].psnr, strict.perStart[k].psnr);
}

TEST(EvalDream, BlamesTheWorldModelWhereTheClassifierIsRightOnTheReplay) {
  const auto m = tinyModels();
  auto request = shortRequest(m, m.reward(0.999));
  request.episodes = 6;
  const auto probe = evalDream(request, nullptr, CancelToken{});
  // A start whose dream reaches a higher probability than its real replay: a threshold between the two
  // makes the classifier fire in the dream and not on the (failed) real frames.
  const auto it =
      std::max_element(probe.perStart.begin(), probe.perStart.end(), [](const auto& a, const auto& b) {
        return a.maxDreamProbability - a.maxRealProbability < b.maxDreamProbability - b.maxRealProbability;
      });
  ASSERT_GT(it->maxDreamProbability, it->maxRealProbability) << "no start dreams above its replay";
  const double threshold = 0.5 * (it->maxDreamProbability + it->maxRealProbability);
  const auto k = static_cast<std::size_t>(it - probe.perStart.begin());
  request.reward = m.reward(threshold);
  const auto judged = evalDream(request, nullptr, CancelToken{});
  const auto& s = judged.perStart[k];
  EXPECT_TRUE(s.imaginedSuccess);
  EXPECT_FALSE(s.realSuccess);
  EXPECT_FALSE(s.classifierOnReal);
  EXPECT_GE(judged.table.worldModelErrors, 1);
  EXPECT_EQ(judged.table.worldModelErrors + judged.table.classifierErrors,
            judged.table.dreamOnly + judged.table.realOnly);
}

TEST(EvalDream, ReplaysTheSameActionsToTheSameRealOutcome) {
  // The ground truth is the simulator: the same actions from the same seed give the same frames.
  sim::EnvConfig c;
  c.task = "soccer";
  c.imageWidth = c.imageHeight = 16;
  c.episodeLength = 6;
  sim::ManipulationEnv a(c), b(c);
  a.reset(42);
  b.reset(42);
  for (int t = 0; t < 6; ++t) {
    const sim::Action act{0.8F, -0.3F * static_cast<float>(t % 2), -0.5F, 1.0F};
    const auto ra = a.step(act);
    const auto rb = b.step(act);
    EXPECT_EQ(ra.success, rb.success);
    EXPECT_EQ(a.observation().image, b.observation().image) << "step " << t;
  }
}

TEST(EvalDream, KeepsTheFramesItJudgedWhenAsked) {
  const auto m = tinyModels();
  auto request = shortRequest(m, m.reward(0.5));
  const auto without = evalDream(request, nullptr, CancelToken{});
  request.keepFrames = true;
  const auto with = evalDream(request, nullptr, CancelToken{});
  ASSERT_EQ(with.perStart.size(), 3u);
  EXPECT_EQ(with.imageSize, 16);
  const std::size_t bytes = 4u * 16u * 16u * 3u;  // horizon 4, 16x16 RGB
  for (std::size_t k = 0; k < 3; ++k) {
    const auto& s = with.perStart[k];
    EXPECT_TRUE(without.perStart[k].dreamFrames.empty());
    ASSERT_EQ(s.dreamFrames.size(), bytes);
    ASSERT_EQ(s.realFrames.size(), bytes);
    // The kept frames are the judged ones: their PSNR is the one reported.
    const std::size_t frame = 16u * 16u * 3u;
    for (std::size_t t = 0; t < 4; ++t) {
      const std::vector<std::uint8_t> real(s.realFrames.begin() + t * frame,
                                           s.realFrames.begin() + (t + 1) * frame);
      const std::vector<std::uint8_t> dream(s.dreamFrames.begin() + t * frame,
                                            s.dreamFrames.begin() + (t + 1) * frame);
      EXPECT_DOUBLE_EQ(metrics::psnrCapped({real.data(), 16, 16}, {dream.data(), 16, 16}), s.psnr[t]);
    }
  }
}

TEST(EvalDream, ActingOnTheRealTaskPlaysThePolicysOwnEpisodeWhateverTheWorldModel) {
  const auto m = tinyModels();
  const auto otherWorldModel = test::saveTinyWorldModel(m.dir / "other_wm.pt", 16);
  auto request = shortRequest(m, m.reward(0.5));
  request.actOn = DreamActOn::Real;
  request.keepFrames = true;
  const auto first = evalDream(request, nullptr, CancelToken{});
  request.worldModel = otherWorldModel;
  const auto second = evalDream(request, nullptr, CancelToken{});
  EXPECT_EQ(first.actOn, DreamActOn::Real);
  EXPECT_EQ(evalDreamJson(first, request)["act_on"], "real");
  ASSERT_EQ(first.perStart.size(), 3u);
  ASSERT_EQ(second.perStart.size(), 3u);

  // The real side is the policy's episode on real frames, as eval-policy plays it: the test plays it
  // here with the policy's mean action on each real frame and finds the very same frames.
  torch::NoGradGuard noGrad;
  auto policy = learning::loadPolicy(m.policy, torch::kCPU).policy;
  policy->eval();
  sim::EnvConfig c;
  c.task = "soccer";
  c.imageWidth = c.imageHeight = 16;
  c.episodeLength = 4;
  c.terminateOnSuccess = false;
  sim::ManipulationEnv env(c);
  const std::size_t frame = 16u * 16u * 3u;
  bool dreamsDiffer = false;
  for (std::size_t k = 0; k < 3; ++k) {
    const auto& a = first.perStart[k];
    const auto& b = second.perStart[k];
    EXPECT_EQ(a.realFrames, b.realFrames) << "start " << k << ": the real episode depends on the world model";
    EXPECT_EQ(a.realSuccess, b.realSuccess);
    EXPECT_EQ(a.realProbability, b.realProbability);
    dreamsDiffer = dreamsDiffer || a.dreamFrames != b.dreamFrames;

    env.reset(policyEvaluationSeed(3, static_cast<int>(k)));
    for (std::size_t t = 0; t < 4; ++t) {
      auto seen = env.observation().image;
      const auto input = torch::from_blob(seen.data(), {1, 1, 16, 16, 3}, torch::kUInt8).clone();
      const auto mean = policy->forward(input).mean.clamp(-1.0, 1.0).contiguous();
      sim::Action action{};
      std::copy_n(mean.data_ptr<float>(), action.size(), action.begin());
      env.step(sim::clampAction(action));
      const std::vector<std::uint8_t> kept(a.realFrames.begin() + t * frame,
                                           a.realFrames.begin() + (t + 1) * frame);
      EXPECT_EQ(kept, env.observation().image) << "start " << k << " step " << t;
    }
  }
  EXPECT_TRUE(dreamsDiffer) << "two world models dreamt the same frames: the test compares nothing";

  expectErrorMentioning([] { dreamActOnString("both"); }, "--act-on must be dream or real");
  EXPECT_EQ(dreamActOnString("real"), DreamActOn::Real);
}

TEST(EvalDream, StartsFromRecordedStatesOfADataset) {
  const auto m = tinyModels();
  collect::CollectConfig c;
  c.task = "soccer";
  c.recipe = collect::parseRecipe("random:2");
  c.out = m.dir / "soccer.hdf5";
  c.seed = 9;
  c.imageSize = 16;
  c.episodeLength = 6;
  collect::collect(c, {}, CancelToken{});

  // A recorded frame is, up to a few pixels, what the simulator renders after restoring that step's
  // state (13 of 768 values differ at 16 px: the state holds positions, not the solver's warm start).
  const auto dataset = data::Dataset::open({c.out});
  sim::EnvConfig envConfig;
  envConfig.task = "soccer";
  envConfig.imageWidth = envConfig.imageHeight = 16;
  sim::ManipulationEnv env(envConfig);
  env.reset(static_cast<std::uint64_t>(dataset.episodes()[0].seed));
  const auto states = dataset.states(0);
  const int dim = dataset.stateDim(0);
  ASSERT_EQ(dim, env.stateDim());
  env.restoreState({states.begin() + 3 * dim, states.begin() + 4 * dim});
  {
    const auto a = env.observation().image;
    const auto b = dataset.frames(0, 3, 1);
    int differ = 0, largest = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
      const int d = std::abs(int(a[i]) - int(b[i]));
      differ += d > 0;
      largest = std::max(largest, d);
    }
    EXPECT_LT(differ, static_cast<int>(a.size() / 20)) << "largest difference " << largest;
  }

  auto request = shortRequest(m, m.reward(0.999));
  request.startFrom = DreamStartFrom::Any;
  request.data = {c.out};
  request.episodes = 4;
  const auto r = evalDream(request, nullptr, CancelToken{});
  ASSERT_EQ(r.perStart.size(), 4u);
  for (const auto& s : r.perStart) {
    EXPECT_NE(s.episode.find("soccer.hdf5 demo_"), std::string::npos) << s.episode;
    EXPECT_GE(s.step, 0);
    EXPECT_LT(s.step, 5);
    EXPECT_TRUE(s.seed == static_cast<std::uint64_t>(dataset.episodes()[0].seed) ||
                s.seed == static_cast<std::uint64_t>(dataset.episodes()[1].seed));
  }
  const auto json = evalDreamJson(r, request);
  EXPECT_EQ(json["start_from"], "any");
  EXPECT_EQ(json["per_start"].size(), 4u);
  EXPECT_EQ(json["per_start"][0]["real_probability"].size(), r.perStart[0].realProbability.size());
  EXPECT_EQ(json["agreement"], r.table.agreement.rate);

  request.task = "hammer";
  request.randomActions = true;
  request.policy.clear();
  request.reward = test::saveTinyReward(m.dir / "hammer_r.pt", "hammer", 16, 0.5);
  expectErrorMentioning([&] { evalDream(request, nullptr, CancelToken{}); }, "no hammer episode");
}

TEST(EvalDream, WritesVideosNamedByOutcomeAndStopsOnCancel) {
  const auto m = tinyModels();
  auto request = shortRequest(m, m.reward(0.001));
  request.videoDir = m.dir / "videos";
  request.videos = 2;
  request.randomActions = true;
  request.policy.clear();
  request.task = "soccer";
  const auto r = evalDream(request, nullptr, CancelToken{});
  EXPECT_EQ(r.actions, "uniform random");
  ASSERT_EQ(r.videos.size(), 2u);
  for (const auto& v : r.videos) {
    EXPECT_TRUE(fs::exists(v)) << v;
    EXPECT_NE(v.find("_dream-success_real-failure.mp4"), std::string::npos) << v;
  }
  CancelToken cancel;
  cancel.cancel();
  const auto stopped = evalDream(request, nullptr, cancel);
  EXPECT_TRUE(stopped.cancelled);
  EXPECT_TRUE(stopped.perStart.empty());
}

TEST(EvalDream, CountsTheDreamsOfTheSameActionsThatShowSuccess) {
  const auto m = tinyModels();
  auto request = shortRequest(m, m.reward(0.5));
  const auto one = evalDream(request, nullptr, CancelToken{});
  request.dreams = 3;
  const auto all = evalDream(request, nullptr, CancelToken{});
  request.consensus = 1;
  const auto any = evalDream(request, nullptr, CancelToken{});
  EXPECT_EQ(all.dreams, 3);
  EXPECT_EQ(all.consensus, 3) << "0 asks for every dream";
  EXPECT_EQ(any.consensus, 1);
  ASSERT_EQ(all.perStart.size(), 3u);
  for (std::size_t k = 0; k < 3; ++k) {
    const auto& a = all.perStart[k];
    // The closed-loop dream is the one a single dream makes: the extra dreams come after it.
    EXPECT_EQ(a.psnr, one.perStart[k].psnr);
    EXPECT_EQ(a.dreamProbability, one.perStart[k].dreamProbability);
    EXPECT_EQ(one.perStart[k].dreamSuccesses, one.perStart[k].imaginedSuccess ? 1 : 0);
    EXPECT_GE(a.dreamSuccesses, one.perStart[k].dreamSuccesses);
    EXPECT_LE(a.dreamSuccesses, 3);
    EXPECT_EQ(any.perStart[k].dreamSuccesses, a.dreamSuccesses) << "the same seeds dream the same";
    EXPECT_EQ(a.imaginedSuccess, a.dreamSuccesses == 3);
    EXPECT_EQ(any.perStart[k].imaginedSuccess, a.dreamSuccesses >= 1);
  }
  // A classifier that fires on every frame finds success in every dream, one that never fires in none.
  request.consensus = 0;
  request.reward = m.reward(0.001);
  for (const auto& s : evalDream(request, nullptr, CancelToken{}).perStart) EXPECT_EQ(s.dreamSuccesses, 3);
  request.reward = m.reward(0.999);
  for (const auto& s : evalDream(request, nullptr, CancelToken{}).perStart) EXPECT_EQ(s.dreamSuccesses, 0);
  const auto json = evalDreamJson(all, request);
  EXPECT_EQ(json.at("dreams"), 3);
  EXPECT_EQ(json.at("per_start").at(0).at("dream_successes"), all.perStart[0].dreamSuccesses);
}

TEST(EvalDream, CountsTheDreamsOfAnEnsembleOfWorldModels) {
  const auto m = tinyModels();
  auto request = shortRequest(m, m.reward(0.5));
  const auto one = evalDream(request, nullptr, CancelToken{});
  // The same model a second time, as an ensemble member: two dreams per start, the first the closed-loop one.
  request.ensemble = {m.worldModel};
  request.consensus = 1;
  const auto pair = evalDream(request, nullptr, CancelToken{});
  EXPECT_EQ(pair.dreams, 2);
  ASSERT_EQ(pair.perStart.size(), one.perStart.size());
  for (std::size_t k = 0; k < pair.perStart.size(); ++k) {
    EXPECT_EQ(pair.perStart[k].dreamProbability, one.perStart[k].dreamProbability);
    EXPECT_GE(pair.perStart[k].dreamSuccesses, one.perStart[k].dreamSuccesses);
    EXPECT_LE(pair.perStart[k].dreamSuccesses, 2);
    EXPECT_EQ(pair.perStart[k].imaginedSuccess, pair.perStart[k].dreamSuccesses >= 1);
  }
  request.reward = m.reward(0.001);
  request.consensus = 0;
  for (const auto& s : evalDream(request, nullptr, CancelToken{}).perStart) EXPECT_EQ(s.dreamSuccesses, 2);
  const auto json = evalDreamJson(pair, request);
  ASSERT_EQ(json.at("ensemble").size(), 1u);
  EXPECT_EQ(json.at("ensemble").at(0), m.worldModel.string());
  // A member that dreams other frames is refused, naming the file.
  request.ensemble = {test::saveTinyWorldModel(m.dir / "wm32.pt", 32)};
  expectErrorMentioning([&] { evalDream(request, nullptr, CancelToken{}); }, "wm32.pt dreams 32 px");
  request.ensemble.assign(9, m.worldModel);
  expectErrorMentioning([&] { evalDream(request, nullptr, CancelToken{}); }, "at most 8");
}

TEST(EvalDream, RefusesBadInputNamingIt) {
  const auto m = tinyModels();
  const auto reward = m.reward(0.5);
  auto base = shortRequest(m, reward);
  auto r = base;
  r.policy.clear();
  expectErrorMentioning([&] { evalDream(r, nullptr, CancelToken{}); }, "--policy P or --random");
  r = base;
  r.randomActions = true;
  expectErrorMentioning([&] { evalDream(r, nullptr, CancelToken{}); }, "not both");
  r = base;
  r.horizon = 0;
  expectErrorMentioning([&] { evalDream(r, nullptr, CancelToken{}); }, "--horizon");
  r = base;
  r.dreams = 0;
  expectErrorMentioning([&] { evalDream(r, nullptr, CancelToken{}); }, "--dreams");
  r = base;
  r.dreams = 2;
  r.consensus = 3;
  expectErrorMentioning([&] { evalDream(r, nullptr, CancelToken{}); }, "--consensus");
  r = base;
  r.startFrom = DreamStartFrom::Any;
  expectErrorMentioning([&] { evalDream(r, nullptr, CancelToken{}); }, "--data");
  r = base;
  r.policy = test::saveTinyPolicy(m.dir / "p64.pt", {"soccer", 64});
  expectErrorMentioning([&] { evalDream(r, nullptr, CancelToken{}); }, "p64.pt sees 64 px");
  r = base;
  r.reward = test::saveTinyReward(m.dir / "hammer.pt", "hammer", 16, 0.5);
  expectErrorMentioning([&] { evalDream(r, nullptr, CancelToken{}); },
                        "hammer.pt is the success classifier of 'hammer'");
  r = base;
  r.worldModel = m.policy;
  expectErrorMentioning([&] { evalDream(r, nullptr, CancelToken{}); }, m.policy.string());
  r = base;
  r.randomActions = true;
  r.policy.clear();
  r.task = "";
  r.reward = test::saveTinyReward(m.dir / "any.pt", "", 16, 0.5);
  expectErrorMentioning([&] { evalDream(r, nullptr, CancelToken{}); }, "--task");
  EXPECT_THROW(dreamStartFromString("middle"), Error);
}

}  // namespace w4rl::pipeline

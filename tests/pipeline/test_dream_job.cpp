// `world4rl dream` on a small labelled dataset and a tiny world model trained on it: the dream file keeps
// every recorded fact of its source episodes one step on, replaces their images with the model's, and
// trains a success classifier together with the real data.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "common/error.h"
#include "common/rng.h"
#include "data/dataset.h"
#include "data/dataset_writer.h"
#include "pipeline/jobs/dream_job.h"
#include "pipeline/jobs/train_reward_job.h"
#include "pipeline/jobs/train_world_model_job.h"

#include "shared_test_support.h"

namespace fs = std::filesystem;

namespace w4rl::pipeline {
namespace {

constexpr int kEpisodes = 20, kSteps = 10, kSide = 16;

// Even episodes succeed from step 6 on (a bright square at the top), odd ones never do. Episode e has
// e % 3 + kSteps - 2 steps, so lengths differ. The state and obs/step record (episode, step) and step.
fs::path makeLabelledDataset(const fs::path& dir) {
  const fs::path file = dir / "labelled.hdf5";
  data::DatasetWriter writer(file, nlohmann::json::object());
  Rng rng(3);
  for (int e = 0; e < kEpisodes; ++e) {
    data::Episode ep;
    ep.task = "squares";
    ep.source = e % 2 ? data::EpisodeSource::Random : data::EpisodeSource::Expert;
    ep.seed = static_cast<std::uint64_t>(100 + e);
    ep.actionDim = 2;
    ep.stateDim = 2;
    ep.imageHeight = ep.imageWidth = kSide;
    ep.lowDim["step"].dim = 1;
    const int steps = kSteps - 2 + e % 3;
    for (int t = 0; t < steps; ++t) {
      const bool lifted = e % 2 == 0 && t >= 6;
      for (int r = 0; r < kSide; ++r)
        for (int c = 0; c < kSide; ++c)
          for (int ch = 0; ch < 3; ++ch)
            ep.images.push_back((lifted ? r < 4 : r >= 12) && c >= 6 && c < 10 ? 230 : 40);
      ep.actions.push_back(static_cast<float>(rng.uniform(-1, 1)));
      ep.actions.push_back(lifted ? 1.0f : -1.0f);
      ep.rewards.push_back(e % 2 == 0 && t >= 5 ? 1.0f : 0.0f);  // reward t: the frame after action t
      ep.dones.push_back(t == steps - 1);
      ep.states.push_back(e);
      ep.states.push_back(t);
      ep.lowDim["step"].values.push_back(t);
    }
    ep.success = e % 2 == 0;
    writer.append(ep);
  }
  writer.commit();
  return file;
}

fs::path trainTinyWorldModel(const fs::path& dir, const fs::path& data) {
  TrainWorldModelRequest req;
  req.data = {data};
  req.runDir = dir / "wm";
  req.preset = "cpu";
  req.overrides = {"channels=[8,16]", "cond_dim=16",        "steps=4",        "batch_size=4",
                   "valid_every=4",   "checkpoint_every=4", "warmup_steps=1", "device=cpu"};
  trainWorldModel(req, {}, CancelToken{});
  return req.runDir / "last.pt";
}

DreamRequest dreamRequest(const fs::path& model, const fs::path& data, const fs::path& out) {
  DreamRequest r;
  r.worldModel = model;
  r.data = {data};
  r.out = out;
  r.segment = 4;
  r.batch = 5;  // smaller than one chunk's segments: sub-batches inside a chunk
  r.samplerSteps = 2;
  r.device = "cpu";
  return r;
}

}  // namespace

TEST(Dream, WritesTheTrainEpisodesOneStepOnWithDreamedImages) {
  const fs::path dir = w4rl::test::freshDir();
  const fs::path data = makeLabelledDataset(dir);
  const fs::path model = trainTinyWorldModel(dir, data);
  int progressCalls = 0;
  const auto report = dreamEpisodes(
      dreamRequest(model, data, dir / "dreams.hdf5"), [&](const ProgressEvent&) { ++progressCalls; },
      CancelToken{});
  EXPECT_GT(progressCalls, 1);

  const auto real = data::Dataset::open({data});
  const auto dreams = data::Dataset::open({dir / "dreams.hdf5"});
  const auto& train = real.trainEpisodes();  // demo_9 and demo_19 are held out
  ASSERT_EQ(train.size(), 18u);
  ASSERT_EQ(dreams.size(), train.size());
  EXPECT_EQ(report.episodes, 18);
  EXPECT_EQ(report.split, "train");
  std::int64_t frames = 0, successSteps = 0;
  for (std::size_t i = 0; i < dreams.size(); ++i) {
    const auto& d = dreams.episodes()[i];
    const std::size_t src = train[i];
    const auto& s = real.episodes()[src];
    SCOPED_TRACE(s.demo);
    EXPECT_EQ(d.source, data::EpisodeSource::Dream);
    EXPECT_EQ(d.task, "squares");
    EXPECT_EQ(d.seed, s.seed);
    EXPECT_EQ(d.success, s.success);
    ASSERT_EQ(d.numSamples, s.numSamples - 1);
    frames += d.numSamples;
    const auto ra = real.actions(src), da = dreams.actions(i);
    EXPECT_EQ(std::vector<float>(ra.begin() + 2, ra.end()), da);
    const auto rr = real.rewards(src), dr = dreams.rewards(i);
    EXPECT_EQ(std::vector<float>(rr.begin() + 1, rr.end()), dr);
    for (float r : dr) successSteps += r > 0;
    const auto rs = real.states(src), ds = dreams.states(i);
    EXPECT_EQ(std::vector<double>(rs.begin() + 2, rs.end()), ds);
    EXPECT_EQ(dreams.lowDim(i, "step").front(), 1.0);
    EXPECT_EQ(dreams.dones(i).back(), 1);
    // The images are the model's, not copies of the real frames one step on.
    EXPECT_NE(dreams.frames(i, 0, d.numSamples), real.frames(src, 1, s.numSamples - 1));
  }
  EXPECT_EQ(report.frames, frames);
  EXPECT_EQ(report.successFrames, successSteps);
  EXPECT_GT(report.meanPsnr, 0.0);
  EXPECT_GT(report.framesPerSecond, 0.0);

  // The same request and seed dream the same frames: a dream file can be remade exactly.
  dreamEpisodes(dreamRequest(model, data, dir / "again.hdf5"), {}, CancelToken{});
  const auto again = data::Dataset::open({dir / "again.hdf5"});
  for (std::size_t i = 0; i < dreams.size(); ++i)
    EXPECT_EQ(again.frames(i, 0, again.episodes()[i].numSamples),
              dreams.frames(i, 0, dreams.episodes()[i].numSamples));

  // Held-out episodes on request, and a cap on their number.
  auto valid = dreamRequest(model, data, dir / "valid.hdf5");
  valid.split = "valid";
  EXPECT_EQ(dreamEpisodes(valid, {}, CancelToken{}).episodes, 2);
  auto capped = dreamRequest(model, data, dir / "capped.hdf5");
  capped.split = "all";
  capped.maxEpisodes = 7;
  EXPECT_EQ(dreamEpisodes(capped, {}, CancelToken{}).episodes, 7);
}

TEST(Dream, ASuccessClassifierTrainsOnRealAndDreamedFramesTogether) {
  const fs::path dir = w4rl::test::freshDir();
  const fs::path data = makeLabelledDataset(dir);
  const fs::path model = trainTinyWorldModel(dir, data);
  dreamEpisodes(dreamRequest(model, data, dir / "dreams.hdf5"), {}, CancelToken{});
  auto reward = [&](const std::vector<fs::path>& files, const std::string& name) {
    TrainRewardRequest req;
    req.data = files;
    req.task = "squares";
    req.runDir = dir / name;
    req.training = resolveRewardTraining({}, {"steps=2", "batch_size=8", "device=cpu", "valid_every=2",
                                              "image_size=16", "channels=[4,8]", "hidden=8"});
    return trainReward(req, {}, CancelToken{});
  };
  const auto realOnly = reward({data}, "real");
  const auto both = reward({data, dir / "dreams.hdf5"}, "both");
  // Every dreamed training frame adds one training example with its source frame's label; the dream
  // file's held-out demos join the held-out frames that calibrate the threshold.
  const auto real = data::Dataset::open({data});
  const auto dreams = data::Dataset::open({dir / "dreams.hdf5"});
  auto count = [](const data::Dataset& d, const std::vector<std::size_t>& split, bool positive) {
    std::int64_t n = 0;
    for (std::size_t i : split) {
      const auto r = d.rewards(i);
      // Frame t's label is reward t-1; the first frame's is 0.
      n += positive ? std::count_if(r.begin(), r.end() - 1, [](float x) { return x > 0; })
                    : static_cast<std::int64_t>(r.size());
    }
    return n;
  };
  const std::int64_t dreamPositives = count(dreams, dreams.trainEpisodes(), true);
  EXPECT_GT(dreamPositives, 0);
  EXPECT_EQ(both.trainPositives - realOnly.trainPositives, dreamPositives);
  EXPECT_EQ(both.trainPositives + both.trainNegatives - realOnly.trainPositives - realOnly.trainNegatives,
            count(dreams, dreams.trainEpisodes(), false));
  EXPECT_EQ(both.validPositives + both.validNegatives,
            count(real, real.validEpisodes(), false) + count(dreams, dreams.validEpisodes(), false));
  EXPECT_GT(both.validPositives, 0);  // only the dreams hold held-out successes here
  EXPECT_GE(both.validAuc, 0.0);
}

TEST(Dream, BadRequestsAreRefusedAndACancelledDreamLeavesNoFile) {
  const fs::path dir = w4rl::test::freshDir();
  const fs::path data = makeLabelledDataset(dir);
  const fs::path model = trainTinyWorldModel(dir, data);
  auto message = [](const DreamRequest& r) {
    try {
      dreamEpisodes(r, {}, CancelToken{});
    } catch (const Error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  // An existing file is never overwritten or appended to.
  auto r = dreamRequest(model, data, data);
  const auto before = fs::file_size(data);
  EXPECT_NE(message(r).find("already exists"), std::string::npos) << message(r);
  EXPECT_EQ(fs::file_size(data), before);
  r.out = dir / "out.hdf5";
  r.split = "test";
  EXPECT_NE(message(r).find("--split"), std::string::npos);
  r.split = "train";
  r.task = "pick-place";
  EXPECT_NE(message(r).find("pick-place"), std::string::npos) << message(r);
  r.task.clear();
  r.segment = 0;
  EXPECT_NE(message(r).find("--segment"), std::string::npos);
  r.segment = 4;
  r.worldModel = data;  // an HDF5 file is not a checkpoint
  EXPECT_NE(message(r).find(data.string()), std::string::npos) << message(r);
  EXPECT_FALSE(fs::exists(r.out));

  r.worldModel = model;
  const std::size_t entries = w4rl::test::countEntries(dir);
  CancelToken cancel;
  cancel.cancel();
  EXPECT_THROW(dreamEpisodes(r, {}, cancel), Cancelled);
  EXPECT_FALSE(fs::exists(r.out));
  EXPECT_EQ(w4rl::test::countEntries(dir), entries);  // no temporary copy left behind
}

#ifdef W4RL_CLI_BINARY
TEST(Dream, TheCommandLineWritesTheFileAndRefusesBadInputInOneLine) {
  const fs::path dir = w4rl::test::freshDir();
  const fs::path data = makeLabelledDataset(dir);
  const fs::path model = trainTinyWorldModel(dir, data);
  const std::string common = "dream --world-model " + model.string() + " --data " + data.string() +
                             " --segment 4 --sampler-steps 2 --device cpu --out ";
  const auto ok = w4rl::test::runProgram(W4RL_CLI_BINARY, common + (dir / "d.hdf5").string() + " --json");
  ASSERT_EQ(ok.exitCode, 0) << ok.err;
  const auto j = nlohmann::json::parse(ok.out);
  EXPECT_EQ(j["episodes"], 18);
  EXPECT_EQ(j["split"], "train");
  EXPECT_EQ(data::Dataset::open({dir / "d.hdf5"}).size(), 18u);

  for (const auto& [args, needle] : std::vector<std::pair<std::string, std::string>>{
           {(dir / "d.hdf5").string(), "already exists"},
           {(dir / "e.hdf5").string() + " --split test", "--split"},
           {(dir / "e.hdf5").string() + " --task lift", "lift"}}) {
    const auto bad = w4rl::test::runProgram(W4RL_CLI_BINARY, common + args);
    EXPECT_NE(bad.exitCode, 0) << args;
    EXPECT_NE(bad.err.find(needle), std::string::npos) << bad.err;
    EXPECT_EQ(std::count(bad.err.begin(), bad.err.end(), '\n'), 1) << bad.err;
  }
  EXPECT_FALSE(fs::exists(dir / "e.hdf5"));
}
#endif

}  // namespace w4rl::pipeline

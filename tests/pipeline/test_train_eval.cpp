// The world-model jobs end to end on a small synthetic dataset: a bright square that the actions move.
#include <gtest/gtest.h>
#include <torch/torch.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>

#include "common/error.h"
#include "common/rng.h"
#include "data/dataset_writer.h"
#include "learning/checkpoint.h"
#include "pipeline/jobs/eval_world_model_job.h"
#include "pipeline/jobs/run_record.h"
#include "pipeline/jobs/train_world_model_job.h"

#include "shared_test_support.h"

namespace fs = std::filesystem;

namespace w4rl::pipeline {
namespace {

// 20 episodes of 12 steps, 16x16 (demo_9 and demo_19 held out): a 4x4 square whose position follows the first
// two action dimensions.
fs::path makeSquareDataset(const fs::path& dir, int actionDim = 4) {
  const fs::path file = dir / "squares.hdf5";
  data::DatasetWriter writer(file, nlohmann::json{{"env_name", "squares"}});
  Rng rng(1);
  for (int e = 0; e < 20; ++e) {
    data::Episode ep;
    ep.task = "squares";
    ep.source = data::EpisodeSource::Random;
    ep.actionDim = actionDim;
    ep.imageHeight = ep.imageWidth = 16;
    double x = 6, y = 6;
    for (int t = 0; t < 12; ++t) {
      for (int r = 0; r < 16; ++r)
        for (int c = 0; c < 16; ++c)
          for (int ch = 0; ch < 3; ++ch) {
            const bool in = r >= static_cast<int>(y) && r < static_cast<int>(y) + 4 &&
                            c >= static_cast<int>(x) && c < static_cast<int>(x) + 4;
            ep.images.push_back(in ? 230 : static_cast<std::uint8_t>(30 + 10 * ch));
          }
      for (int d = 0; d < actionDim; ++d) ep.actions.push_back(static_cast<float>(rng.uniform(-1, 1)));
      x = std::clamp(x + 2 * ep.actions[ep.actions.size() - static_cast<std::size_t>(actionDim)], 0.0, 12.0);
      y = std::clamp(y + 2 * ep.actions[ep.actions.size() - static_cast<std::size_t>(actionDim) + 1], 0.0,
                     12.0);
      ep.rewards.push_back(0);
      ep.dones.push_back(t == 11 ? 1 : 0);
    }
    writer.append(ep);
  }
  writer.commit();
  return file;
}

std::vector<std::string> tinyOverrides(int steps) {
  return {"channels=[8,16]", "cond_dim=16",         "steps=" + std::to_string(steps),
          "batch_size=8",    "log_every=5",         "valid_every=10",
          "valid_batches=2", "checkpoint_every=10", "warmup_steps=5",
          "lr=0.002",        "device=cpu"};
}

// A tiny training run on `data` into dir/run.
TrainWorldModelRequest tinyRun(const fs::path& dir, const fs::path& data, int steps) {
  TrainWorldModelRequest req;
  req.data = {data};
  req.runDir = dir / "run";
  req.preset = "cpu";
  req.overrides = tinyOverrides(steps);
  return req;
}

int countLines(const fs::path& file, const std::string& needle) {
  std::ifstream in(file);
  int n = 0;
  for (std::string line; std::getline(in, line);) n += line.find(needle) != std::string::npos;
  return n;
}

}  // namespace

TEST(WorldModelJobs, TrainResumeAndEvaluate) {
  const fs::path dir = w4rl::test::freshDir();
  const fs::path data = makeSquareDataset(dir);
  TrainWorldModelRequest req = tinyRun(dir, data, 20);
  int progressCalls = 0;
  const auto r = trainWorldModel(
      req, [&](const ProgressEvent&) { ++progressCalls; }, CancelToken{});
  EXPECT_EQ(r.steps, 20);
  EXPECT_EQ(progressCalls, 20);
  EXPECT_EQ(r.tasks, std::vector<std::string>{"squares"});
  EXPECT_EQ(r.trainTransitions, 18 * 11);
  EXPECT_EQ(r.validTransitions, 2 * 11);
  EXPECT_GT(r.bestValidLoss, 0);
  for (const char* f : {"last.pt", "best.pt", "metrics.jsonl", "config.yaml"})
    EXPECT_TRUE(fs::exists(req.runDir / f)) << f;
  EXPECT_EQ(countLines(req.runDir / "metrics.jsonl", "\"train/loss\""), 4);
  EXPECT_EQ(countLines(req.runDir / "metrics.jsonl", "\"valid/loss\""), 2);
  EXPECT_EQ(countLines(req.runDir / "config.yaml", "image_size: 16"), 1);

  // A second run into the same directory is refused; --resume continues to the new step count.
  EXPECT_THROW(trainWorldModel(req, {}, CancelToken{}), Error);
  req.resume = true;
  req.overrides = tinyOverrides(30);
  const auto resumed = trainWorldModel(req, {}, CancelToken{});
  EXPECT_EQ(resumed.steps, 30);
  EXPECT_EQ(countLines(req.runDir / "metrics.jsonl", "\"train/loss\""), 6);
}

TEST(WorldModelJobs, InitFromStartsAFreshRunFromAnotherModelsWeights) {
  const fs::path dir = w4rl::test::freshDir();
  const fs::path data = makeSquareDataset(dir);
  const TrainWorldModelRequest first = tinyRun(dir, data, 20);
  trainWorldModel(first, {}, CancelToken{});

  // A learning rate too small to move the weights: the new run ends where the first one's weights were,
  // at its own step count, with a fresh optimiser.
  TrainWorldModelRequest next = tinyRun(dir / "next", data, 10);
  fs::create_directories(dir / "next");
  next.initFrom = first.runDir / "last.pt";
  next.overrides.push_back("lr=1e-12");
  next.overrides.push_back("channels=[4,8]");  // ignored: the checkpoint's config is the run's
  const auto r = trainWorldModel(next, {}, CancelToken{});
  EXPECT_EQ(r.steps, 10);
  EXPECT_EQ(countLines(next.runDir / "config.yaml", "# initialised from " + first.runDir.string()), 1);
  EXPECT_EQ(countLines(next.runDir / "config.yaml", "channels: [8, 16]"), 1);
  const auto record = readRunRecord(next.runDir, "world_model");
  EXPECT_EQ(record["init_from"], (first.runDir / "last.pt").string());
  EXPECT_EQ(record["data"], nlohmann::json::array({data.string()}));
  EXPECT_THROW(readRunRecord(next.runDir, "refinement"), Error);
  const auto a = learning::loadWorldModel(first.runDir / "last.pt", torch::kCPU).model;
  const auto b = learning::loadWorldModel(next.runDir / "last.pt", torch::kCPU).model;
  EXPECT_EQ(learning::readCheckpointInfo(next.runDir / "last.pt").step, 10);
  const auto pa = a->parameters(), pb = b->parameters();
  ASSERT_EQ(pa.size(), pb.size());
  double largest = 0;
  for (std::size_t i = 0; i < pa.size(); ++i)
    largest = std::max(largest, (pa[i] - pb[i]).abs().max().item<double>());
  EXPECT_LT(largest, 1e-6);

  // Refused: both --init-from and --resume; a checkpoint of another kind; data of another action size.
  TrainWorldModelRequest both = next;
  both.resume = true;
  EXPECT_THROW(trainWorldModel(both, {}, CancelToken{}), Error);
  fs::create_directories(dir / "other");
  TrainWorldModelRequest wrongData = tinyRun(dir / "other", makeSquareDataset(dir / "other", 3), 2);
  wrongData.initFrom = first.runDir / "last.pt";
  try {
    trainWorldModel(wrongData, {}, CancelToken{});
    FAIL() << "expected an action-dimension error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("dimension"), std::string::npos) << e.what();
  }
}

TEST(WorldModelJobs, EvaluationOnHeldOutEpisodesWithBaselinesAndVideos) {
  const fs::path dir = w4rl::test::freshDir();
  const fs::path data = makeSquareDataset(dir);
  const TrainWorldModelRequest req = tinyRun(dir, data, 5);
  trainWorldModel(req, {}, CancelToken{});
  EvalWorldModelRequest eval;
  eval.checkpoint = req.runDir / "last.pt";
  eval.data = {data};
  eval.episodes = 4;
  eval.horizon = 3;
  eval.device = "cpu";
  eval.videoDir = dir / "videos";
  eval.videos = 2;
  const auto report = evalWorldModel(eval, {}, CancelToken{});
  EXPECT_EQ(report.split, "valid");
  EXPECT_EQ(report.episodes, 2);
  EXPECT_EQ(report.horizon, 3);
  for (const auto& row : report.perStep) {
    EXPECT_GT(row.psnr, 0);
    EXPECT_LE(row.ssim, 1.0);
    EXPECT_GT(row.copyPsnr, 0);
  }
  EXPECT_GT(report.imaginedFramesPerSecond, 0);
  ASSERT_EQ(report.videos.size(), 2u);
  for (const auto& v : report.videos) EXPECT_GT(fs::file_size(v), 0u);
}

TEST(WorldModelJobs, MismatchedDataIsRefused) {
  const fs::path dir = w4rl::test::freshDir();
  const fs::path data = makeSquareDataset(dir);
  const TrainWorldModelRequest req = tinyRun(dir, data, 2);
  trainWorldModel(req, {}, CancelToken{});
  fs::create_directories(dir / "other");
  const fs::path other = makeSquareDataset(dir / "other", 3);
  EvalWorldModelRequest eval;
  eval.checkpoint = req.runDir / "last.pt";
  eval.data = {other};
  eval.device = "cpu";
  try {
    evalWorldModel(eval, {}, CancelToken{});
    FAIL() << "expected an action-dimension error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("dimension"), std::string::npos) << e.what();
  }
  // Frames of another size: refused unless resizing is asked for.
  const fs::path big = dir / "big";
  fs::create_directories(big);
  {
    data::DatasetWriter writer(big / "big.hdf5", nlohmann::json::object());
    data::Episode ep;
    ep.task = "squares";
    ep.actionDim = 4;
    ep.imageHeight = ep.imageWidth = 32;
    for (int t = 0; t < 12; ++t) {
      ep.images.insert(ep.images.end(), 32 * 32 * 3, static_cast<std::uint8_t>(t * 10));
      ep.actions.insert(ep.actions.end(), 4, 0.0f);
      ep.rewards.push_back(0);
      ep.dones.push_back(t == 11);
    }
    writer.append(ep);
    writer.append(ep);
    writer.commit();
  }
  eval.data = {big / "big.hdf5"};
  try {
    evalWorldModel(eval, {}, CancelToken{});
    FAIL() << "expected an image-size error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("32x32"), std::string::npos) << e.what();
  }
  eval.resize = true;
  eval.horizon = 2;
  EXPECT_EQ(evalWorldModel(eval, {}, CancelToken{}).episodes, 2);
  eval.data = {data};
  eval.checkpoint = data;  // an HDF5 file is not a checkpoint
  EXPECT_THROW(evalWorldModel(eval, {}, CancelToken{}), Error);
}

}  // namespace w4rl::pipeline

// The world model's moving average of weights (ema_decay): the arithmetic, and what the trainer does with it.
#include <gtest/gtest.h>
#include <torch/torch.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "brightness_world.h"
#include "common/error.h"
#include "learning/checkpoint.h"
#include "learning/imagination.h"
#include "learning/weight_average.h"
#include "learning/world_model_trainer.h"
#include "shared_test_support.h"

namespace w4rl::learning {
namespace {

using namespace test;

// The largest absolute difference between same-named parameters of two models.
double largestDifference(const torch::nn::Module& a, const torch::nn::Module& b) {
  double most = 0;
  const auto pb = b.named_parameters();
  for (const auto& item : a.named_parameters())
    most = std::max(most, (item.value() - pb[item.key()]).abs().max().item<double>());
  return most;
}

std::string fileText(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(WeightAverage, TheDecayRisesFromTheFirstStepsToItsSetting) {
  EXPECT_DOUBLE_EQ(averageDecay(0.999, 1), 2.0 / 11.0);
  EXPECT_DOUBLE_EQ(averageDecay(0.999, 90), 91.0 / 100.0);
  EXPECT_DOUBLE_EQ(averageDecay(0.999, 100000), 0.999);
  EXPECT_DOUBLE_EQ(averageDecay(0.5, 100), 0.5);
}

TEST(WeightAverage, EachParameterMovesTowardTheModelAndBuffersAreCopied) {
  torch::nn::Linear model(3, 2), average(3, 2);
  torch::nn::BatchNorm1d normModel(2), normAverage(2);
  {
    torch::NoGradGuard noGrad;
    model->weight.fill_(1.0);
    model->bias.fill_(-2.0);
    average->weight.fill_(3.0);
    average->bias.fill_(0.0);
    normModel->running_mean.fill_(5.0);
  }
  updateAverage(*average, *model, 0.75);
  EXPECT_TRUE(torch::allclose(average->weight, torch::full({2, 3}, 0.75 * 3 + 0.25 * 1)));
  EXPECT_TRUE(torch::allclose(average->bias, torch::full({2}, 0.25 * -2)));
  EXPECT_TRUE(model->weight.requires_grad());
  updateAverage(*normAverage, *normModel, 0.75);
  EXPECT_TRUE(torch::equal(normAverage->running_mean, normModel->running_mean));
  copyWeights(*average, *model);
  EXPECT_TRUE(torch::equal(average->weight, model->weight));
  EXPECT_TRUE(torch::equal(average->bias, model->bias));
}

TEST(WeightAverage, ModelsOfAnotherStructureAreRefused) {
  torch::nn::Linear a(3, 2), b(3, 4);
  try {
    updateAverage(*a, *b, 0.5);
    FAIL() << "a 2x3 layer was averaged with a 4x3 one";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("weight"), std::string::npos) << e.what();
  }
}

// Brightness transitions whose source also offers validation batches (drawn the same way).
class ValidatedTransitions : public BrightnessTransitions {
 public:
  std::int64_t validTransitions() const override { return 1 << 10; }
};

TrainSettings averagedTraining(std::int64_t steps) {
  TrainSettings s = brightnessModelTraining();
  s.steps = steps;
  s.set("ema_decay", "0.99");
  s.validEvery = 100;
  s.validBatches = 2;
  s.checkpointEvery = 100;
  return s;
}

TEST(WeightAverage, TheTrainerAveragesWithoutChangingTheTrainingAndBestHoldsTheAverage) {
  const auto dir = w4rl::test::freshDir();
  ValidatedTransitions data;
  const auto r = WorldModelTrainer(brightnessModel(), averagedTraining(400), dir / "ema")
                     .run(data, false, nullptr, CancelToken());
  EXPECT_EQ(r.step, 400);
  TrainSettings plain = averagedTraining(400);
  plain.emaDecay = 0;
  WorldModelTrainer(brightnessModel(), plain, dir / "plain").run(data, false, nullptr, CancelToken());
  EXPECT_FALSE(std::filesystem::exists(dir / "plain" / "ema.pt"));

  // The trained weights are those of the run without the average.
  auto trained = loadWorldModel(dir / "ema" / "last.pt", torch::kCPU).model;
  auto unaveraged = loadWorldModel(dir / "plain" / "last.pt", torch::kCPU).model;
  EXPECT_LT(largestDifference(*trained, *unaveraged), 1e-5);
  // The average is not the last step's weights, and best.pt holds an average (the last one here, or
  // an earlier one with a lower validation loss), with the validation loss it was chosen by.
  auto average = loadWorldModel(dir / "ema" / "ema.pt", torch::kCPU).model;
  EXPECT_GT(largestDifference(*average, *trained), 1e-4);
  const auto best = loadWorldModel(dir / "ema" / "best.pt", torch::kCPU);
  EXPECT_GT(largestDifference(*best.model, *trained), 1e-4);
  EXPECT_DOUBLE_EQ(best.info.bestValidLoss, r.bestValidLoss);
  const auto log = fileText(dir / "ema" / "metrics.jsonl");
  EXPECT_NE(log.find("\"valid/ema_loss\""), std::string::npos) << log;
  EXPECT_EQ(fileText(dir / "plain" / "metrics.jsonl").find("ema_loss"), std::string::npos);

  // The average has learnt the world: three open-loop steps follow the action.
  const auto level = openLoopLevels(average);
  EXPECT_GT(level[0].item<double>(), 230) << level;
  EXPECT_LT(level[1].item<double>(), 25) << level;
}

TEST(WeightAverage, AResumedRunContinuesTheAverageAndALostOneRestartsSaying) {
  const auto dir = w4rl::test::freshDir();
  ValidatedTransitions data;
  WorldModelTrainer(brightnessModel(), averagedTraining(300), dir / "whole")
      .run(data, false, nullptr, CancelToken());
  WorldModelTrainer(brightnessModel(), averagedTraining(200), dir / "split")
      .run(data, false, nullptr, CancelToken());
  std::filesystem::copy(dir / "split", dir / "lost");
  WorldModelTrainer(brightnessModel(), averagedTraining(300), dir / "split")
      .run(data, true, nullptr, CancelToken());
  auto whole = loadWorldModel(dir / "whole" / "ema.pt", torch::kCPU).model;
  auto split = loadWorldModel(dir / "split" / "ema.pt", torch::kCPU).model;
  EXPECT_LT(largestDifference(*whole, *split), 1e-5);
  EXPECT_EQ(fileText(dir / "split" / "metrics.jsonl").find("ema/restarted"), std::string::npos);

  // ema.pt gone (or older than last.pt): the average starts again from the trained weights, logged.
  std::filesystem::remove(dir / "lost" / "ema.pt");
  WorldModelTrainer(brightnessModel(), averagedTraining(300), dir / "lost")
      .run(data, true, nullptr, CancelToken());
  auto lost = loadWorldModel(dir / "lost" / "ema.pt", torch::kCPU).model;
  EXPECT_GT(largestDifference(*whole, *lost), 1e-5);
  EXPECT_NE(fileText(dir / "lost" / "metrics.jsonl").find("\"ema/restarted\""), std::string::npos);
}

TEST(WeightAverage, TheSettingIsCheckedAndBelongsToTheWorldModelAlone) {
  TrainSettings s;
  EXPECT_EQ(s.emaDecay, 0);
  EXPECT_TRUE(s.set("ema_decay", "0.999"));
  EXPECT_EQ(s.toMap().at("ema_decay"), "0.999");
  EXPECT_THROW(s.requireWorldModelDefaults(), Error);
  for (const char* bad : {"1", "-0.1", "1.5"}) {
    TrainSettings t;
    t.set("ema_decay", bad);
    try {
      t.validate();
      ADD_FAILURE() << "ema_decay " << bad << " accepted";
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find("ema_decay"), std::string::npos) << e.what();
    }
  }
}

}  // namespace
}  // namespace w4rl::learning

#include <gtest/gtest.h>
#include <torch/torch.h>

#include "brightness_world.h"
#include "common/error.h"
#include "learning/checkpoint.h"
#include "learning/imagination.h"
#include "learning/precision.h"
#include "learning/refine_settings.h"
#include "learning/world_model_trainer.h"
#include "shared_test_support.h"

namespace w4rl::learning {
namespace {

using namespace test;

// The dtype a convolution produces on this thread right now: bfloat16 under autocast, float otherwise.
torch::ScalarType convolutionType() {
  torch::NoGradGuard noGrad;
  return torch::conv2d(torch::rand({1, 3, 8, 8}), torch::rand({4, 3, 3, 3})).scalar_type();
}

// Mean grey level (0-255) of each frame of (B, H, W, 3) uint8 frames.
torch::Tensor meanLevel(const torch::Tensor& frames) {
  return frames.to(torch::kFloat).mean({1, 2, 3});
}

}  // namespace

TEST(Precision, ParsesBothNamesAndRefusesOthers) {
  EXPECT_EQ(parsePrecision("float32"), Precision::Float32);
  EXPECT_EQ(parsePrecision("bfloat16"), Precision::BFloat16);
  EXPECT_EQ(toString(Precision::BFloat16), "bfloat16");
  EXPECT_EQ(toString(Precision::Float32), "float32");
  try {
    parsePrecision("fp16");
    FAIL() << "fp16 was accepted";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("'fp16'"), std::string::npos) << e.what();
  }
  TrainSettings t;
  EXPECT_THROW(t.set("precision", "half"), Error);
  EXPECT_TRUE(t.set("precision", "bfloat16"));
  EXPECT_EQ(t.toMap().at("precision"), "bfloat16");
  RefineSettings r;
  EXPECT_EQ(r.toMap().at("imagine_precision"), "float32");
  EXPECT_THROW(r.set("imagine_precision", "int8"), Error);
  EXPECT_TRUE(r.set("imagine_precision", "bfloat16"));
  EXPECT_EQ(r.toMap().at("imagine_precision"), "bfloat16");
}

TEST(Precision, ScopeRunsConvolutionsInBfloat16AndRestoresTheThreadsState) {
  EXPECT_EQ(convolutionType(), torch::kFloat);
  {
    AutocastScope none(Precision::Float32, torch::kCPU);
    EXPECT_EQ(convolutionType(), torch::kFloat);
  }
  {
    AutocastScope outer(Precision::BFloat16, torch::kCPU);
    EXPECT_EQ(convolutionType(), torch::kBFloat16);
    {
      AutocastScope inner(Precision::BFloat16, torch::kCPU);
      EXPECT_EQ(convolutionType(), torch::kBFloat16);
    }
    EXPECT_EQ(convolutionType(), torch::kBFloat16);  // the inner scope restores the outer's state
  }
  EXPECT_EQ(convolutionType(), torch::kFloat);
  // Not implemented for CUDA: refused by name rather than silently run in float32. Float32 is fine.
  EXPECT_THROW(AutocastScope(Precision::BFloat16, torch::Device(torch::kCUDA)), Error);
  EXPECT_NO_THROW(AutocastScope(Precision::Float32, torch::Device(torch::kCUDA)));
}

// The brightness world trained in bfloat16: the model learns the action's effect, imagines it in
// either precision, and the two imaginations agree.
// Emulated bfloat16 would make training several times slower than float32: refused before the run
// writes anything, for training and for imagination alike.
TEST(Precision, Bfloat16IsRefusedOnACpuWithoutNativeSupport) {
  if (cpuHasNativeBfloat16()) GTEST_SKIP() << "this CPU has native bfloat16 (trained: see the next test)";
  const auto dir = w4rl::test::freshDir();
  TrainSettings settings = brightnessModelTraining();
  settings.set("precision", "bfloat16");
  BrightnessTransitions transitions;
  try {
    WorldModelTrainer(brightnessModel(), settings, dir / "wm")
        .run(transitions, false, nullptr, CancelToken());
    FAIL() << "bfloat16 training accepted";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("use precision float32"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(std::filesystem::exists(dir / "wm" / "last.pt"));
  EXPECT_THROW(checkPrecision(Precision::BFloat16, torch::kCPU), Error);
  EXPECT_NO_THROW(checkPrecision(Precision::Float32, torch::kCPU));
}

TEST(Precision, Bfloat16TrainingAndImaginationLearnAndFollowTheAction) {
  if (!cpuHasNativeBfloat16()) GTEST_SKIP() << "this CPU has no native bfloat16 (refused: see the next test)";
  const auto dir = w4rl::test::freshDir();
  TrainSettings settings = brightnessModelTraining();
  settings.set("precision", "bfloat16");
  BrightnessTransitions transitions;
  const auto r = WorldModelTrainer(brightnessModel(), settings, dir / "wm")
                     .run(transitions, false, nullptr, CancelToken());
  EXPECT_EQ(r.step, 400);
  EXPECT_EQ(convolutionType(), torch::kFloat);  // training left no autocast behind
  // The checkpoint records the precision it was trained in.
  const auto trainText = readCheckpointInfo(dir / "wm" / "last.pt").trainText;
  EXPECT_NE(trainText.find("precision: bfloat16"), std::string::npos) << trainText;
  const auto model = loadWorldModel(dir / "wm" / "last.pt", torch::kCPU).model;
  for (const auto& p : model->parameters()) ASSERT_EQ(p.scalar_type(), torch::kFloat);  // master weights

  // From grey level 0.3, a0 = +1 brightens by kStep (77 levels) and a0 = -1 darkens to 0.
  const auto start = greyFrames(torch::full({2}, 0.3)).unsqueeze(1).expand({-1, 4, -1, -1, -1}).contiguous();
  const auto actions = torch::tensor({{1.0f, 0.f, 0.f, 0.f}, {-1.0f, 0.f, 0.f, 0.f}});
  WorldModelEnv f32(model, torch::kCPU, 3), bf16(model, torch::kCPU, 3);
  bf16.setPrecision(Precision::BFloat16);
  f32.reset(start, torch::zeros({2, 4, 4}));
  bf16.reset(start, torch::zeros({2, 4, 4}));
  const auto a = meanLevel(f32.step(actions)), b = meanLevel(bf16.step(actions));
  EXPECT_EQ(convolutionType(), torch::kFloat);  // nor did imagination
  const double from = 0.3 * 255;
  for (const auto& levels : {a, b}) {
    EXPECT_GT(levels[0].item<double>(), from + 40) << levels;
    EXPECT_LT(levels[1].item<double>(), from - 40) << levels;
  }
  EXPECT_LT((a - b).abs().max().item<double>(), 8.0) << a << b;
}

}  // namespace w4rl::learning

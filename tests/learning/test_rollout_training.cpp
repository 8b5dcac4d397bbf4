// Rollout training: the world model learns from contexts whose newest frames are its own samples.
#include <gtest/gtest.h>
#include <torch/torch.h>

#include <filesystem>
#include <string>
#include <utility>

#include "brightness_world.h"
#include "common/error.h"
#include "learning/checkpoint.h"
#include "learning/imagination.h"
#include "learning/world_model_trainer.h"
#include "shared_test_support.h"

namespace w4rl::learning {
namespace {

using namespace test;

// Six recorded frames of grey levels 0.1 .. 0.6 for each of `batch` rows, the actions that led between
// them non-zero, in the trainer's float layout (B, 6, 3, H, W).
struct Window {
  torch::Tensor context, actions, task;
};
Window recordedWindow(int batch) {
  std::vector<torch::Tensor> frames;
  for (int i = 0; i < 6; ++i) frames.push_back(greyFrames(torch::full({batch}, 0.1 * (i + 1))));
  return {framesToFloat(torch::stack(frames, 1)), torch::full({batch, 6, 4}, 0.5),
          torch::zeros({batch}, torch::kLong)};
}

TEST(RolloutTraining, OwnSamplesReplaceOnlyTheNewestFramesOfTheChosenRows) {
  torch::manual_seed(3);
  WorldModel model(brightnessModel());  // untrained: its samples are far from any recorded frame
  auto w = recordedWindow(4);
  w.actions.select(0, 3).select(0, 4).zero_();  // row 3: frame 5's incoming action is padding
  auto gen = at::detail::createCPUGenerator(1);
  const auto rolled = rollOwnFrames(model, w.context, w.actions, w.task, 4, 2, 1.0, gen);
  ASSERT_EQ(rolled.sizes(), w.context.sizes());
  EXPECT_TRUE(model->is_training());  // left as it was
  // The four frames the first sample is made from stay the recorded ones.
  EXPECT_TRUE(torch::equal(rolled.narrow(1, 0, 4), w.context.narrow(1, 0, 4)));
  for (int row = 0; row < 3; ++row) {
    for (int f : {4, 5}) {
      const auto own = rolled.select(0, row).select(0, f);
      EXPECT_GT((own - w.context.select(0, row).select(0, f)).abs().mean().item<double>(), 0.05)
          << "row " << row << " frame " << f << " is still the recorded one";
      // Rounded to 8 bits, as the dream feeds frames back.
      EXPECT_TRUE(torch::equal(own, framesToFloat(framesToUint8(own.unsqueeze(0))).squeeze(0)));
    }
  }
  // Row 3: its frame 4 is its own sample, frame 5 (after padding) stays recorded.
  EXPECT_GT((rolled[3][4] - w.context[3][4]).abs().mean().item<double>(), 0.05);
  EXPECT_TRUE(torch::equal(rolled[3][5], w.context[3][5]));
}

TEST(RolloutTraining, TheShareDecidesHowManyRowsRollAndNoneLeavesTheContextAlone) {
  torch::manual_seed(3);
  WorldModel model(brightnessModel());
  const auto six = recordedWindow(200);
  const auto context = six.context.narrow(1, 0, 5), actions = six.actions.narrow(1, 0, 5);
  auto gen = at::detail::createCPUGenerator(7);
  EXPECT_TRUE(torch::equal(rollOwnFrames(model, context, actions, six.task, 4, 1, 0.0, gen), context));
  const auto rolled = rollOwnFrames(model, context, actions, six.task, 4, 1, 0.25, gen);
  const auto changed = (rolled - context).abs().flatten(1).amax(1).gt(0).sum().item<int>();
  EXPECT_GT(changed, 30);
  EXPECT_LT(changed, 70);
  // Six frames are not 4 + 1.
  EXPECT_THROW(rollOwnFrames(model, six.context, six.actions, six.task, 4, 1, 1.0, gen), Error);
}

TEST(RolloutTraining, AModelTrainedOnItsOwnFramesLearnsTheWorldAndFollowsTheAction) {
  const auto dir = w4rl::test::freshDir();
  TrainSettings settings = brightnessModelTraining();
  // Half of each batch learns from its own early, poor samples, so it needs more steps than teacher
  // forcing alone to reach the top level within three steps (400 left it at 219 of 255 on some CPUs).
  settings.steps = 800;
  settings.set("rollout_steps", "2");
  settings.set("rollout_share", "0.5");
  BrightnessTransitions transitions(settings.contextFramesToSample(4));
  const auto r = WorldModelTrainer(brightnessModel(), settings, dir / "wm")
                     .run(transitions, false, nullptr, CancelToken());
  EXPECT_EQ(r.step, 800);
  const auto trainText = readCheckpointInfo(dir / "wm" / "last.pt").trainText;
  EXPECT_NE(trainText.find("rollout_steps: 2"), std::string::npos) << trainText;

  // Open loop from grey level 0.3 for three steps: a0 = +1 brightens to the top, a0 = -1 darkens to 0.
  const auto model = loadWorldModel(dir / "wm" / "last.pt", torch::kCPU).model;
  const auto level = openLoopLevels(model);
  EXPECT_GT(level[0].item<double>(), 230) << level;
  EXPECT_LT(level[1].item<double>(), 25) << level;
}

TEST(RolloutTraining, ADataSourceWithoutTheExtraFramesIsRefusedNamingTheSetting) {
  const auto dir = w4rl::test::freshDir();
  TrainSettings settings = brightnessModelTraining();
  settings.set("rollout_steps", "1");
  BrightnessTransitions transitions;  // 4 frames, the run needs 5
  try {
    WorldModelTrainer(brightnessModel(), settings, dir / "wm")
        .run(transitions, false, nullptr, CancelToken());
    FAIL() << "a source of 4 context frames was accepted for rollout_steps 1";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("rollout_steps"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(std::filesystem::exists(dir / "wm" / "last.pt"));
}

TEST(RolloutTraining, SettingsAreCheckedAndBelongToTheWorldModelAlone) {
  TrainSettings s;
  EXPECT_EQ(s.contextFramesToSample(4), 4);
  s.set("rollout_steps", "3");
  EXPECT_EQ(s.contextFramesToSample(4), 7);
  EXPECT_EQ(s.toMap().at("rollout_steps"), "3");
  EXPECT_THROW(s.requireWorldModelDefaults(), Error);
  for (const auto& [key, bad] : {std::pair<const char*, const char*>{"rollout_steps", "9"},
                                 {"rollout_steps", "-1"},
                                 {"rollout_share", "1.5"}}) {
    TrainSettings t;
    t.set(key, bad);
    try {
      t.validate();
      ADD_FAILURE() << key << " " << bad << " accepted";
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find(key), std::string::npos) << e.what();
    }
  }
}

}  // namespace
}  // namespace w4rl::learning

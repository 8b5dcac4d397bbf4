#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "common/error.h"
#include "sim/manipulation_env.h"
#include "sim/task_registry.h"
#include "sim_test_support.h"

namespace w4rl::sim {
namespace {

using test::headless;

// A fixed pseudo-random action sequence that does not depend on the environment.
Action scriptedAction(int t) {
  return {static_cast<float>(std::sin(0.7 * t)), static_cast<float>(std::cos(0.3 * t)),
          static_cast<float>(std::sin(0.11 * t) - 0.3), static_cast<float>(std::sin(0.5 * t))};
}

}  // namespace

TEST(ManipulationEnv, SameSeedGivesBitIdenticalEpisodes) {
  for (const auto& task : taskNames()) {
    EnvConfig c;
    c.task = task;
    c.imageWidth = c.imageHeight = 32;
    ManipulationEnv a(c), b(c);
    a.reset(77);
    b.reset(77);
    for (int t = 0; t < 15; ++t) {
      a.step(scriptedAction(t));
      b.step(scriptedAction(t));
    }
    EXPECT_EQ(a.state(), b.state()) << task;
    EXPECT_EQ(a.observation().image, b.observation().image) << task;
  }
}

TEST(ManipulationEnv, ResetIsRepeatableAfterOtherEpisodes) {
  ManipulationEnv env(headless("hammer"));
  env.reset(5);
  const auto first = env.state();
  env.reset(6);
  for (int t = 0; t < 10; ++t) env.step(scriptedAction(t));
  env.reset(5);
  EXPECT_EQ(env.state(), first);
}

TEST(ManipulationEnv, SeedsRandomiseObjectsAndGoals) {
  for (const auto& task : taskNames()) {
    ManipulationEnv env(headless(task));
    env.reset(1);
    const auto obj1 = env.observation().object;
    const auto goal1 = env.observation().goal;
    env.reset(2);
    EXPECT_TRUE(obj1 != env.observation().object || goal1 != env.observation().goal) << task;
  }
}

TEST(ManipulationEnv, NoTaskStartsSolved) {
  for (const auto& task : taskNames()) {
    ManipulationEnv env(headless(task));
    for (std::uint64_t seed = 0; seed < 20; ++seed) {
      env.reset(seed);
      EXPECT_FALSE(env.successNow()) << task << " seed " << seed;
    }
  }
}

TEST(ManipulationEnv, EpisodeEndsAfterConfiguredLength) {
  EnvConfig c = headless("pick-place");
  c.episodeLength = 7;
  ManipulationEnv env(c);
  env.reset(0);
  StepResult r;
  for (int t = 0; t < 7; ++t) {
    EXPECT_FALSE(r.done);
    r = env.step({0, 0, 0, 0});
  }
  EXPECT_TRUE(r.done);
  EXPECT_THROW(env.step({0, 0, 0, 0}), Error);
}

TEST(ManipulationEnv, StepBeforeResetIsAnError) {
  ManipulationEnv env(headless("soccer"));
  EXPECT_THROW(env.step({0, 0, 0, 0}), Error);
}

TEST(ManipulationEnv, MocapStaysInsideWorkspace) {
  EnvConfig c = headless("pick-place");
  c.episodeLength = 200;
  ManipulationEnv env(c);
  env.reset(0);
  for (int t = 0; t < 60; ++t) env.step({1, 1, 1, 0});
  const Workspace ws;
  const Vec3 eef = env.observation().eefPos;
  for (std::size_t i = 0; i < 3; ++i) EXPECT_LE(eef[i], ws.hi[i] + 0.01);
  for (int t = 0; t < 60; ++t) env.step({-1, -1, -1, 0});
  const Vec3 low = env.observation().eefPos;
  EXPECT_GE(low[0], ws.lo[0] - 0.01);
  EXPECT_GE(low[1], ws.lo[1] - 0.01);
  EXPECT_GT(low[2], -0.01);  // the table stops the fingers
}

TEST(ManipulationEnv, ActionMovesGripperByTheDocumentedScale) {
  ManipulationEnv env(headless("pick-place"));
  env.reset(0);
  for (int t = 0; t < 3; ++t) env.step({0, 0, 0, -1});  // settle
  const Vec3 before = env.observation().eefPos;
  for (int t = 0; t < 4; ++t) env.step({0.5f, 0, 0, -1});
  for (int t = 0; t < 3; ++t) env.step({0, 0, 0, -1});  // let the hand catch up with its target
  const Vec3 after = env.observation().eefPos;
  EXPECT_NEAR(after[0] - before[0], 4 * 0.5 * kActionScale, 0.004);
  EXPECT_NEAR(after[1] - before[1], 0.0, 0.004);
}

TEST(ManipulationEnv, GripClosesAndOpensTheFingers) {
  ManipulationEnv env(headless("pick-place"));
  env.reset(0);
  for (int t = 0; t < 4; ++t) env.step({0, 0, 0, 1});
  EXPECT_LT(env.observation().gripperQpos[0] + env.observation().gripperQpos[1], 0.005);
  for (int t = 0; t < 4; ++t) env.step({0, 0, 0, -1});
  EXPECT_GT(env.observation().gripperQpos[0] + env.observation().gripperQpos[1], 0.08);
}

TEST(Action, ClampBoundsAndReplacesNaN) {
  const Action a = clampAction({2.0f, -3.0f, std::numeric_limits<float>::quiet_NaN(), 0.25f});
  EXPECT_EQ(a[0], 1.0f);
  EXPECT_EQ(a[1], -1.0f);
  EXPECT_EQ(a[2], 0.0f);
  EXPECT_EQ(a[3], 0.25f);
}

TEST(TaskRegistry, HasTheSevenPaperTasks) {
  const std::vector<std::string> expected{"coffee-pull", "soccer",      "hammer",    "door-lock",
                                          "lever-pull",  "handle-pull", "pick-place"};
  EXPECT_EQ(taskNames(), expected);
}

TEST(TaskRegistry, UnknownTaskNamesTheKnownOnes) {
  try {
    makeTask("stack-blocks");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("stack-blocks"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("pick-place"), std::string::npos);
  }
}

}  // namespace w4rl::sim

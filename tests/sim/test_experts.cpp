// The scripted experts succeed; random actions do not solve the tasks by accident. `world4rl tasks
// --seeds 100` measures the experts at scale; here a few seeds per task keep CI fast.
#include <gtest/gtest.h>

#include "common/rng.h"
#include "sim/manipulation_env.h"
#include "sim/task_registry.h"

namespace w4rl::sim {
namespace {

bool runEpisode(ManipulationEnv& env, std::uint64_t seed, bool expert) {
  env.reset(seed);
  auto policy = env.makeExpert();
  Rng rng(seed);
  bool success = false;
  for (StepResult r; !r.done;) {
    const Action a =
        expert ? policy->act(env.model(), env.data())
               : Action{static_cast<float>(rng.uniform(-1, 1)), static_cast<float>(rng.uniform(-1, 1)),
                        static_cast<float>(rng.uniform(-1, 1)), static_cast<float>(rng.uniform(-1, 1))};
    r = env.step(a);
    success = success || r.success;
  }
  return success;
}

class ExpertTest : public ::testing::TestWithParam<std::string> {};

TEST_P(ExpertTest, SucceedsOnFreshSeeds) {
  EnvConfig c;
  c.task = GetParam();
  c.render = false;
  ManipulationEnv env(c);
  int successes = 0;
  for (std::uint64_t seed = 900; seed < 905; ++seed) successes += runEpisode(env, seed, true);
  EXPECT_GE(successes, 4) << GetParam();
}

TEST_P(ExpertTest, RandomActionsRarelySucceed) {
  EnvConfig c;
  c.task = GetParam();
  c.render = false;
  ManipulationEnv env(c);
  int successes = 0;
  for (std::uint64_t seed = 0; seed < 5; ++seed) successes += runEpisode(env, seed, false);
  EXPECT_LE(successes, 1) << GetParam();
}

INSTANTIATE_TEST_SUITE_P(AllTasks, ExpertTest, ::testing::ValuesIn(taskNames()),
                         [](const ::testing::TestParamInfo<std::string>& param) {
                           std::string name = param.param;
                           for (char& ch : name)
                             if (ch == '-') ch = '_';
                           return name;
                         });

}  // namespace
}  // namespace w4rl::sim

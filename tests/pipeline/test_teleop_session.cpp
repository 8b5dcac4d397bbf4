// Driving a (small, untrained) world model live beside the real MuJoCo task, handing control to a
// policy, and recording the session into a dataset.
#include <gtest/gtest.h>

#include "common/error.h"
#include "data/dataset.h"
#include "metrics/psnr.h"
#include "pipeline/services/teleop_session.h"
#include "policy_test_support.h"
#include "shared_test_support.h"

namespace w4rl::pipeline {

TEST(TeleopSession, RefusesAWorldModelWhoseActionsAreNotTheTasks) {
  const auto dir = w4rl::test::freshDir();
  const auto file = w4rl::test::saveTinyWorldModel(dir / "wm3.pt", 16, 3);
  try {
    TeleopSession session(file, "cpu", 1);
    FAIL() << "a 3-D world model was accepted";
  } catch (const Error& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("wm3.pt"), std::string::npos) << what;
    EXPECT_NE(what.find("have 3 components"), std::string::npos) << what;
  }
}

TEST(TeleopSession, StepsTheDreamBesideTheRealTaskAndRecordsIt) {
  const auto dir = w4rl::test::freshDir();
  TeleopSession session(w4rl::test::saveTinyWorldModel(dir / "wm.pt", 64), "cpu", 1);
  EXPECT_THROW(session.step({0, 0, 0, 0}), Error);  // not reset yet
  session.resetFromTask("door-lock", 7, true);
  EXPECT_TRUE(session.realRunning());
  const std::vector<float> right{1.0f, 0.0f, 0.0f, 2.0f};  // grip 2 is clamped to 1
  for (int i = 0; i < 4; ++i) {
    const auto s = session.step(right);
    EXPECT_EQ(s.imagined.size(), 64u * 64 * 3);
    EXPECT_EQ(s.real.size(), 64u * 64 * 3);
    EXPECT_GT(s.psnr, 0.0);
    EXPECT_GT(s.latencyMs, 0.0);
    EXPECT_FLOAT_EQ(s.action[3], 1.0f);
  }
  EXPECT_EQ(session.saveRecording(dir / "teleop.hdf5"), 1u);
  EXPECT_TRUE(session.step(right).spread.empty()) << "one sample: no spread";
  session.setSpreadSamples(4);
  const auto sampled = session.step(right);
  EXPECT_EQ(sampled.spread.size(), 64u * 64 * 3);
  EXPECT_GT(sampled.meanSpread, 0.0);
  EXPECT_LT(sampled.meanSpread, 1.0);
  EXPECT_THROW(session.setSpreadSamples(0), Error);
  session.setSpreadSamples(1);
  session.resetFromTask("door-lock", 7, true);

  // From a dataset frame, with a policy in control: its actions, not the user's.
  EXPECT_THROW(session.setPolicyInControl(true), Error);
  w4rl::test::TinyPolicy spec;
  spec.task = "door-lock";
  session.setPolicy(w4rl::test::saveTinyPolicy(dir / "p.pt", spec));
  const Frames frames(2 * 64 * 64 * 3, 90);
  session.resetFromEpisode(frames, std::vector<float>(8, 0.0f), 1, "door-lock");
  EXPECT_FALSE(session.realRunning());
  session.setPolicyInControl(true);
  const auto s = session.step(right);
  EXPECT_NE(s.action, right);
  EXPECT_EQ(s.psnr, -1.0);
  EXPECT_EQ(session.saveRecording(dir / "teleop.hdf5"), 2u);

  const auto ds = data::Dataset::open({dir / "teleop.hdf5"});
  EXPECT_EQ(ds.episodes()[0].source, data::EpisodeSource::Teleop);
  EXPECT_EQ(ds.episodes()[0].numSamples, 4);
  EXPECT_EQ(ds.episodes()[0].seed, 7);
  EXPECT_GT(ds.stateDim(0), 0);  // the real task's episode carries its states
  EXPECT_EQ(ds.episodes()[1].numSamples, 1);

  // From a recorded frame whose episode has its seed and states, the real task joins at that state: the
  // recorded action from step 1 gives the recorded frame of step 2.
  session.setPolicyInControl(false);
  const auto recorded = ds.frames(0, 0, 4);
  const auto actions = ds.actions(0);
  const auto states = ds.states(0);
  const auto dim = static_cast<std::ptrdiff_t>(ds.stateDim(0));
  const std::vector<double> state1(states.begin() + dim, states.begin() + 2 * dim);
  session.resetFromEpisodeState(recorded, actions, 1, "door-lock", 7, state1, true);
  EXPECT_TRUE(session.realRunning());
  const std::vector<float> action1(actions.begin() + 4, actions.begin() + 8);
  const auto joined = session.step(action1);
  const std::vector<std::uint8_t> frame2(recorded.begin() + 2 * 64 * 64 * 3,
                                         recorded.begin() + 3 * 64 * 64 * 3);
  EXPECT_GT(metrics::psnrCapped({joined.real.data(), 64, 64}, {frame2.data(), 64, 64}), 35.0);
  EXPECT_GT(joined.psnr, 0.0);  // the dream against the real frame, as after a reset from a task
  // A state of another size, or a task that is not built in, is refused and the session goes on as it was.
  EXPECT_THROW(session.resetFromEpisodeState(recorded, actions, 1, "door-lock", 7, {1.0, 2.0}, true), Error);
  EXPECT_THROW(session.resetFromEpisodeState(recorded, actions, 1, "juggling", 7, state1, true), Error);
  EXPECT_TRUE(session.realRunning());
  EXPECT_EQ(session.steps(), 1);
}

}  // namespace w4rl::pipeline

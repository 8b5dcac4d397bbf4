// Which refined policy to keep and when to stop, from the real evaluations along a refinement run.
#include <gtest/gtest.h>

#include <fstream>

#include "common/error.h"
#include "learning/real_selection.h"
#include "shared_test_support.h"

namespace w4rl::learning {
namespace {

RealOutcome paired(int iteration, double rate, int gained, int lost, double p) {
  return {iteration, rate, gained, lost, p};
}

}  // namespace

TEST(RealSelection, KeepsTheFirstHighestRateAndCountsEvaluationsWithoutGain) {
  RealSelection s(2, false);
  EXPECT_EQ(s.bestIteration(), -1);
  EXPECT_TRUE(s.record({0, 0.40}));                    // the start policy is the first best
  EXPECT_FALSE(s.record(paired(5, 0.40, 2, 2, 1.0)));  // a tie keeps the earlier, less moved policy
  EXPECT_EQ(s.bestIteration(), 0);
  EXPECT_EQ(s.evaluationsWithoutGain(), 1);
  EXPECT_TRUE(s.stopReason().empty());
  EXPECT_TRUE(s.record(paired(10, 0.45, 3, 2, 1.0)));
  EXPECT_EQ(s.bestIteration(), 10);
  EXPECT_DOUBLE_EQ(s.bestSuccessRate(), 0.45);
  EXPECT_EQ(s.evaluationsWithoutGain(), 0);
  EXPECT_FALSE(s.record(paired(15, 0.30, 1, 6, 0.125)));
  EXPECT_TRUE(s.stopReason().empty());
  EXPECT_FALSE(s.record(paired(20, 0.42, 3, 2, 1.0)));
  const auto why = s.stopReason();
  EXPECT_NE(why.find("no real gain over iteration 10 in 2 evaluations"), std::string::npos) << why;
}

TEST(RealSelection, StopsOnASignificantRealLossOnlyWhenAskedAndOnlyForALoss) {
  RealSelection guarded(0, true), unguarded(0, false);
  for (auto* s : {&guarded, &unguarded}) {
    s->record({0, 0.5});
    s->record(paired(5, 0.3, 1, 11, 0.0063));
  }
  const auto why = guarded.stopReason();
  EXPECT_NE(why.find("iteration 5 is significantly below the start policy's (11 seeds lost, 1 gained"),
            std::string::npos)
      << why;
  EXPECT_TRUE(unguarded.stopReason().empty());  // and patience 0 never stops it
  for (int i = 0; i < 20; ++i) unguarded.record(paired(10 + i, 0.3, 1, 11, 0.0063));
  EXPECT_TRUE(unguarded.stopReason().empty());

  // A significant gain, a loss that is not significant, and an unpaired evaluation do not stop a run.
  RealSelection s(0, true);
  s.record({0, 0.5});
  s.record(paired(5, 0.7, 11, 1, 0.0063));
  EXPECT_TRUE(s.stopReason().empty());
  s.record(paired(10, 0.4, 2, 7, 0.18));
  EXPECT_TRUE(s.stopReason().empty());
  s.record({15, 0.1});
  EXPECT_TRUE(s.stopReason().empty());
  EXPECT_THROW(RealSelection(-1, true), Error);
}

TEST(RealSelection, SavesAndLoadsItsStateAndNamesABadFile) {
  const auto dir = w4rl::test::freshDir();
  RealSelection s(3, true);
  s.record({0, 0.25});
  s.record(paired(5, 0.35, 4, 2, 0.69));
  s.record(paired(10, 0.05, 0, 8, 0.0078));
  s.save(dir / "selection.yaml");
  // A resumed run with the same settings is still stopped; with other settings it goes on.
  RealSelection same(3, true), lenient(3, false);
  same.load(dir / "selection.yaml");
  lenient.load(dir / "selection.yaml");
  EXPECT_EQ(same.bestIteration(), 5);
  EXPECT_DOUBLE_EQ(same.bestSuccessRate(), 0.35);
  EXPECT_EQ(same.evaluationsWithoutGain(), 1);
  EXPECT_EQ(same.stopReason(), s.stopReason());
  EXPECT_FALSE(same.stopReason().empty());
  EXPECT_TRUE(lenient.stopReason().empty());

  std::ofstream(dir / "broken.yaml") << "best_iteration: 5\nbest_real_success_rate: high\n";
  try {
    same.load(dir / "broken.yaml");
    FAIL() << "a broken selection file was accepted";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("broken.yaml"), std::string::npos) << e.what();
  }
  EXPECT_THROW(same.load(dir / "missing.yaml"), Error);
}

}  // namespace w4rl::learning

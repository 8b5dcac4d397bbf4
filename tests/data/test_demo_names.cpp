#include <gtest/gtest.h>

#include "data/demo_names.h"
#include "data/episode.h"

namespace w4rl::data {
namespace {

TEST(DemoNames, ParsesOnlyDemoNumbers) {
  EXPECT_EQ(demoNumber("demo_0"), 0);
  EXPECT_EQ(demoNumber("demo_12"), 12);
  EXPECT_FALSE(demoNumber("demo_").has_value());
  EXPECT_FALSE(demoNumber("demo_1a").has_value());
  EXPECT_FALSE(demoNumber("traj_1").has_value());
  EXPECT_FALSE(demoNumber("demo_-1").has_value());
  EXPECT_FALSE(demoNumber("demo_1234567890123456789").has_value());  // would overflow int64 arithmetic
  EXPECT_EQ(demoName(7), "demo_7");
}

TEST(DemoNames, SortsNumericallyThenOthersAsStrings) {
  std::vector<std::string> names = {"demo_10", "zeta", "demo_2", "alpha", "demo_1", "demo_0"};
  sortDemoNames(names);
  EXPECT_EQ(names, (std::vector<std::string>{"demo_0", "demo_1", "demo_2", "demo_10", "alpha", "zeta"}));
}

TEST(DemoNames, EveryTenthIsValidation) {
  EXPECT_FALSE(isValidationIndex(0));
  EXPECT_FALSE(isValidationIndex(8));
  EXPECT_TRUE(isValidationIndex(9));
  EXPECT_FALSE(isValidationIndex(10));
  EXPECT_TRUE(isValidationIndex(19));
}

TEST(EpisodeSource, NamesRoundTrip) {
  for (EpisodeSource s : {EpisodeSource::Expert, EpisodeSource::Noisy, EpisodeSource::Random,
                          EpisodeSource::Policy, EpisodeSource::Teleop, EpisodeSource::Dream,
                          EpisodeSource::Unknown}) {
    EXPECT_EQ(episodeSourceFromString(toString(s)), s);
  }
  EXPECT_EQ(toString(EpisodeSource::Teleop), "teleop");
  EXPECT_EQ(episodeSourceFromString("Expert"), EpisodeSource::Unknown);
}

}  // namespace
}  // namespace w4rl::data

#include <gtest/gtest.h>

#include "collect/recipe.h"
#include "common/error.h"

namespace w4rl::collect {

TEST(Recipe, ParsesThePaperMix) {
  const auto r = parseRecipe("expert:50,noisy:150,random:30");
  ASSERT_EQ(r.size(), 3u);
  EXPECT_EQ(r[0].source, data::EpisodeSource::Expert);
  EXPECT_EQ(r[0].episodes, 50);
  EXPECT_EQ(r[1].source, data::EpisodeSource::Noisy);
  EXPECT_EQ(r[1].episodes, 150);
  EXPECT_EQ(r[2].source, data::EpisodeSource::Random);
  EXPECT_EQ(r[2].episodes, 30);
  EXPECT_EQ(formatRecipe(r), "expert:50,noisy:150,random:30");
}

TEST(Recipe, ParsesPolicyEpisodes) {
  const auto r = parseRecipe("expert:5,policy:20");
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[1].source, data::EpisodeSource::Policy);
  EXPECT_EQ(r[1].episodes, 20);
  EXPECT_EQ(formatRecipe(r), "expert:5,policy:20");
}

TEST(Recipe, RejectsMalformedItemsNamingThem) {
  for (const std::string bad :
       {"", "expert", "expert:", "expert:x", "expert:-1", "teleop:3", "expert:5,noisy:2x", "policy:x"}) {
    try {
      parseRecipe(bad);
      FAIL() << "accepted '" << bad << "'";
    } catch (const Error& e) {
      if (!bad.empty()) {
        const std::string item = bad.substr(bad.rfind(',') == std::string::npos ? 0 : bad.rfind(',') + 1);
        EXPECT_NE(std::string(e.what()).find(item), std::string::npos) << e.what();
      }
    }
  }
}

}  // namespace w4rl::collect

#include <gtest/gtest.h>

#include <cstdlib>
#include <set>

#include "common/error.h"
#include "sim/manipulation_env.h"

namespace w4rl::sim {
namespace {

std::size_t distinctColours(const std::vector<std::uint8_t>& rgb) {
  std::set<std::uint32_t> colours;
  for (std::size_t i = 0; i + 2 < rgb.size(); i += 3)
    colours.insert((std::uint32_t{rgb[i]} << 16) | (std::uint32_t{rgb[i + 1]} << 8) | rgb[i + 2]);
  return colours.size();
}

}  // namespace

TEST(Rendering, ImageHasConfiguredSizeAndRealContent) {
  EnvConfig c;
  c.task = "pick-place";
  c.imageWidth = 48;
  c.imageHeight = 32;
  ManipulationEnv env(c);
  const auto& obs = env.reset(3);
  ASSERT_EQ(obs.image.size(), 48u * 32u * 3u);
  EXPECT_GT(distinctColours(obs.image), 20u);  // a scene, not a cleared buffer
}

TEST(Rendering, TopRowShowsSkyAndBottomRowShowsTable) {
  EnvConfig c;
  c.task = "pick-place";
  ManipulationEnv env(c);
  const auto& img = env.reset(0).image;
  // Sky is blue-grey (blue > red); the wooden table is orange-brown (red > blue). A frame stored
  // bottom-up (OpenGL's row order) would swap them.
  const int w = 64;
  const auto px = [&](int x, int y, int ch) { return img[(static_cast<std::size_t>(y) * w + x) * 3 + ch]; };
  EXPECT_GT(px(32, 0, 2), px(32, 0, 0));
  EXPECT_GT(px(32, 63, 0), px(32, 63, 2));
}

TEST(Rendering, FrameChangesWhenTheGripperMoves) {
  EnvConfig c;
  c.task = "soccer";
  ManipulationEnv env(c);
  const auto before = env.reset(0).image;
  for (int t = 0; t < 3; ++t) env.step({1, 0, -1, 0});
  EXPECT_NE(before, env.observation().image);
}

TEST(Rendering, OSMesaFallbackRendersTheSameScene) {
  // Each test runs in its own process (ctest), so forcing the backend here affects nothing else.
  ::setenv("WORLD4RL_GL", "osmesa", 1);
  EnvConfig c;
  c.task = "pick-place";
  ManipulationEnv env(c);
  EXPECT_EQ(env.renderBackend(), "OSMesa");
  EXPECT_GT(distinctColours(env.reset(3).image), 20u);
  ::unsetenv("WORLD4RL_GL");
}

TEST(Rendering, BadBackendNameIsAnError) {
  ::setenv("WORLD4RL_GL", "vulkan", 1);
  EnvConfig c;
  EXPECT_THROW(ManipulationEnv env(c), Error);
  ::unsetenv("WORLD4RL_GL");
}

}  // namespace w4rl::sim

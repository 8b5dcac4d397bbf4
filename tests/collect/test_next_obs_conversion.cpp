// dataset convert --next-obs refuses what it cannot simulate truthfully, naming the demo, and leaves no
// output behind. (That its next_obs/ equals collect --next-obs's is checked through the CLI with h5py.)
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "collect/collector.h"
#include "collect/next_obs_conversion.h"
#include "common/error.h"
#include "data/dataset.h"
#include "data/dataset_writer.h"

#include "shared_test_support.h"

namespace fs = std::filesystem;

namespace w4rl::collect {
namespace {

fs::path collected(const fs::path& dir, const std::string& recipe) {
  CollectConfig c;
  c.task = "soccer";
  c.recipe = parseRecipe(recipe);
  c.out = dir / "collected.hdf5";
  c.seed = 5;
  c.imageSize = 16;
  c.episodeLength = 10;
  collect(c, nullptr, CancelToken{});
  return c.out;
}

// Writes the episodes of `in` to `out` after `change` altered each.
template <typename Change>
fs::path rewritten(const fs::path& in, const fs::path& out, Change change) {
  const auto ds = data::Dataset::open({in});
  data::DatasetWriter writer(out, nlohmann::json::object());
  for (std::size_t i = 0; i < ds.size(); ++i) {
    auto ep = ds.readEpisode(i);
    change(ep, i);
    writer.append(ep);
  }
  writer.commit();
  return out;
}

void expectRefusal(const fs::path& in, const fs::path& out, const std::string& part) {
  try {
    addNextObservations(in, out, nullptr, CancelToken{});
    FAIL() << "expected a w4rl::Error mentioning " << part;
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find(part), std::string::npos) << e.what();
  }
  EXPECT_FALSE(fs::exists(out)) << "a refused conversion leaves no file";
}

}  // namespace

TEST(NextObsConversion, ConvertsACollectedFileAndCountsWhatItWrote) {
  const auto dir = w4rl::test::freshDir();
  const auto in = collected(dir, "expert:2,random:1");
  const auto r = addNextObservations(in, dir / "out.hdf5", nullptr, CancelToken{});
  EXPECT_EQ(r.episodes, 3);
  EXPECT_EQ(r.steps, 30);
  const auto ep = data::Dataset::open({dir / "out.hdf5"}).readEpisode(0);
  EXPECT_EQ(ep.source, data::EpisodeSource::Expert) << "episode attributes are kept";
  EXPECT_EQ(ep.seed, data::Dataset::open({in}).readEpisode(0).seed);
}

TEST(NextObsConversion, RefusesStatesThatDoNotReproduceTheFrames) {
  const auto dir = w4rl::test::freshDir();
  const auto in = collected(dir, "expert:2");
  // Episode 1 carries episode 0's states: replayed, they show episode 0's scene, not episode 1's frames.
  const auto states = data::Dataset::open({in}).states(0);
  const auto swapped = rewritten(in, dir / "swapped.hdf5", [&](data::Episode& ep, std::size_t i) {
    if (i == 1) ep.states = states;
  });
  expectRefusal(swapped, dir / "out.hdf5", "demo_1: its stored states do not reproduce its frames");
}

TEST(NextObsConversion, RefusesEpisodesWithoutStatesOrOfAnUnknownTask) {
  const auto dir = w4rl::test::freshDir();
  const auto in = collected(dir, "expert:1");
  const auto stateless = rewritten(in, dir / "stateless.hdf5", [](data::Episode& ep, std::size_t) {
    ep.states.clear();
    ep.stateDim = 0;
  });
  expectRefusal(stateless, dir / "out.hdf5", "demo_0: has no simulator states");
  const auto foreign =
      rewritten(in, dir / "foreign.hdf5", [](data::Episode& ep, std::size_t) { ep.task = "lift"; });
  expectRefusal(foreign, dir / "out.hdf5", "'lift' is not a built-in task");
  addNextObservations(in, dir / "done.hdf5", nullptr, CancelToken{});
  const auto size = fs::file_size(dir / "done.hdf5");
  EXPECT_THROW(addNextObservations(in, dir / "done.hdf5", nullptr, CancelToken{}), Error);
  EXPECT_EQ(fs::file_size(dir / "done.hdf5"), size) << "an existing output is left as it was";
}

}  // namespace w4rl::collect

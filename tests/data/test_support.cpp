#include "test_support.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <iterator>

namespace w4rl::data::test {

namespace fs = std::filesystem;

Episode makeEpisode(std::uint64_t seed, int steps, int height, int width, const std::string& task,
                    int actionDim) {
  Episode ep;
  ep.task = task;
  ep.source = seed % 2 == 0 ? EpisodeSource::Expert : EpisodeSource::Noisy;
  ep.seed = seed;
  ep.success = seed % 2 == 0;
  ep.actionDim = actionDim;
  ep.stateDim = 4;
  ep.imageHeight = height;
  ep.imageWidth = width;
  const auto s = static_cast<int>(seed % 97);
  for (int t = 0; t < steps; ++t) {
    for (int j = 0; j < actionDim; ++j)
      ep.actions.push_back(static_cast<float>((t * 7 + j * 3 + s) % 21 - 10) / 10.0f);
    ep.rewards.push_back(t == steps - 1 && ep.success ? 1.0f : 0.0f);
    ep.dones.push_back(t == steps - 1 ? 1 : 0);
    for (int j = 0; j < ep.stateDim; ++j) ep.states.push_back(s * 100.0 + t * 10.0 + j + 0.25);
    for (int y = 0; y < height; ++y) {
      for (int x = 0; x < width; ++x) {
        for (int c = 0; c < 3; ++c)
          ep.images.push_back(static_cast<std::uint8_t>((t * 31 + y * 7 + x * 3 + c * 50 + s) % 256));
      }
    }
  }
  LowDimStream eef{3, {}};
  LowDimStream object{5, {}};
  for (int t = 0; t < steps; ++t) {
    for (int j = 0; j < eef.dim; ++j) eef.values.push_back(0.5 * t - j + s * 0.001);
    for (int j = 0; j < object.dim; ++j) object.values.push_back(-1.0 * t + j * 0.125 + s);
  }
  ep.lowDim["robot0_eef_pos"] = eef;
  ep.lowDim["object"] = object;
  return ep;
}

std::string fileBytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

fs::path makeMalformed(const fs::path& dir, const std::string& name) {
  EXPECT_EQ(runPython("make_malformed.py", {dir.string(), name}), 0) << "make_malformed.py " << name;
  return dir / (name + ".hdf5");
}

}  // namespace w4rl::data::test

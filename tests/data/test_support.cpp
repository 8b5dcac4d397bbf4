#include "test_support.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <iterator>

namespace w4rl::data::test {

namespace fs = std::filesystem;

namespace {

fs::path dirFor(const ::testing::TestInfo& info) {
  std::string name = std::string(info.test_suite_name()) + "_" + info.name();
  for (char& c : name) {
    if (c == '/') c = '_';  // parameterised test names
  }
  return fs::temp_directory_path() / ("w4rl_data_" + name + "_" + std::to_string(::getpid()));
}

// Removes a test's directory when the test passed; a failed test's files stay for inspection.
class TempDirCleaner : public ::testing::EmptyTestEventListener {
  void OnTestEnd(const ::testing::TestInfo& info) override {
    if (info.result() != nullptr && info.result()->Passed()) {
      std::error_code ignored;
      fs::remove_all(dirFor(info), ignored);
    }
  }
};

// Registered once per test executable before main() runs; gtest owns the listener afterwards.
const bool kCleanerRegistered = [] {
  ::testing::UnitTest::GetInstance()->listeners().Append(new TempDirCleaner);
  return true;
}();

}  // namespace

fs::path freshDir() {
  const fs::path dir = dirFor(*::testing::UnitTest::GetInstance()->current_test_info());
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

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

std::size_t countEntries(const fs::path& dir) {
  return static_cast<std::size_t>(std::distance(fs::directory_iterator(dir), fs::directory_iterator()));
}

int runPython(const std::string& script, const std::vector<std::string>& args) {
  std::string command =
      std::string("'") + W4RL_TEST_PYTHON + "' '" + W4RL_TEST_SCRIPTS_DIR + "/" + script + "'";
  for (const std::string& a : args) command += " '" + a + "'";
  const int status = std::system(command.c_str());
  if (status == -1 || !WIFEXITED(status)) return -1;
  return WEXITSTATUS(status);
}

fs::path makeMalformed(const fs::path& dir, const std::string& name) {
  EXPECT_EQ(runPython("make_malformed.py", {dir.string(), name}), 0) << "make_malformed.py " << name;
  return dir / (name + ".hdf5");
}

}  // namespace w4rl::data::test

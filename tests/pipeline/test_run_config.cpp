#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include "common/error.h"
#include "pipeline/jobs/run_config.h"
#include "shared_test_support.h"

namespace fs = std::filesystem;

namespace w4rl::pipeline {

TEST(RunConfig, PresetThenFileThenOverrides) {
  const fs::path file = w4rl::test::freshDir() / "config.yaml";
  std::ofstream(file) << "# a flat YAML config\nchannels: [8, 16]\nlr: 0.001\nsteps: 50\n";
  const RunConfig rc = resolveRunConfig("cpu", file, {"steps=7", "action_encoding=one-hot"}, false);
  EXPECT_EQ(rc.model.channels, (std::vector<int>{8, 16}));
  EXPECT_DOUBLE_EQ(rc.train.lr, 0.001);
  EXPECT_EQ(rc.train.steps, 7);  // the override wins over the file
  EXPECT_EQ(rc.model.actionEncoding, learning::ActionEncoding::OneHot);
  EXPECT_FALSE(rc.imageSizeSet);
  EXPECT_EQ(resolveRunConfig("auto", {}, {}, true).model.channels,
            learning::WorldModelConfig::gpuPreset().channels);
  EXPECT_EQ(resolveRunConfig("auto", {}, {}, false).model.channels,
            learning::WorldModelConfig::cpuDefault().channels);
  fs::remove(file);
}

TEST(RunConfig, ErrorsNameTheOffendingKeyOrLine) {
  auto message = [](const std::function<void()>& f) {
    try {
      f();
    } catch (const Error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_NE(message([] { resolveRunConfig("cpu", {}, {"chanels=[8]"}, false); }).find("chanels"),
            std::string::npos);
  EXPECT_NE(message([] { resolveRunConfig("cpu", {}, {"steps=many"}, false); }).find("steps"),
            std::string::npos);
  EXPECT_NE(message([] { resolveRunConfig("cpu", {}, {"novalue"}, false); }).find("key=value"),
            std::string::npos);
  EXPECT_NE(message([] { resolveRunConfig("tpu", {}, {}, false); }).find("preset"), std::string::npos);
  const fs::path file = w4rl::test::freshDir() / "bad.yaml";
  std::ofstream(file) << "steps: 5\nthis line has no colon\n";
  EXPECT_NE(message([&] { resolveRunConfig("cpu", file, {}, false); }).find("line 2"), std::string::npos);
  fs::remove(file);
}

TEST(RunConfig, ConfigFilesRefuseUnknownGroupsDuplicatesDirectoriesAndNegativeSeeds) {
  auto message = [](const fs::path& file, const std::vector<std::string>& overrides = {}) {
    try {
      resolveRunConfig("cpu", file, overrides, false);
    } catch (const Error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  const fs::path dir = w4rl::test::freshDir();
  // A group reads as dotted keys (config/config_file.h); train-world-model's keys have no group.
  std::ofstream(dir / "nested.yaml") << "world_model:\n  steps: 5\n";
  EXPECT_NE(message(dir / "nested.yaml")
                .find("nested.yaml line 2: unknown world-model config key 'world_model.steps'"),
            std::string::npos)
      << message(dir / "nested.yaml");
  std::ofstream(dir / "tab.yaml") << "steps: 5\n\tlr: 0.1\n";
  EXPECT_NE(message(dir / "tab.yaml").find("tab.yaml line 2: not valid YAML"), std::string::npos)
      << message(dir / "tab.yaml");
  std::ofstream(dir / "twice.yaml") << "steps: 5\n# comment\nsteps: 6\n";
  EXPECT_NE(message(dir / "twice.yaml").find("line 3: 'steps' is given twice (first on line 1)"),
            std::string::npos)
      << message(dir / "twice.yaml");
  EXPECT_NE(message(dir).find("is a directory"), std::string::npos) << message(dir);
  EXPECT_NE(message({}, {"seed=-1"}).find("a seed is a non-negative integer, not -1"), std::string::npos)
      << message({}, {"seed=-1"});
  // A UTF-8 byte-order mark (Windows editors) and indented comments are accepted.
  std::ofstream(dir / "bom.yaml") << "\xEF\xBB\xBFsteps: 9\n   # an indented comment\n";
  EXPECT_EQ(resolveRunConfig("cpu", dir / "bom.yaml", {}, false).train.steps, 9);
}

}  // namespace w4rl::pipeline

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "common/error.h"
#include "pipeline/run_config.h"
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

}  // namespace w4rl::pipeline

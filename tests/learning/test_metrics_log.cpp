#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>

#include "learning/metrics_log.h"
#include "shared_test_support.h"

namespace w4rl::learning {
namespace {

namespace fs = std::filesystem;

std::string read(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// The file without the "wall_time" field every record gets (its value is the clock's).
std::string withoutWallTime(const std::string& text) {
  return std::regex_replace(text, std::regex(R"((, )?"wall_time": [0-9.]+)"), "");
}

void writeRaw(const fs::path& file, const std::string& text) {
  std::ofstream(file, std::ios::binary) << text;
}

}  // namespace

TEST(MetricsLog, AResumedRunDropsWhatAKilledRunLoggedAfterItsCheckpoint) {
  const fs::path file = w4rl::test::freshDir() / "metrics.jsonl";
  writeRaw(file,
           "{\"step\": 50, \"train/loss\": 0.5}\n"
           "{\"step\": 100, \"valid/loss\": 0.4}\n"
           "{\"note\": 1}\n"
           "{\"step\": 150, \"train/loss\": 0.3}\n"
           "{\"step\": 200, \"train/lo");  // the kill cut this line short
  {
    MetricsLog log(file, ResumePoint{"step", 100});
    log.write({{"step", 150}, {"train/loss", 0.25}});
  }
  EXPECT_EQ(withoutWallTime(read(file)),
            "{\"step\": 50, \"train/loss\": 0.5}\n"
            "{\"step\": 100, \"valid/loss\": 0.4}\n"
            "{\"note\": 1}\n"
            "{\"step\": 150, \"train/loss\": 0.25}\n");
}

TEST(MetricsLog, AFreshOrCleanLogIsOnlyAppendedTo) {
  const fs::path file = w4rl::test::freshDir() / "metrics.jsonl";
  const std::string before = "{\"iteration\": 0, \"eval/success_rate\": 0.5}\n{\"iteration\": 1}\n";
  writeRaw(file, before);
  { MetricsLog log(file, ResumePoint{"iteration", 1}); }
  EXPECT_EQ(read(file), before);
  {
    MetricsLog log(file);  // not a resume: nothing is dropped, even records past any point
    log.write({{"iteration", 2}});
  }
  EXPECT_EQ(withoutWallTime(read(file)), before + "{\"iteration\": 2}\n");
  // A resume before anything was logged.
  const fs::path fresh = file.parent_path() / "fresh.jsonl";
  { MetricsLog log(fresh, ResumePoint{"step", 10}); }
  EXPECT_EQ(read(fresh), "");
}

TEST(MetricsLog, KeysAreEscapedAndNonFiniteValuesAreNull) {
  const fs::path file = w4rl::test::freshDir() / "metrics.jsonl";
  {
    MetricsLog log(file);
    log.write({{"a\"b\\c\n", 1.5}, {"x", std::nan("")}});
  }
  EXPECT_EQ(withoutWallTime(read(file)), "{\"a\\\"b\\\\c\\u000a\": 1.5, \"x\": null}\n");
}

TEST(MetricsLog, EveryRecordCarriesItsWallTime) {
  const fs::path file = w4rl::test::freshDir() / "metrics.jsonl";
  const double before =
      std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
  { MetricsLog(file).write({{"step", 1}}); }
  std::smatch m;
  const std::string text = read(file);
  ASSERT_TRUE(std::regex_search(text, m, std::regex(R"(^\{"step": 1, "wall_time": ([0-9.]+)\}\n$)"))) << text;
  EXPECT_NEAR(std::stod(m[1].str()), before, 60.0);
}

// TensorBoard's view of a run equals metrics.jsonl's, read by an independent decoder (python3-protobuf,
// its own CRC-32C), across a resume that relogs steps a killed run had already logged.
TEST(MetricsLog, TensorBoardEventFilesHoldTheSameScalarsAsTheJsonLines) {
  const fs::path dir = w4rl::test::freshDir();
  const fs::path file = dir / "metrics.jsonl";
  {
    MetricsLog log(file);
    log.write({{"step", 50}, {"train/loss", 0.5}, {"train/lr", 1e-4}});
    log.write({{"step", 100}, {"train/loss", 0.25}, {"valid/loss", std::nan("")}});
    log.write({{"step", 150}, {"train/loss", 0.75}});  // to be dropped by the resume below
  }
  {
    MetricsLog log(file, ResumePoint{"step", 100});
    log.write({{"step", 150}, {"train/loss", 0.125}});
    log.write({{"iteration", 3}, {"eval/success_rate", 0.4}});
  }
  std::size_t eventFiles = 0;
  for (const auto& entry : fs::directory_iterator(dir)) eventFiles += isEventFileName(entry.path());
  EXPECT_EQ(eventFiles, 2u);
  EXPECT_EQ(w4rl::test::runPython("check_tfevents.py", {dir.string()}), 0);
}

}  // namespace w4rl::learning

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
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
  EXPECT_EQ(read(file),
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
  EXPECT_EQ(read(file), before + "{\"iteration\": 2}\n");
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
  EXPECT_EQ(read(file), "{\"a\\\"b\\\\c\\u000a\": 1.5, \"x\": null}\n");
}

}  // namespace w4rl::learning

#include <gtest/gtest.h>

#include <fstream>

#include "runs/metrics_reader.h"
#include "shared_test_support.h"

namespace w4rl::runs {

TEST(MetricsReader, ReadsCompleteLinesIncrementallyAndKeepsAPartialOneForLater) {
  const auto file = w4rl::test::freshDir() / "metrics.jsonl";
  MetricsReader reader(file);
  EXPECT_EQ(reader.poll(), 0u);  // no file yet: a run that has not logged
  {
    std::ofstream out(file);
    out << R"({"step": 50, "train/loss": 0.5, "train/lr": 1e-4})"
        << "\n"
        << R"({"step": 100, "train/loss": 0.4, "valid/loss": null})"
        << "\n"
        << R"({"step": 150, "train/lo)";  // being written
  }
  EXPECT_EQ(reader.poll(), 2u);
  EXPECT_EQ(reader.series("train/loss"), (std::vector<std::pair<double, double>>{{50, 0.5}, {100, 0.4}}));
  EXPECT_TRUE(reader.series("valid/loss").empty());  // null is not a value
  {
    std::ofstream out(file, std::ios::app);
    out << R"(ss": 0.3})"
        << "\n"
        << R"({"iteration": 2, "charts/sigma": 0.8})"
        << "\n"
        << "not json\n";
  }
  EXPECT_EQ(reader.poll(), 2u);
  EXPECT_EQ(reader.malformedLines(), 1u);
  EXPECT_DOUBLE_EQ(reader.latest("train/loss"), 0.3);
  EXPECT_EQ(reader.series("charts/sigma"), (std::vector<std::pair<double, double>>{{2, 0.8}}));
  EXPECT_EQ(reader.keys(), (std::vector<std::string>{"charts/sigma", "train/loss", "train/lr"}));
  EXPECT_EQ(reader.poll(), 0u);
  // A run restarted from scratch replaces the file: the reader starts over.
  {
    std::ofstream(file) << R"({"step": 1, "train/loss": 0.9})"
                        << "\n";
  }
  EXPECT_EQ(reader.poll(), 1u);
  EXPECT_EQ(reader.records().size(), 1u);
}

}  // namespace w4rl::runs

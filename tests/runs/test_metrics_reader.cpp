#include <gtest/gtest.h>

#include <fstream>

#include "common/tf_events.h"
#include "common/tf_record.h"
#include "runs/metrics_reader.h"
#include "runs/run_registry.h"
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

namespace {

TfEvent scalars(std::int64_t step, std::vector<std::pair<std::string, double>> values) {
  TfEvent e;
  e.wallTime = 1764825600.0 + static_cast<double>(step);
  e.step = step;
  e.scalars = std::move(values);
  return e;
}

}  // namespace

// Another tool's run as CleanRL writes it (torch's SummaryWriter: one event per scalar), resumed into a
// second file that restarts at step 3, read from the directory while the second file is being written.
TEST(MetricsReader, ReadsADirectoryOfTensorBoardEventFilesAsOneRun) {
  const auto dir = w4rl::test::freshDir();
  {
    TfEventsWriter first(dir);
    for (std::int64_t step = 1; step <= 4; ++step) {
      first.write(scalars(step, {{"charts/episodic_return", 10.0 * static_cast<double>(step)}}));
      first.write(scalars(step, {{"losses/value_loss", 1.0 / static_cast<double>(step)}}));
    }
  }
  EXPECT_EQ(describeRun(dir).kind, RunKind::TensorBoard);
  EXPECT_EQ(describeRun(dir).done, 4);

  MetricsReader reader = MetricsReader::forRun(dir);
  EXPECT_EQ(reader.poll(), 4u);
  EXPECT_EQ(reader.records()[1].values.at("losses/value_loss"), 0.5);
  EXPECT_EQ(reader.records()[1].values.at("wall_time"), 1764825602.0);

  // The resumed run: a SessionLog START at step 3, then steps 3 and 4 again with other values; the last
  // record still being written.
  TfEvent restart;
  restart.step = 3;
  restart.sessionStart = true;
  const std::string second = frameRecord(encodeEvent(restart)) +
                             frameRecord(encodeEvent(scalars(3, {{"charts/episodic_return", 35.0}}))) +
                             frameRecord(encodeEvent(scalars(4, {{"charts/episodic_return", 45.0}})));
  const auto file = dir / "events.out.tfevents.9999999999.host.1.0";
  std::ofstream(file, std::ios::binary) << second.substr(0, second.size() - 5);
  reader.poll();
  EXPECT_EQ(reader.series("charts/episodic_return"),
            (std::vector<std::pair<double, double>>{{1, 10}, {2, 20}, {3, 35}}));
  std::ofstream(file, std::ios::binary | std::ios::app) << second.substr(second.size() - 5);
  EXPECT_EQ(reader.poll(), 1u);
  EXPECT_EQ(reader.series("charts/episodic_return"),
            (std::vector<std::pair<double, double>>{{1, 10}, {2, 20}, {3, 35}, {4, 45}}));
  EXPECT_EQ(reader.series("losses/value_loss"), (std::vector<std::pair<double, double>>{{1, 1}, {2, 0.5}}));
  EXPECT_EQ(reader.malformedLines(), 0u);
}

TEST(MetricsReader, ADamagedEventFileKeepsTheRecordsBeforeTheDamage) {
  const auto file = w4rl::test::freshDir() / "events.out.tfevents.1.host";
  std::string bytes =
      frameRecord(encodeEvent(scalars(1, {{"x", 1.0}}))) + frameRecord(encodeEvent(scalars(2, {{"x", 2.0}})));
  bytes[bytes.size() - 6] ^= 0x40;
  std::ofstream(file, std::ios::binary) << bytes;
  MetricsReader reader(file);
  EXPECT_EQ(reader.poll(), 1u);
  EXPECT_EQ(reader.malformedLines(), 1u);
  EXPECT_EQ(reader.series("x"), (std::vector<std::pair<double, double>>{{1, 1}}));
  std::ofstream(file, std::ios::binary | std::ios::app) << frameRecord(encodeEvent(scalars(3, {{"x", 3.0}})));
  EXPECT_EQ(reader.poll(), 0u);  // nothing past the damage is trusted
}

}  // namespace w4rl::runs

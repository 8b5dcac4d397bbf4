// The Runs panel runs real stages on the thread pool: a tiny behaviour-cloning run to completion with
// live progress and a chart of its metrics, a cancelled one, a paused one, and bad input.
#include <gtest/gtest.h>

#include <QDir>
#include <QElapsedTimer>
#include <QProgressBar>
#include <QSignalSpy>
#include <QTest>

#include <fstream>
#include <sstream>

#include "common/thread_priority.h"
#include "metrics_chart.h"
#include "pipeline/services/file_probe.h"
#include "runs_panel.h"
#include "shared_test_support.h"
#include "studio_test_data.h"

namespace fs = std::filesystem;

namespace w4rl::studio {
namespace {

// The highest niceness among this process's threads (Linux: field 19 of /proc/self/task/*/stat).
int highestThreadNiceness() {
  int highest = -100;
  for (const auto& task : fs::directory_iterator("/proc/self/task")) {
    std::ifstream stat(task.path() / "stat");
    std::string line;
    std::getline(stat, line);
    const auto close = line.rfind(')');  // the command name may hold spaces
    if (close == std::string::npos) continue;
    std::istringstream fields(line.substr(close + 2));
    std::string field;
    for (int i = 3; i <= 19 && fields >> field; ++i)
      if (i == 19) highest = std::max(highest, std::stoi(field));
  }
  return highest;
}

pipeline::StageForm tinyCloning(const fs::path& out, int steps) {
  pipeline::StageForm f;
  f.stage = pipeline::Stage::TrainPolicy;
  f.data = {smallDataset().string()};
  f.task = "door-lock";
  f.out = out.string();
  f.overrides = {"steps=" + std::to_string(steps),
                 "channels=[8,16,16]",
                 "hidden=16",
                 "device=cpu",
                 "log_every=5",
                 "valid_every=10"};
  return f;
}

// Runs `form` from the panel to its end; returns the panel's closing message, failing the test if the
// run did not succeed.
QString runToSuccess(RunsPanel& panel, const pipeline::StageForm& form) {
  QSignalSpy finished(&panel, &RunsPanel::finished);
  panel.setForm(form);
  panel.start();
  // A guard against a hang, not a speed target: alone the run takes about 15 s, beside the rest of the
  // suite on two cores over 60 s.
  if (!finished.wait(300000)) {
    ADD_FAILURE() << "the run did not finish within 300 s";
    return {};
  }
  const QString message = finished.at(0).at(1).toString();
  EXPECT_TRUE(finished.at(0).at(0).toBool()) << message.toStdString();
  return message;
}

}  // namespace

TEST(RunsPanel, RunsAStageInTheBackgroundWithProgressAndChartsItsMetrics) {
  const auto dir = w4rl::test::freshDir();
  RunsPanel panel;
  panel.setForm(tinyCloning(dir / "bc", 40));
  EXPECT_EQ(panel.form().overrides.size(), 6u);  // the form round-trips
  QSignalSpy finished(&panel, &RunsPanel::finished);
  panel.start();
  EXPECT_TRUE(panel.running());
  ASSERT_TRUE(finished.wait(60000));
  EXPECT_TRUE(finished.at(0).at(0).toBool()) << finished.at(0).at(1).toString().toStdString();
  EXPECT_FALSE(panel.running());
  EXPECT_TRUE(fs::exists(dir / "bc" / "policy.pt"));
  EXPECT_EQ(panel.progressBar()->value(), panel.progressBar()->maximum());
  panel.chart()->setMetric("train/nll");
  EXPECT_EQ(panel.chart()->metric(), "train/nll");
  // The files are read on a pool thread; the chart shows them once a poll has.
  QTRY_COMPARE_WITH_TIMEOUT(panel.chart()->pointCount(0), 8, 10000);  // every 5 of 40 steps

  // The folder's runs are listed (read on a pool thread too); a second run overlays the first.
  QSignalSpy listed(&panel, &RunsPanel::runsListed);
  panel.setRunsFolder(QString::fromStdString(dir.string()));
  ASSERT_TRUE(listed.wait(10000));
  EXPECT_EQ(panel.listedRuns(), 1);
  panel.chart()->setOverlay(QString::fromStdString((dir / "bc").string()));
  QTRY_COMPARE_WITH_TIMEOUT(panel.chart()->pointCount(1), 8, 10000);
}

TEST(RunsPanel, EvaluatesAPolicyAndAuditsTheRewardClassifierOnTheSameEpisodes) {
  const auto dir = w4rl::test::freshDir();
  RunsPanel panel;
  // A tiny policy and classifier trained from the panel itself, then the evaluation with the audit.
  runToSuccess(panel, tinyCloning(dir / "bc", 10));
  pipeline::StageForm reward;
  reward.stage = pipeline::Stage::TrainReward;
  reward.data = {smallDataset().string()};
  reward.task = "door-lock";
  reward.out = (dir / "reward").string();
  reward.overrides = {"steps=5", "channels=[8,16,16]", "hidden=16", "device=cpu", "valid_every=5"};
  runToSuccess(panel, reward);

  pipeline::StageForm eval;
  eval.stage = pipeline::Stage::EvaluatePolicy;
  eval.task = "door-lock";
  eval.policy = (dir / "bc" / "policy.pt").string();
  eval.reward = (dir / "reward" / "reward.pt").string();
  eval.episodes = 2;
  const auto summary = runToSuccess(panel, eval);
  EXPECT_EQ(panel.form().reward, eval.reward);  // the reward field is part of the evaluation's form
  EXPECT_TRUE(summary.startsWith("success ")) << summary.toStdString();
  EXPECT_TRUE(summary.contains("the reward fires in")) << summary.toStdString();
  EXPECT_TRUE(summary.contains(" failed episodes")) << summary.toStdString();
}

TEST(RunsPanel, DreamsADatasetWithAWorldModel) {
  const auto dir = w4rl::test::freshDir();
  RunsPanel panel;
  pipeline::StageForm dream;
  dream.stage = pipeline::Stage::Dream;
  dream.data = {smallDataset().string()};
  dream.worldModel = tinyWorldModel().string();
  dream.out = (dir / "dreams.hdf5").string();
  dream.overrides = {"segment=4", "sampler_steps=2", "split=all", "episodes=3", "device=cpu"};
  const auto summary = runToSuccess(panel, dream);
  EXPECT_EQ(panel.form().worldModel, dream.worldModel);  // the world-model field is part of the form
  EXPECT_TRUE(summary.startsWith("3 episodes dreamed into")) << summary.toStdString();
  const auto probe = pipeline::probeFile(dream.out);
  EXPECT_EQ(probe.kind, pipeline::FileKind::Dataset);
  EXPECT_TRUE(probe.description.find("3 episodes") == 0) << probe.description;

  // A bad setting fails the run with a message naming it, and writes nothing.
  QSignalSpy finished(&panel, &RunsPanel::finished);
  dream.out = (dir / "never.hdf5").string();
  dream.overrides = {"segment=many"};
  panel.setForm(dream);
  panel.start();
  ASSERT_TRUE(finished.wait(60000));
  EXPECT_FALSE(finished.at(0).at(0).toBool());
  EXPECT_TRUE(finished.at(0).at(1).toString().contains("segment"))
      << finished.at(0).at(1).toString().toStdString();
  EXPECT_FALSE(fs::exists(dir / "never.hdf5"));
}

TEST(RunsPanel, CancelsAndPausesARunAndReportsBadInput) {
  const auto dir = w4rl::test::freshDir();
  RunsPanel panel;
  QSignalSpy finished(&panel, &RunsPanel::finished);
  panel.setForm(tinyCloning(dir / "long", 100000));
  panel.start();
  panel.setPaused(true);
  // The job blocks in its first progress report, after it created its metrics file (loading the data
  // first can take seconds on a busy machine).
  QTRY_VERIFY_WITH_TIMEOUT(fs::exists(dir / "long" / "metrics.jsonl"), 30000);
  QTest::qWait(200);
  const auto metricsSize = [&] {
    std::error_code ec;
    return fs::file_size(dir / "long" / "metrics.jsonl", ec);
  };
  const auto before = metricsSize();
  QTest::qWait(700);
  EXPECT_EQ(metricsSize(), before);  // paused: nothing more logged
#ifdef __linux__
  // The run's thread is niced (observable unless the whole test already runs at niceness 10 or more).
  if (thisThreadNiceness() < 10) {
    EXPECT_GE(highestThreadNiceness(), 10);
  }
#endif
  panel.setPaused(false);
  panel.cancel();
  ASSERT_TRUE(finished.wait(60000));
  EXPECT_FALSE(finished.at(0).at(0).toBool());
  EXPECT_EQ(finished.at(0).at(1).toString(), "Cancelled");

  auto bad = tinyCloning(dir / "bad", 10);
  bad.task = "juggling";
  panel.setForm(bad);
  panel.start();
  ASSERT_TRUE(finished.wait(60000));
  EXPECT_FALSE(finished.at(1).at(0).toBool());
  EXPECT_TRUE(finished.at(1).at(1).toString().contains("juggling"))
      << finished.at(1).at(1).toString().toStdString();
}

TEST(RunsPanel, ResumesAnInterruptedRunFromItsLastCheckpoint) {
  const auto dir = w4rl::test::freshDir();
  RunsPanel panel;
  QSignalSpy finished(&panel, &RunsPanel::finished);
  pipeline::StageForm f;
  f.stage = pipeline::Stage::TrainWorldModel;
  f.data = {smallDataset().string()};
  f.out = (dir / "wm").string();
  f.overrides = {"steps=100000",       "channels=[8,8,8]",       "cond_dim=16", "device=cpu", "log_every=1",
                 "valid_every=100000", "checkpoint_every=100000"};
  panel.setForm(f);
  panel.start();
  QTRY_VERIFY_WITH_TIMEOUT(fs::exists(dir / "wm" / "metrics.jsonl"), 30000);
  QTest::qWait(300);
  panel.cancel();
  ASSERT_TRUE(finished.wait(60000));
  EXPECT_EQ(finished.at(0).at(1).toString(), "Cancelled");
  // The interrupted run keeps last.pt; its step is in the checkpoint's description.
  const auto probe = pipeline::probeFile(dir / "wm" / "last.pt");
  const auto at = probe.description.rfind("step ");
  ASSERT_NE(at, std::string::npos) << probe.description;
  const int stopped = std::stoi(probe.description.substr(at + 5));
  ASSERT_GT(stopped, 0);

  f.resume = true;
  f.overrides[0] = "steps=" + std::to_string(stopped + 3);
  panel.setForm(f);
  panel.start();
  ASSERT_TRUE(finished.wait(60000));
  EXPECT_TRUE(finished.at(1).at(0).toBool()) << finished.at(1).at(1).toString().toStdString();
  const auto resumed = pipeline::probeFile(dir / "wm" / "last.pt").description;
  EXPECT_NE(resumed.find("step " + std::to_string(stopped + 3)), std::string::npos) << resumed;
  // The same metrics file goes on from where the run stopped.
  panel.openRun(QString::fromStdString((dir / "wm").string()));
  panel.chart()->setMetric("train/loss");
  QTRY_VERIFY_WITH_TIMEOUT(panel.chart()->pointCount(0) >= stopped + 3, 10000);
}

TEST(RunsPanel, ClosingWhileARunTrainsStopsTheRunFirst) {
  // The worker reports progress into the panel's job object: the panel must not die under it (this
  // crashed the studio when its window closed during a run).
  const auto dir = w4rl::test::freshDir();
  auto panel = std::make_unique<RunsPanel>();
  panel->setForm(tinyCloning(dir / "long", 100000));
  panel->start();
  QTRY_VERIFY_WITH_TIMEOUT(fs::exists(dir / "long" / "metrics.jsonl"), 30000);
  QElapsedTimer clock;
  clock.start();
  panel.reset();  // cancels and waits
  EXPECT_LT(clock.elapsed(), 30000);
  const auto size = fs::file_size(dir / "long" / "metrics.jsonl");
  QTest::qWait(500);
  EXPECT_EQ(fs::file_size(dir / "long" / "metrics.jsonl"), size);  // the run has stopped
}

}  // namespace w4rl::studio

// Real vs imagined in the studio, end to end: a world model trained by the pipeline's job on a collected
// dataset is opened beside it; an episode is imagined from a start step, scrubbed and exported.
#include <gtest/gtest.h>

#include <qcustomplot.h>
#include <QSignalSpy>
#include <QTest>

#include "dataset_browser.h"
#include "episode_view.h"
#include "frame_view.h"
#include "main_window.h"
#include "rollout_panel.h"
#include "shared_test_support.h"
#include "studio_test_data.h"

namespace fs = std::filesystem;

namespace w4rl::studio {

TEST(RolloutPanel, ImaginesFromAStartStepScrubsAllViewsTogetherAndExports) {
  const auto dir = w4rl::test::freshDir();

  MainWindow window("CPU");
  window.setQuietErrors(true);
  auto* panel = window.rolloutPanel();
  QSignalSpy ready(panel, &RolloutPanel::modelReady);
  QSignalSpy failed(panel, &RolloutPanel::failed);
  const QString data = QString::fromStdString(smallDataset().string());
  window.openFiles({data, QString::fromStdString(tinyWorldModel().string())});
  ASSERT_TRUE(ready.wait(20000)) << (failed.isEmpty() ? "" : failed.at(0).at(0).toString().toStdString());
  QSignalSpy shown(window.episodeView(), &EpisodeView::shown);
  QTRY_VERIFY_WITH_TIMEOUT(window.datasetBrowser()->episodeCount() == 5, 10000);
  window.datasetBrowser()->selectEpisode(data, 0);
  ASSERT_TRUE(shown.wait(10000));

  QSignalSpy imagined(panel, &RolloutPanel::imagined);
  panel->setStart(5);
  panel->setHorizon(6);
  panel->imagine();
  ASSERT_TRUE(imagined.wait(30000)) << (failed.isEmpty() ? "" : failed.at(0).at(0).toString().toStdString());
  EXPECT_EQ(panel->comparison().steps, 6);
  EXPECT_EQ(panel->fidelityPlot()->graph(0)->dataCount(), 6);
  const QImage first = panel->imaginedView()->frame();
  EXPECT_FALSE(first.isNull());
  panel->timeline().seek(5);
  EXPECT_NE(panel->imaginedView()->frame(), first);
  QSignalSpy exported(panel, &RolloutPanel::exported);
  panel->exportVideo(QString::fromStdString((dir / "r.mp4").string()));  // on a worker
  ASSERT_TRUE(exported.wait(20000));
  panel->exportPng(QString::fromStdString((dir / "r.png").string()));
  ASSERT_TRUE(exported.wait(20000));
  EXPECT_GT(fs::file_size(dir / "r.mp4"), 0u);
  EXPECT_GT(fs::file_size(dir / "r.png"), 0u);
  EXPECT_TRUE(panel->spreadView()->frame().isNull()) << "one sample per step: no spread";
  EXPECT_FALSE(panel->spreadPlot()->isVisibleTo(panel));

  // Three samples per step: the spread beside the imagined frame, its mean per step as a chart.
  panel->setDreamSamples(3);
  panel->imagine();
  ASSERT_TRUE(imagined.wait(30000)) << (failed.isEmpty() ? "" : failed.at(0).at(0).toString().toStdString());
  ASSERT_EQ(panel->comparison().meanSpread.size(), 6u);
  EXPECT_EQ(panel->spreadView()->frame().size(), panel->imaginedView()->frame().size());
  EXPECT_TRUE(panel->spreadPlot()->isVisibleTo(panel));
  EXPECT_EQ(panel->spreadPlot()->graph(0)->dataCount(), 6);
  EXPECT_DOUBLE_EQ(panel->spreadPlot()->graph(0)->data()->at(2)->value,
                   100.0 * panel->comparison().meanSpread[2]);
  EXPECT_TRUE(failed.isEmpty());
}

}  // namespace w4rl::studio

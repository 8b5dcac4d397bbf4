// Teleop in the imagined world through the panel: a world model loaded in the background, a fresh task
// reset with the real task alongside, steps from the sliders' API and from keys, the divergence chart,
// recording, and a refused hand-over without a policy.
#include <gtest/gtest.h>

#include <qcustomplot.h>
#include <QCheckBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

#include "data/dataset.h"
#include "dataset_listing.h"
#include "frame_view.h"
#include "shared_test_support.h"
#include "studio_test_data.h"
#include "teleop_panel.h"

namespace fs = std::filesystem;

namespace w4rl::studio {

TEST(TeleopPanel, DrivesTheDreamBesideTheRealTaskAndRecordsTheSession) {
  const auto dir = w4rl::test::freshDir();
  TeleopPanel panel;
  QSignalSpy ready(&panel, &TeleopPanel::ready);
  QSignalSpy failed(&panel, &TeleopPanel::failed);
  panel.setWorldModel(QString::fromStdString(tinyWorldModel().string()));
  // A policy opened while the world model loads is loaded once it has: here a file that is no policy,
  // refused then, naming the file.
  panel.setPolicy(QString::fromStdString(tinyWorldModel().string()));
  ASSERT_TRUE(ready.wait(20000));
  ASSERT_TRUE(failed.wait(20000));
  EXPECT_NE(failed.at(0).at(0).toString().indexOf("last.pt"), -1)
      << failed.at(0).at(0).toString().toStdString();
  failed.clear();
  QSignalSpy reset(&panel, &TeleopPanel::resetDone);
  QSignalSpy stepped(&panel, &TeleopPanel::stepped);
  auto* record = panel.findChild<QPushButton*>("record");
  auto* step = panel.findChild<QPushButton*>("step");
  auto* policyControl = panel.findChild<QCheckBox*>("policyControl");
  ASSERT_TRUE(record && step && policyControl);
  panel.resetFromTask();
  EXPECT_FALSE(step->isEnabled()) << "greyed while the reset runs on the worker";
  ASSERT_TRUE(reset.wait(20000));
  EXPECT_TRUE(step->isEnabled());
  // Steps run on the panel's worker thread; the GUI thread gets each frame by signal.
  for (int i = 0; i < 3; ++i) {
    panel.stepOnce({1.0f, 0.0f, 0.0f, 0.0f});
    ASSERT_TRUE(stepped.wait(20000));
  }
  EXPECT_EQ(panel.steps(), 3);
  EXPECT_GT(panel.lastLatencyMs(), 0.0);
  // The trace for the 3D view: the reset's start, three actions, the real gripper's path moving +x.
  const TeleopTrace& trace = panel.trace();
  ASSERT_TRUE(trace.start.has_value());
  ASSERT_TRUE(trace.scene.has_value());
  EXPECT_EQ(trace.steps(), 3);
  ASSERT_EQ(trace.realPath.size(), 4u);
  EXPECT_GT(trace.realPath.back()[0] - trace.realPath.front()[0], 0.03);
  EXPECT_EQ(panel.divergencePlot()->graph(0)->dataCount(), 3);
  EXPECT_FALSE(panel.imaginedView()->frame().isNull());
  QTest::keyClick(&panel, Qt::Key_D);  // one step per key press
  ASSERT_TRUE(stepped.wait(20000));
  EXPECT_EQ(panel.steps(), 4);
  EXPECT_TRUE(panel.spreadView()->frame().isNull()) << "one sample per step: no spread";
  EXPECT_EQ(panel.divergencePlot()->graph(1)->dataCount(), 0);
  panel.setDreamSamples(3);  // where the world model is unsure: three samples of the next step
  panel.stepOnce({0.0f, 1.0f, 0.0f, 0.0f});
  ASSERT_TRUE(stepped.wait(20000));
  EXPECT_EQ(panel.spreadView()->frame().size(), panel.imaginedView()->frame().size());
  EXPECT_EQ(panel.divergencePlot()->graph(1)->dataCount(), 1);
  EXPECT_GT(panel.divergencePlot()->graph(1)->data()->at(0)->value, 0.0)
      << "an untrained model's samples differ";
  panel.setDreamSamples(1);
  EXPECT_EQ(panel.steps(), 5);
  QSignalSpy recorded(&panel, &TeleopPanel::recorded);
  panel.recordTo(QString::fromStdString((dir / "teleop.hdf5").string()));  // on the worker
  EXPECT_FALSE(record->isEnabled());
  EXPECT_FALSE(step->isEnabled());
  ASSERT_TRUE(recorded.wait(20000));
  EXPECT_TRUE(record->isEnabled());
  EXPECT_TRUE(step->isEnabled());
  EXPECT_EQ(recorded.at(0).at(0).toInt(), 1);
  EXPECT_EQ(data::Dataset::open({dir / "teleop.hdf5"}).episodes().at(0).numSamples, 5);
  EXPECT_TRUE(failed.isEmpty());
  panel.setPolicyInControl(true);  // no policy loaded
  EXPECT_EQ(failed.count(), 1);
  // A policy loads on the worker: a file that is no policy fails there, naming the file, and the panel
  // takes steps again afterwards.
  panel.setPolicy(QString::fromStdString(tinyWorldModel().string()));
  EXPECT_FALSE(policyControl->isEnabled()) << "no hand-over while the policy loads";
  EXPECT_TRUE(step->isEnabled());
  ASSERT_TRUE(failed.wait(20000));
  EXPECT_TRUE(policyControl->isEnabled());
  EXPECT_NE(failed.at(1).at(0).toString().indexOf("last.pt"), -1)
      << failed.at(1).at(0).toString().toStdString();
  panel.stepOnce({0.0f, 0.0f, 1.0f, 0.0f});
  ASSERT_TRUE(stepped.wait(20000));

  // A dataset frame whose episode has its seed and states: the real task joins there, and each step
  // charts the dream against it.
  panel.setEpisode(loadEpisode(QString::fromStdString(smallDataset().string()), 0), 5);
  auto* fromEpisode = panel.findChild<QPushButton*>("resetFromEpisode");
  ASSERT_NE(fromEpisode, nullptr);
  QTest::mouseClick(fromEpisode, Qt::LeftButton);
  ASSERT_TRUE(reset.wait(20000));
  EXPECT_TRUE(panel.statusText().contains("real task alongside")) << panel.statusText().toStdString();
  EXPECT_FALSE(panel.realView()->frame().isNull());
  panel.stepOnce({1.0f, 0.0f, 0.0f, 0.0f});
  ASSERT_TRUE(stepped.wait(20000));
  EXPECT_EQ(panel.divergencePlot()->graph(0)->dataCount(), 1);
  EXPECT_GE(panel.trace().realPath.size(), 2u);
}

}  // namespace w4rl::studio

// The "Dream vs real" panel over eval-dream, on the shipped world model, hammer's classifier and its BC
// policy: it runs on a worker, lists the starts with disagreements first, plays a start's dream beside its
// real replay with the classifier's probabilities, and cancels.
#include <gtest/gtest.h>

#include <qcustomplot.h>
#include <QComboBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>

#include "common/resource_dir.h"
#include "dream_truth_panel.h"
#include "frame_view.h"

namespace w4rl::studio {
namespace {

QString shipped(const char* file) {
  return QString::fromStdString((resourceDir() / "models" / file).string());
}

QPushButton* button(DreamTruthPanel& panel, const QString& text) {
  for (auto* b : panel.findChildren<QPushButton*>())
    if (b->text() == text) return b;
  return nullptr;
}

}  // namespace

TEST(DreamTruthPanel, ComparesTheDreamWithTheRealReplayDisagreementsFirst) {
  DreamTruthPanel panel;
  QPushButton* compare = button(panel, "Compare");
  ASSERT_NE(compare, nullptr);
  EXPECT_FALSE(compare->isEnabled()) << "nothing loaded yet";
  panel.setWorldModel(shipped("world_model_3task_cpu.pt"));
  panel.setRewardModel(shipped("reward_hammer.pt"));
  EXPECT_FALSE(compare->isEnabled()) << "neither a policy nor random actions";
  panel.setPolicy(shipped("bc_hammer.pt"), "hammer");
  ASSERT_TRUE(compare->isEnabled());
  panel.setStarts(4);
  panel.setHorizon(6);
  panel.setDreams(2);
  QSignalSpy finished(&panel, &DreamTruthPanel::finished);
  QSignalSpy failed(&panel, &DreamTruthPanel::failed);
  compare->click();  // as a user does
  EXPECT_TRUE(panel.running());
  EXPECT_FALSE(compare->isEnabled());
  ASSERT_TRUE(finished.wait(300000)) << failed.value(0).value(0).toString().toStdString();
  EXPECT_FALSE(panel.running());

  const auto& report = panel.report();
  ASSERT_EQ(report.perStart.size(), 4u);
  EXPECT_EQ(report.task, "hammer");
  ASSERT_EQ(panel.startsTable()->rowCount(), 4);
  bool agreementSeen = false;
  for (int row = 0; row < 4; ++row) {
    const auto& s = report.perStart[static_cast<std::size_t>(panel.order()[static_cast<std::size_t>(row)])];
    const bool disagrees = s.imaginedSuccess != s.realSuccess;
    EXPECT_FALSE(disagrees && agreementSeen) << "row " << row << ": a disagreement below an agreement";
    agreementSeen = agreementSeen || !disagrees;
    EXPECT_EQ(panel.startsTable()->item(row, 0)->text().toInt(),
              panel.order()[static_cast<std::size_t>(row)]);
    EXPECT_NE(panel.startsTable()->item(row, 0)->toolTip().indexOf(QString::number(s.seed)), -1);
    // Two dreams per start: the Dream column tells how many of them showed success.
    EXPECT_NE(panel.startsTable()->item(row, 1)->text().indexOf(QString("(%1 of 2)").arg(s.dreamSuccesses)),
              -1)
        << panel.startsTable()->item(row, 1)->text().toStdString();
    EXPECT_EQ(s.imaginedSuccess, s.dreamSuccesses == 2);
  }
  EXPECT_EQ(report.dreams, 2);
  EXPECT_NE(panel.summary().indexOf("agreement"), -1) << panel.summary().toStdString();
  // The first row's start is shown: its dreamt frame, and both probability curves over the 6 steps.
  EXPECT_EQ(panel.dreamView()->frame().size(), QSize(64, 64));
  EXPECT_EQ(panel.probabilityPlot()->graph(0)->dataCount(), 6);
  EXPECT_EQ(panel.probabilityPlot()->graph(1)->dataCount(), 6);
  const QImage first = panel.dreamView()->frame();
  panel.setStep(6);
  EXPECT_EQ(panel.step(), 6);
  EXPECT_NE(panel.dreamView()->frame(), first) << "step 6 of the dream shows another frame than step 1";
  panel.setStep(99);
  EXPECT_EQ(panel.step(), 6) << "clamped to the horizon";
  panel.showStart(3);
  EXPECT_EQ(panel.probabilityPlot()->graph(0)->dataCount(), 6);
}

TEST(DreamTruthPanel, ThePolicyCanActOnTheRealTaskWhileTheWorldModelDreamsItsActions) {
  DreamTruthPanel panel;
  panel.setWorldModel(shipped("world_model_3task_cpu.pt"));
  panel.setRewardModel(shipped("reward_hammer.pt"));
  panel.setPolicy(shipped("bc_hammer.pt"), "hammer");
  panel.setStarts(2);
  panel.setHorizon(5);
  auto* actOn = panel.findChild<QComboBox*>("actOn");
  ASSERT_NE(actOn, nullptr);
  actOn->setCurrentIndex(1);  // as a user picks "acting on the real task"
  QSignalSpy finished(&panel, &DreamTruthPanel::finished);
  QSignalSpy failed(&panel, &DreamTruthPanel::failed);
  panel.run();
  EXPECT_FALSE(actOn->isEnabled()) << "the setting is fixed while a comparison runs";
  ASSERT_TRUE(finished.wait(300000)) << failed.value(0).value(0).toString().toStdString();
  EXPECT_EQ(panel.report().actOn, pipeline::DreamActOn::Real);
  ASSERT_EQ(panel.report().perStart.size(), 2u);
  EXPECT_TRUE(actOn->isEnabled());
  panel.setActOnRealTask(false);
  EXPECT_EQ(actOn->currentIndex(), 0);
}

TEST(DreamTruthPanel, RandomActionsNeedNoPolicyAndARunCancels) {
  DreamTruthPanel panel;
  panel.setWorldModel(shipped("world_model_3task_cpu.pt"));
  panel.setRewardModel(shipped("reward_hammer.pt"));
  panel.setTask("hammer");
  panel.setRandomActions(true);
  QPushButton* compare = button(panel, "Compare");
  ASSERT_TRUE(compare->isEnabled());
  panel.setStarts(500);
  QSignalSpy cancelled(&panel, &DreamTruthPanel::cancelled);
  panel.run();
  ASSERT_TRUE(panel.running());
  panel.cancel();
  ASSERT_TRUE(cancelled.wait(120000));
  EXPECT_FALSE(panel.running());
  EXPECT_TRUE(compare->isEnabled());
  EXPECT_TRUE(panel.report().perStart.empty());
}

}  // namespace w4rl::studio

// The studio on a real X display (Xvfb, via xvfb-run in ctest): the main window opens on the built-in
// demo, the episode is scrubbed, teleop takes a step, a tiny run starts and is cancelled, and the GL
// views (the 3D view's VTK scene in its OpenGL window) drew something. GL surfaces cannot be shown on
// the offscreen platform (TOOLCHAIN pitfall 6), hence this separate program.
#include <gtest/gtest.h>

#include <QDockWidget>
#include <QSignalSpy>
#include <QTest>
#include <set>

#include <QPushButton>
#include <QTableWidget>

#include "dream_truth_panel.h"
#include "episode_view.h"
#include "frame_view.h"
#include "main_window.h"
#include "pipeline/jobs/stage_launcher.h"
#include "rollout_panel.h"
#include "runs_panel.h"
#include "scene_panel.h"
#include "scene_view.h"
#include "shared_test_support.h"
#include "teleop_panel.h"

namespace fs = std::filesystem;

namespace w4rl::studio {
namespace {

// Distinct colours and mean brightness of an image: a blank or black GL view has one colour.
struct ImageStats {
  std::size_t colours = 0;
  double meanGrey = 0.0;
};

ImageStats statsOf(const QImage& image) {
  std::set<QRgb> colours;
  double sum = 0.0;
  for (int y = 0; y < image.height(); y += 2)
    for (int x = 0; x < image.width(); x += 2) {
      const QRgb c = image.pixel(x, y);
      colours.insert(c);
      sum += qGray(c);
    }
  const double n = std::max(1, (image.height() / 2) * (image.width() / 2));
  return {colours.size(), sum / n};
}

}  // namespace

TEST(StudioOnXvfb, OpensTheDemoScrubsStepsTeleopRunsAndDrawsThe3DView) {
  ASSERT_EQ(QGuiApplication::platformName(), "xcb") << "run under xvfb-run";
  MainWindow window("CPU");
  window.setQuietErrors(true);
  QSignalSpy failed(&window, &MainWindow::openFailed);
  window.resize(1400, 900);
  window.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));

  // The demo: its first episode shown.
  QSignalSpy shown(window.episodeView(), &EpisodeView::shown);
  QSignalSpy teleopReady(window.teleopPanel(), &TeleopPanel::ready);
  ASSERT_TRUE(window.openDemo());
  ASSERT_TRUE(shown.wait(30000));

  // Scrub: the frame and the 3D view's marker follow the timeline.
  auto* episodeView = window.episodeView();
  const QImage first = episodeView->frameView()->frame();
  episodeView->timeline().seek(30);
  EXPECT_NE(episodeView->frameView()->frame(), first);
  const auto& eef = episodeView->episode().eefPos;
  ASSERT_NE(window.scenePanel()->actors().realMarker(), nullptr);
  EXPECT_DOUBLE_EQ((*window.scenePanel()->actors().realMarker())[0], eef[3 * 30]);

  // The 3D view is a real GL widget that drew the scene: many colours, not black.
  window.findChild<QDockWidget*>("scene")->raise();
  SceneView* view = window.scenePanel()->view();
  ASSERT_NE(view, nullptr);
  QTRY_VERIFY_WITH_TIMEOUT(view->framesDrawn() > 0, 10000);
  const QImage drawn = view->grabFramebuffer();
  const ImageStats stats = statsOf(drawn);
  EXPECT_GT(stats.colours, 50u) << "the GL view looks blank";
  EXPECT_GT(stats.meanGrey, 20.0) << "the GL view looks black";
  if (const char* out = std::getenv("W4RL_GL_TEST_IMAGE")) drawn.save(out);

  // Teleop: a fresh reset of the task with the real task alongside, then one step.
  if (teleopReady.isEmpty()) {
    ASSERT_TRUE(teleopReady.wait(30000));
  }
  auto* teleop = window.teleopPanel();
  QSignalSpy reset(teleop, &TeleopPanel::resetDone);
  QSignalSpy stepped(teleop, &TeleopPanel::stepped);
  teleop->resetFromTask();
  ASSERT_TRUE(reset.wait(30000));
  teleop->stepOnce({0.0f, 1.0f, 0.0f, -1.0f});
  ASSERT_TRUE(stepped.wait(30000));
  EXPECT_EQ(teleop->steps(), 1);
  EXPECT_TRUE(window.scenePanel()->showingTeleop());
  EXPECT_EQ(window.scenePanel()->actors().realPathPoints(), 2u);

  // A tiny run started from the Runs panel and cancelled.
  const auto dir = w4rl::test::freshDir();
  pipeline::StageForm form;
  form.stage = pipeline::Stage::TrainPolicy;
  form.data = {episodeView->episode().file.toStdString()};
  form.task = "hammer";
  form.out = (dir / "bc").string();
  form.overrides = {"steps=100000", "channels=[8,16,16]", "hidden=16", "device=cpu", "log_every=5"};
  auto* runs = window.runsPanel();
  QSignalSpy finished(runs, &RunsPanel::finished);
  runs->setForm(form);
  runs->start();
  EXPECT_TRUE(runs->running());
  QTRY_VERIFY_WITH_TIMEOUT(fs::exists(dir / "bc" / "metrics.jsonl"), 30000);
  runs->cancel();
  ASSERT_TRUE(finished.wait(60000));
  EXPECT_EQ(finished.at(0).at(1).toString(), "Cancelled");
  EXPECT_TRUE(failed.isEmpty()) << failed.value(0).value(1).toString().toStdString();
}

// As a user drives it, by clicks on the panels' own buttons and keys in the teleop panel, on the demo:
// imagine from the episode, reset and drive the dream with the keys, compare dreams with real replays,
// start a run and cancel it; each leaves a drawn picture or a record behind.
TEST(StudioOnXvfb, DrivenByClicksAndKeysImaginesTeleopsComparesAndRuns) {
  MainWindow window("CPU");
  window.setQuietErrors(true);
  QSignalSpy failed(&window, &MainWindow::openFailed);
  window.resize(1400, 900);
  window.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
  QSignalSpy rolloutReady(window.rolloutPanel(), &RolloutPanel::modelReady);
  QSignalSpy teleopReady(window.teleopPanel(), &TeleopPanel::ready);
  QSignalSpy shown(window.episodeView(), &EpisodeView::shown);
  ASSERT_TRUE(window.openDemo());
  ASSERT_TRUE(shown.wait(30000));
  auto click = [&](const char* dock, const char* button) {
    window.findChild<QDockWidget*>(dock)->raise();
    auto* b = window.findChild<QPushButton*>(button);
    ASSERT_NE(b, nullptr) << button;
    QTRY_VERIFY_WITH_TIMEOUT(b->isEnabled(), 30000);
    QTest::mouseClick(b, Qt::LeftButton);
  };

  // Real vs imagined: Imagine.
  if (rolloutReady.isEmpty()) {
    ASSERT_TRUE(rolloutReady.wait(30000));
  }
  auto* rollout = window.rolloutPanel();
  rollout->setHorizon(10);
  QSignalSpy imagined(rollout, &RolloutPanel::imagined);
  click("rollout", "imagine");
  ASSERT_TRUE(imagined.wait(120000));
  EXPECT_GT(statsOf(rollout->imaginedView()->frame()).colours, 20u) << "no imagined frame drawn";

  // Teleop: Reset from task, then four steps with the D key (+x) and one with A.
  if (teleopReady.isEmpty()) {
    ASSERT_TRUE(teleopReady.wait(30000));
  }
  auto* teleop = window.teleopPanel();
  QSignalSpy reset(teleop, &TeleopPanel::resetDone);
  QSignalSpy stepped(teleop, &TeleopPanel::stepped);
  click("teleop", "resetFromTask");
  ASSERT_TRUE(reset.wait(30000));
  const QImage start = teleop->imaginedView()->frame();
  teleop->setFocus();
  for (int i = 0; i < 4; ++i) {
    QTest::keyClick(teleop, Qt::Key_D);
    ASSERT_TRUE(stepped.wait(30000));
  }
  QTest::keyClick(teleop, Qt::Key_A);
  ASSERT_TRUE(stepped.wait(30000));
  EXPECT_EQ(teleop->steps(), 5);
  EXPECT_NE(teleop->imaginedView()->frame(), start);
  EXPECT_GT(statsOf(teleop->realView()->frame()).colours, 20u)
      << "the real task was not drawn beside the dream";
  EXPECT_EQ(window.scenePanel()->actors().realPathPoints(), 6u);

  // Dream vs real: Compare on four starts of the demo's task.
  auto* truth = window.dreamTruthPanel();
  truth->setStarts(4);
  QSignalSpy compared(truth, &DreamTruthPanel::finished);
  click("dreamTruth", "compare");
  ASSERT_TRUE(compared.wait(300000));
  EXPECT_EQ(truth->startsTable()->rowCount(), 4);
  EXPECT_GT(statsOf(truth->dreamView()->frame()).colours, 20u) << "the chosen start's dream was not drawn";

  // Runs: Start a behaviour cloning run, then Cancel it.
  const auto dir = w4rl::test::freshDir();
  pipeline::StageForm form;
  form.stage = pipeline::Stage::TrainPolicy;
  form.data = {window.episodeView()->episode().file.toStdString()};
  form.task = "hammer";
  form.out = (dir / "bc").string();
  form.overrides = {"steps=100000", "channels=[8,16,16]", "hidden=16", "device=cpu", "log_every=5"};
  auto* runs = window.runsPanel();
  runs->setForm(form);
  QSignalSpy finished(runs, &RunsPanel::finished);
  click("runs", "start");
  EXPECT_TRUE(runs->running());
  QTRY_VERIFY_WITH_TIMEOUT(fs::exists(dir / "bc" / "metrics.jsonl"), 30000);
  click("runs", "cancelRun");
  ASSERT_TRUE(finished.wait(60000));
  EXPECT_EQ(finished.at(0).at(1).toString(), "Cancelled");
  EXPECT_TRUE(failed.isEmpty()) << failed.value(0).value(1).toString().toStdString();
}

}  // namespace w4rl::studio

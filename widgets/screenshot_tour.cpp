#include "screenshot_tour.h"

#include <QDir>
#include <QDockWidget>
#include <QEventLoop>
#include <QPainter>
#include <QPixmap>
#include <QScrollArea>
#include <QTimer>

#include "common/error.h"
#include "demo_files.h"
#include "dream_truth_panel.h"
#include "episode_view.h"
#include "main_window.h"
#include "metrics_chart.h"
#include "rollout_panel.h"
#include "runs_panel.h"
#include "scene_panel.h"
#include "scene_view.h"
#include "teleop_panel.h"

namespace w4rl::studio {

namespace {

// Runs the event loop until `signal` of `sender` fires, or fails after `ms` naming `what`.
template <typename Sender, typename Signal>
void waitFor(Sender* sender, Signal signal, const char* what, int ms = 60000) {
  QEventLoop loop;
  bool fired = false;
  const auto c = QObject::connect(sender, signal, &loop, [&] {
    fired = true;
    loop.quit();
  });
  QTimer::singleShot(ms, &loop, &QEventLoop::quit);
  loop.exec();
  QObject::disconnect(c);
  if (!fired) throw Error(std::string("screenshots: timed out waiting for ") + what);
}

void settle(int ms = 400) {
  QEventLoop loop;
  QTimer::singleShot(ms, &loop, &QEventLoop::quit);
  loop.exec();
}

}  // namespace

QStringList takeScreenshots(MainWindow& window, const QString& dir) {
  if (!QDir().mkpath(dir)) throw Error("screenshots: cannot create " + dir.toStdString());
  QStringList written;
  auto shoot = [&](const QString& name) {
    settle();
    const QString file = QDir(dir).filePath(name + ".png");
    QPixmap shot = window.grab();
    // The 3D view is a native GL window that QWidget::grab() does not capture: draw its frame in.
    const auto* scene = window.scenePanel();
    if (scene->view() && scene->viewArea()->isVisible()) {
      QPainter painter(&shot);
      painter.drawImage(QRect(scene->viewArea()->mapTo(&window, QPoint(0, 0)), scene->viewArea()->size()),
                        scene->view()->grabFramebuffer());
    }
    if (!shot.save(file)) throw Error("screenshots: cannot write " + file.toStdString());
    written << file;
  };
  auto raise = [&](const char* dock) {
    if (auto* d = window.findChild<QDockWidget*>(dock)) {
      d->show();
      d->raise();
    }
  };
  // The bottom panels get room for their frames and charts.
  auto growBottom = [&] {
    settle(100);
    for (const char* name : {"rollout", "teleop", "dreamTruth"})
      if (auto* d = window.findChild<QDockWidget*>(name)) window.resizeDocks({d}, {560}, Qt::Vertical);
  };

  bool rolloutReady = false, teleopReady = false;
  QObject::connect(window.rolloutPanel(), &RolloutPanel::modelReady, &window, [&] { rolloutReady = true; });
  QObject::connect(window.teleopPanel(), &TeleopPanel::ready, &window, [&] { teleopReady = true; });
  if (!window.openDemo()) throw Error("screenshots: the built-in demo is not installed");
  waitFor(window.episodeView(), &EpisodeView::shown, "the demo episode");
  window.episodeView()->timeline().seek(24);
  shoot("datasets");

  // The 3D view at the scrubbed step, with both paths.
  raise("scene");
  shoot("3d-view");

  // Real vs imagined: 20 steps imagined from step 5 of the episode.
  raise("rollout");
  growBottom();
  if (!rolloutReady) waitFor(window.rolloutPanel(), &RolloutPanel::modelReady, "the world model");
  window.rolloutPanel()->setStart(5);
  window.rolloutPanel()->setHorizon(20);
  window.rolloutPanel()->imagine();
  waitFor(window.rolloutPanel(), &RolloutPanel::imagined, "the imagined rollout", 300000);
  shoot("real-vs-imagined");

  // Teleop: a fresh reset with the real task alongside, then a short drive towards the hammer.
  raise("teleop");
  if (!teleopReady) waitFor(window.teleopPanel(), &TeleopPanel::ready, "the teleop world model");
  window.teleopPanel()->resetFromTask();
  waitFor(window.teleopPanel(), &TeleopPanel::resetDone, "the teleop reset");
  for (int i = 0; i < 8; ++i) {
    window.teleopPanel()->stepOnce({-0.8f, 0.3f, -0.6f, -1.0f});
    waitFor(window.teleopPanel(), &TeleopPanel::stepped, "a teleop step");
  }
  raise("scene");  // the 3D view follows the session beside the teleop panel
  shoot("teleop");

  // Dream vs real: the BC policy on 8 fresh hammer starts, the dream against the real replay.
  raise("dreamTruth");
  growBottom();
  window.dreamTruthPanel()->setStarts(8);
  window.dreamTruthPanel()->run();
  waitFor(window.dreamTruthPanel(), &DreamTruthPanel::finished, "the dream against the real replay", 300000);
  window.dreamTruthPanel()->setStep(30);
  shoot("dream-vs-real");

  // Runs: the demo's refinement run charted, with imagined and real success.
  raise("runs");
  const DemoFiles demo = findDemo();
  if (!demo.runsFolder.isEmpty()) {
    const QString refine = QDir(demo.runsFolder).filePath("refine_hammer");
    if (QDir(refine).exists()) {
      window.runsPanel()->openRun(refine);
      auto* chart = window.runsPanel()->chart();
      chart->setMetric("charts/imagined_success_rate");
      // The files are read on a pool thread: shoot once a poll shows the metric asked for.
      for (int polls = 0; polls < 10 && chart->shownMetric() != chart->metric(); ++polls)
        waitFor(chart, &MetricsChart::refreshed, "the run's chart", 30000);
    }
  }
  // The run's chart lies below the stage form: the Runs panel gets the window's height and shows it.
  if (auto* d = window.findChild<QDockWidget*>("runs")) {
    window.resizeDocks({d}, {760}, Qt::Vertical);
    settle(100);
    if (auto* scroll = qobject_cast<QScrollArea*>(d->widget()))
      scroll->ensureWidgetVisible(window.runsPanel()->chart(), 0, 0);
  }
  shoot("runs");
  return written;
}

}  // namespace w4rl::studio

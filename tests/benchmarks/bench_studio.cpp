// bench_studio --data F.hdf5 --world-model W.pt [--seconds 60] [--task T] [--no-teleop] [--no-scrub]
// [--no-3d] The studio's responsiveness while a run trains: the main window with a behaviour-cloning run
// started from the Runs panel on the thread pool; a 5 ms timer on the GUI thread records how late each tick
// is (the event loop's stall). Meanwhile the Teleop panel steps the world model beside the real task every
// 200 ms on its worker thread; its step latency is reported too. Runs on the offscreen platform unless
// QT_QPA_PLATFORM is set.
#include <QApplication>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <vector>

#include "dataset_browser.h"
#include "episode_view.h"
#include "main_window.h"
#include "runs_panel.h"
#include "scene_panel.h"
#include "scene_view.h"
#include "teleop_panel.h"

namespace {

// Times every event the GUI thread dispatches from its event loop (nested dispatches count within their
// parent), so the report can name what the longest stalls were spent on.
class TimingApplication : public QApplication {
 public:
  using QApplication::QApplication;
  struct Slow {
    double ms;
    std::string what;
  };
  bool notify(QObject* receiver, QEvent* event) override {
    if (depth_ > 0 || !timing_) return QApplication::notify(receiver, event);
    ++depth_;
    QElapsedTimer clock;
    clock.start();
    const bool r = QApplication::notify(receiver, event);
    const double ms = static_cast<double>(clock.nsecsElapsed()) / 1e6;
    --depth_;
    if (ms > 20.0) {
      const QObject* parent = receiver->parent();
      slow_.push_back({ms, std::string(receiver->metaObject()->className()) + " in " +
                               (parent ? parent->metaObject()->className() : "-") + ", event " +
                               std::to_string(static_cast<int>(event->type()))});
    }
    return r;
  }
  void setTiming(bool on) { timing_ = on; }
  std::vector<Slow> slowest(std::size_t n) {
    std::sort(slow_.begin(), slow_.end(), [](const Slow& a, const Slow& b) { return a.ms > b.ms; });
    return {slow_.begin(), slow_.begin() + static_cast<std::ptrdiff_t>(std::min(n, slow_.size()))};
  }

 private:
  int depth_ = 0;
  bool timing_ = false;
  std::vector<Slow> slow_;
};

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0.0;
  std::sort(v.begin(), v.end());
  return v[static_cast<std::size_t>(p * static_cast<double>(v.size() - 1))];
}

}  // namespace

int main(int argc, char** argv) {
  if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
  QStandardPaths::setTestModeEnabled(true);
  TimingApplication app(argc, argv);
  QSettings().clear();  // test-mode settings: no layout left over from an earlier run
  QString data, worldModel, task = "door-lock";
  double seconds = 60;
  const auto args = QApplication::arguments();
  const bool withTeleop = !args.contains("--no-teleop");
  for (int i = 1; i + 1 < args.size(); ++i) {
    if (args[i] == "--data")
      data = args[i + 1];
    else if (args[i] == "--world-model")
      worldModel = args[i + 1];
    else if (args[i] == "--seconds")
      seconds = args[i + 1].toDouble();
    else if (args[i] == "--task")
      task = args[i + 1];
  }
  if (data.isEmpty() || worldModel.isEmpty()) {
    std::fprintf(stderr,
                 "usage: bench_studio --data F.hdf5 --world-model W.pt [--seconds 60] [--task T] "
                 "[--no-teleop] [--no-scrub] [--no-3d]\n");
    return 2;
  }
  QTemporaryDir out;
  w4rl::studio::MainWindow window("CPU");
  window.setQuietErrors(true);
  if (args.contains("--no-3d")) window.findChild<QDockWidget*>("scene")->close();
  window.show();
  window.openFiles({data, worldModel});
  // The episode view scrubs its first episode every 100 ms: frame, action cursor and the 3D view's scene
  // replay and render all happen on the GUI thread (with GL under Xvfb: QT_QPA_PLATFORM=xcb xvfb-run).
  QObject::connect(window.datasetBrowser(), &w4rl::studio::DatasetBrowser::loaded,
                   [&](const QString& file) { window.datasetBrowser()->selectEpisode(file, 0); });
  if (!args.contains("--no-3d")) window.findChild<QDockWidget*>("scene")->raise();
  QTimer scrub;
  int scrubs = 0;
  std::vector<double> paints;  // the 3D view's render time, sampled at each scrub
  QObject::connect(&scrub, &QTimer::timeout, [&] {
    auto& timeline = window.episodeView()->timeline();
    if (timeline.frameCount() == 0) return;
    timeline.seek((timeline.frame() + 1) % timeline.frameCount());
    ++scrubs;
    if (const auto* view = window.scenePanel()->view(); view && view->framesDrawn() > 0)
      paints.push_back(view->lastPaintMs());
  });
  if (!args.contains("--no-scrub")) scrub.start(100);

  // The run: behaviour cloning on the dataset, long enough to outlast the measurement.
  w4rl::pipeline::StageForm form;
  form.stage = w4rl::pipeline::Stage::TrainPolicy;
  form.data = {data.toStdString()};
  form.task = task.toStdString();
  form.out = (out.path() + "/bc").toStdString();
  form.overrides = {"steps=1000000", "device=cpu"};
  window.runsPanel()->setForm(form);
  // The run starts once the window is up and the demo is loaded (as a user would start one), so the
  // window's first layout and the files' loading are reported apart from the stalls during the run.
  constexpr qint64 kRunStartNs = 3000000000LL;
  QTimer::singleShot(static_cast<int>(kRunStartNs / 1000000), [&] { window.runsPanel()->start(); });

  std::vector<double> lateness, teleop;
  double worst = 0.0, worstAt = 0.0,
         startup = 0.0;  // the longest stall and when it ended (s after the run started); before the run
  QElapsedTimer clock;
  clock.start();
  qint64 last = 0;
  QTimer tick;
  tick.setTimerType(Qt::PreciseTimer);
  QObject::connect(&tick, &QTimer::timeout, [&] {
    const qint64 now = clock.nsecsElapsed();
    if (last > 0 && now < kRunStartNs)
      startup = std::max(startup, static_cast<double>(now - last) / 1e6 - 5.0);
    if (last > 0 && now >= kRunStartNs) {
      app.setTiming(true);
      lateness.push_back(static_cast<double>(now - last) / 1e6 - 5.0);
      if (lateness.back() > worst) {
        worst = lateness.back();
        worstAt = static_cast<double>(now - kRunStartNs) / 1e9;
      }
    }
    last = now;
  });
  tick.start(5);
  auto* teleopPanel = window.teleopPanel();
  bool teleopReady = false;
  QObject::connect(teleopPanel, &w4rl::studio::TeleopPanel::ready, [&] { teleopPanel->resetFromTask(); });
  QObject::connect(teleopPanel, &w4rl::studio::TeleopPanel::resetDone, [&] { teleopReady = true; });
  QObject::connect(teleopPanel, &w4rl::studio::TeleopPanel::stepped,
                   [&] { teleop.push_back(teleopPanel->lastLatencyMs()); });
  QTimer drive;
  QObject::connect(&drive, &QTimer::timeout, [&] {
    if (!teleopReady || !withTeleop) return;
    teleopPanel->stepOnce({0.5f, 0.0f, 0.0f, 0.0f});
  });
  drive.start(200);
  QTimer::singleShot(static_cast<int>(kRunStartNs / 1000000 + seconds * 1000), [&] {
    window.runsPanel()->cancel();
    QApplication::quit();
  });
  QApplication::exec();
  app.setTiming(false);
  std::printf(
      "slowest GUI-thread events during the run (receiver, Qt event type: 1 timer, 12 paint,\n"
      " 43 queued call, 77 update request):\n");
  for (const auto& e : app.slowest(8)) std::printf("  %6.1f ms  %s\n", e.ms, e.what.c_str());
  std::printf("event-loop lateness over %.0f s with a training run on the thread pool (%zu ticks of 5 ms):\n",
              seconds, lateness.size());
  std::printf("  median %.2f ms, p99 %.2f ms, max %.2f ms\n", percentile(lateness, 0.5),
              percentile(lateness, 0.99), percentile(lateness, 1.0));
  std::printf(
      "  the longest stall ended %.1f s after the run started; before the run (window shown, files\n"
      "  opened): longest stall %.1f ms\n",
      worstAt, startup);
  std::printf(
      "teleop step latency (world model + real task render, %zu steps): median %.1f ms, p99 %.1f ms\n",
      teleop.size(), percentile(teleop, 0.5), percentile(teleop, 0.99));
  std::printf(
      "(teleop steps run on the panel's worker thread, beside the training run; %d scrubs of the\n"
      " episode view and 3D view on the %s platform)\n",
      scrubs, qPrintable(QGuiApplication::platformName()));
  if (!paints.empty())
    std::printf("3D view render (VTK + blit, Mesa): median %.1f ms, p99 %.1f ms\n", percentile(paints, 0.5),
                percentile(paints, 0.99));
  return 0;
}

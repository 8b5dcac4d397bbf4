#include "main_window.h"

#include <algorithm>

#include <qcustomplot.h>
#include <vtkVersion.h>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QScreen>
#include <QScrollArea>
#include <QSettings>
#include <QStatusBar>
#include <exception>

#include "dataset_browser.h"
#include "demo_files.h"
#include "dream_truth_panel.h"
#include "episode_view.h"
#include "pipeline/services/compute_device.h"
#include "pipeline/services/file_probe.h"
#include "resource_monitor.h"
#include "rollout_panel.h"
#include "runs_panel.h"
#include "scene_panel.h"
#include "teleop_panel.h"

namespace w4rl::studio {
namespace {

constexpr int kMaxRecent = 10;

QString libraryVersions() {
  QStringList parts{QStringLiteral("Qt %1").arg(QString::fromLatin1(qVersion())),
                    QStringLiteral("QCustomPlot %1").arg(QStringLiteral(QCUSTOMPLOT_VERSION_STR)),
                    QStringLiteral("VTK %1").arg(QString::fromLatin1(vtkVersion::GetVTKVersion()))};
  for (const auto& [name, version] : pipeline::engineLibraryVersions())
    parts << QStringLiteral("%1 %2").arg(QString::fromStdString(name), QString::fromStdString(version));
  return parts.join(", ");
}

QDockWidget* dock(QMainWindow* window, const QString& title, const QString& name, QWidget* content,
                  Qt::DockWidgetArea area) {
  auto* d = new QDockWidget(title, window);
  d->setObjectName(name);  // the key under which QSettings keeps its place
  // In a scroll area the panel does not set the window's minimum size (the teleop panel alone is taller
  // than a 768-pixel screen): on a small screen it scrolls instead of pushing the window off it.
  auto* scroll = new QScrollArea(d);
  scroll->setWidget(content);
  scroll->setWidgetResizable(true);
  scroll->setFrameShape(QFrame::NoFrame);
  d->setWidget(scroll);
  window->addDockWidget(area, d);
  return d;
}

}  // namespace

MainWindow::MainWindow(const QString& device, QWidget* parent) : QMainWindow(parent) {
  setWindowTitle(tr("World4RL Studio"));
  setAcceptDrops(true);
  browser_ = new DatasetBrowser(this);
  episodeView_ = new EpisodeView(this);
  loadedList_ = new QListWidget(this);
  loadedList_->setToolTip(tr("Datasets and checkpoints loaded in this session"));
  setCentralWidget(episodeView_);
  dock(this, tr("Datasets"), "datasets", browser_, Qt::LeftDockWidgetArea);
  dock(this, tr("Loaded files"), "loaded", loadedList_, Qt::LeftDockWidgetArea);
  runsPanel_ = new RunsPanel(this);
  dock(this, tr("Runs"), "runs", runsPanel_, Qt::RightDockWidgetArea);
  rolloutPanel_ = new RolloutPanel(this);
  dock(this, tr("Real vs imagined"), "rollout", rolloutPanel_, Qt::BottomDockWidgetArea);
  teleopPanel_ = new TeleopPanel(this);
  dock(this, tr("Teleop"), "teleop", teleopPanel_, Qt::BottomDockWidgetArea);
  dreamTruthPanel_ = new DreamTruthPanel(this);
  dock(this, tr("Dream vs real"), "dreamTruth", dreamTruthPanel_, Qt::BottomDockWidgetArea);
  scenePanel_ = new ScenePanel(this);
  dock(this, tr("3D view"), "scene", scenePanel_, Qt::RightDockWidgetArea);
  tabifyDockWidget(findChild<QDockWidget*>("rollout"), findChild<QDockWidget*>("teleop"));
  tabifyDockWidget(findChild<QDockWidget*>("teleop"), findChild<QDockWidget*>("dreamTruth"));
  findChild<QDockWidget*>("rollout")->raise();
  tabifyDockWidget(findChild<QDockWidget*>("runs"), findChild<QDockWidget*>("scene"));
  connect(episodeView_, &EpisodeView::shown, this, [this] {
    rolloutPanel_->setEpisode(episodeView_->episode());
    scenePanel_->setEpisode(episodeView_->episode());
    teleopPanel_->setEpisode(episodeView_->episode(), episodeView_->timeline().frame());
  });
  // Teleop resets from the frame the episode view shows.
  connect(episodeView_, &EpisodeView::stepChanged, teleopPanel_, &TeleopPanel::setEpisodeStep);
  // The 3D view follows the episode's timeline, and the teleop session while it is driven.
  connect(episodeView_, &EpisodeView::stepChanged, scenePanel_, &ScenePanel::setStep);
  connect(teleopPanel_, &TeleopPanel::traceChanged, scenePanel_,
          [this] { scenePanel_->showTeleop(teleopPanel_->trace()); });
  connect(teleopPanel_, &TeleopPanel::failed, this, [this](const QString& m) { showError(QString(), m); });
  connect(rolloutPanel_, &RolloutPanel::failed, this, [this](const QString& m) { showError(QString(), m); });
  connect(dreamTruthPanel_, &DreamTruthPanel::failed, this,
          [this](const QString& m) { showError(QString(), m); });
  statusBar()->addPermanentWidget(new ResourceMonitor(device, this));

  connect(browser_, &DatasetBrowser::episodeSelected, episodeView_, &EpisodeView::showEpisode);
  connect(browser_, &DatasetBrowser::loaded, this, [this](const QString& file, const QString& summary) {
    addLoaded(file, tr("dataset"), summary);
    if (file == demoDataset_) {
      demoDataset_.clear();
      browser_->selectEpisode(file, 0);
    }
  });
  connect(browser_, &DatasetBrowser::failed, this, &MainWindow::showError);
  connect(episodeView_, &EpisodeView::failed, this, [this](const QString& m) { showError(QString(), m); });
  buildMenus();
  defaultLayout_ = saveState();

  QSettings settings;
  resize(defaultSize());  // the first start; afterwards the saved geometry wins
  restoreGeometry(settings.value("window/geometry").toByteArray());
  restoreState(settings.value("window/state").toByteArray());
}

void MainWindow::buildMenus() {
  auto* file = menuBar()->addMenu(tr("&File"));
  auto* open = file->addAction(tr("&Open..."), this, [this] {
    const auto files = QFileDialog::getOpenFileNames(
        this, tr("Open datasets or checkpoints"), QString(),
        tr("Datasets and checkpoints (*.hdf5 *.h5 *.pt *.safetensors);;All files (*)"));
    openFiles(files);
  });
  open->setShortcut(QKeySequence::Open);
  open->setToolTip(tr("Open robomimic/LIBERO datasets and World4RL checkpoints"));
  recentMenu_ = file->addMenu(tr("Open &recent"));
  rebuildRecentMenu();
  file->addSeparator();
  auto* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
  quit->setShortcut(QKeySequence::Quit);

  auto* view = menuBar()->addMenu(tr("&View"));
  for (auto* d : findChildren<QDockWidget*>()) view->addAction(d->toggleViewAction());
  view->addSeparator();
  auto* reset = view->addAction(tr("&Reset layout"), this, &MainWindow::resetLayout);
  reset->setObjectName("resetLayout");
  reset->setToolTip(tr("Dock every panel where it starts and fit the window to the screen"));

  auto* language = menuBar()->addMenu(tr("&Language"));
  auto* group = new QActionGroup(this);
  const QString current = QSettings().value("language").toString();
  const std::pair<QString, QString> choices[] = {{QString(), tr("System language")},
                                                 {"en", QStringLiteral("English")},
                                                 {"zh_CN", QStringLiteral("简体中文")}};
  for (const auto& [code, name] : choices) {
    auto* action = language->addAction(name);
    action->setCheckable(true);
    action->setChecked(code == current);
    group->addAction(action);
    connect(action, &QAction::triggered, this, [this, code = code] {
      QSettings().setValue("language", code);
      emit languageChosen(code);
      statusBar()->showMessage(tr("The language changes when the studio is started again"), 5000);
    });
  }

  auto* help = menuBar()->addMenu(tr("&Help"));
  auto* demo = help->addAction(tr("Open the &demo"), this, [this] { openDemo(); });
  demo->setToolTip(tr("A small hammer dataset with its world model, classifier, policy and refinement run"));
  help->addAction(tr("&About World4RL Studio"), this, &MainWindow::showAbout);
}

void MainWindow::openFiles(const QStringList& files) {
  openFilesRemembering(files, true);
}

bool MainWindow::openDemo() {
  const DemoFiles demo = findDemo();
  if (!demo.complete()) {
    statusBar()->showMessage(
        tr("The built-in demo is not installed: packaging/make-demo.sh makes it (see the README)"));
    return false;
  }
  demoDataset_ = demo.datasets.first();
  openFilesRemembering(demo.datasets + demo.checkpoints, false);  // the demo stays out of the recent list
  if (!demo.runsFolder.isEmpty()) runsPanel_->setRunsFolder(demo.runsFolder);
  return true;
}

void MainWindow::openFilesRemembering(const QStringList& files, bool remember) {
  for (const auto& file : files) {
    if (loaded_.contains(file)) continue;
    pipeline::FileProbe probe;
    try {
      probe = pipeline::probeFile(file.toStdString());
    } catch (const std::exception& e) {
      showError(file, QString::fromUtf8(e.what()));
      continue;
    }
    if (remember) rememberRecent(file);
    if (probe.kind == pipeline::FileKind::Dataset) {
      browser_->addDataset(file);  // listed once it is read
      continue;
    }
    const QString kind = probe.kind == pipeline::FileKind::WorldModel ? tr("world model")
                         : probe.kind == pipeline::FileKind::Policy   ? tr("policy")
                                                                      : tr("reward classifier");
    addLoaded(file, kind, QString::fromStdString(probe.description));
    // The latest world model and classifier opened drive the imagination panels.
    if (probe.kind == pipeline::FileKind::WorldModel) {
      rolloutPanel_->setWorldModel(file);
      teleopPanel_->setWorldModel(file);
      dreamTruthPanel_->setWorldModel(file);
    }
    if (probe.kind == pipeline::FileKind::Policy) {
      teleopPanel_->setPolicy(file);
      dreamTruthPanel_->setPolicy(file, QString::fromStdString(probe.task));
    }
    if (probe.kind == pipeline::FileKind::Reward) {
      rolloutPanel_->setRewardModel(file);
      dreamTruthPanel_->setRewardModel(file);
    }
  }
}

void MainWindow::addLoaded(const QString& file, const QString& kind, const QString& description) {
  if (!loaded_.contains(file)) loaded_.push_back(file);
  auto* item =
      new QListWidgetItem(QStringLiteral("[%1] %2").arg(kind, QFileInfo(file).fileName()), loadedList_);
  item->setToolTip(file + "\n" + description);
  statusBar()->showMessage(tr("Loaded %1: %2").arg(QFileInfo(file).fileName(), description), 5000);
  emit fileOpened(file, description);
}

void MainWindow::showError(const QString& file, const QString& message) {
  emit openFailed(file, message);
  if (quietErrors_) return;
  QMessageBox::warning(this, tr("Cannot open file"),
                       file.isEmpty() ? message : tr("%1\n\n%2").arg(QFileInfo(file).fileName(), message));
}

void MainWindow::rememberRecent(const QString& file) {
  QSettings settings;
  auto recent = settings.value("recentFiles").toStringList();
  recent.removeAll(file);
  recent.prepend(QFileInfo(file).absoluteFilePath());
  while (recent.size() > kMaxRecent) recent.removeLast();
  settings.setValue("recentFiles", recent);
  rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu() {
  if (!recentMenu_) return;
  recentMenu_->clear();
  const auto recent = QSettings().value("recentFiles").toStringList();
  for (const auto& file : recent) recentMenu_->addAction(file, this, [this, file] { openFiles({file}); });
  recentMenu_->setEnabled(!recent.isEmpty());
}

void MainWindow::showAbout() {
  QMessageBox::about(
      this, tr("About World4RL Studio"),
      tr("<h3>World4RL Studio %1</h3><p>Refine robot policies with reinforcement learning inside a "
         "learned diffusion world model.</p><p>Libraries: %2</p>")
          .arg(QApplication::applicationVersion(), libraryVersions()));
}

QSize MainWindow::defaultSize() const {
  // 1400 x 900 where the screen has room; on a smaller one (1366 x 768) most of its available area.
  const QScreen* s = screen();
  const QRect area = s != nullptr ? s->availableGeometry() : QRect(0, 0, 1400, 900);
  return {std::min(1400, area.width() * 95 / 100), std::min(900, area.height() * 92 / 100)};
}

void MainWindow::resetLayout() {
  for (auto* d : findChildren<QDockWidget*>()) {
    d->setFloating(false);
    d->show();
  }
  restoreState(defaultLayout_);
  if (isMaximized() || isFullScreen()) showNormal();
  resize(defaultSize());
}

void MainWindow::closeEvent(QCloseEvent* event) {
  QSettings settings;
  settings.setValue("window/geometry", saveGeometry());
  settings.setValue("window/state", saveState());
  event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
  if (event->mimeData()->hasUrls()) event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
  QStringList files;
  for (const auto& url : event->mimeData()->urls())
    if (url.isLocalFile()) files << url.toLocalFile();
  openFiles(files);
  event->acceptProposedAction();
}

}  // namespace w4rl::studio

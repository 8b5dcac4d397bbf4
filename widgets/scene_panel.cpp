#include "scene_panel.h"

#include <QCheckBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>
#include <algorithm>
#include <exception>

#include "scene_view.h"
#include "sim/action_path.h"
#include "sim/scene_snapshot.h"
#include "sim/task_registry.h"

namespace w4rl::studio {

namespace {

bool isBuiltInTask(const QString& task) {
  const auto names = sim::taskNames();
  return std::find(names.begin(), names.end(), task.toStdString()) != names.end();
}

// Step t's simulator state (stateDim values) out of the episode's flat array.
std::vector<double> stateAt(const EpisodeData& e, std::size_t t) {
  const auto dim = static_cast<std::size_t>(e.stateDim);
  return {e.states.begin() + static_cast<std::ptrdiff_t>(t * dim),
          e.states.begin() + static_cast<std::ptrdiff_t>((t + 1) * dim)};
}

}  // namespace

ScenePanel::ScenePanel(QWidget* parent) : QWidget(parent) {
  caption_ = new QLabel(tr("Select an episode of a built-in task, or reset the teleop session"), this);
  caption_->setWordWrap(true);
  showReal_ = new QCheckBox(tr("Real path"), this);
  showReal_->setChecked(true);
  showReal_->setToolTip(tr("The end effector's recorded path, dark to light blue over time"));
  showCommanded_ = new QCheckBox(tr("Commanded path"), this);
  showCommanded_->setChecked(true);
  showCommanded_->setToolTip(
      tr("The path obtained by integrating the actions (those that drive the imagined rollout, or the "
         "teleop actions), dark red to yellow over time"));
  auto* resetCamera = new QPushButton(tr("Reset camera"), this);
  resetCamera->setToolTip(tr("Look at the table from the front again"));
  connect(showReal_, &QCheckBox::toggled, this, [this] { refreshPaths(); });
  connect(showCommanded_, &QCheckBox::toggled, this, [this] { refreshPaths(); });
  connect(resetCamera, &QPushButton::clicked, this, [this] {
    actors_.resetCamera();
    redraw();
  });

  auto* layout = new QVBoxLayout(this);
  layout->addWidget(caption_);
  if (QGuiApplication::platformName() != QLatin1String("offscreen")) {
    view_ = new SceneView(actors_.renderer());
    viewArea_ = QWidget::createWindowContainer(view_, this);
    viewArea_->setMinimumSize(160, 120);
    viewArea_->setToolTip(tr("Drag to orbit, Shift+drag to pan, wheel to zoom"));
    layout->addWidget(viewArea_, 1);
  } else {
    auto* placeholder = new QLabel(tr("The 3D view needs an OpenGL display"), this);
    placeholder->setAlignment(Qt::AlignCenter);
    layout->addWidget(placeholder, 1);
  }
  auto* row = new QHBoxLayout;
  row->addWidget(showReal_);
  row->addWidget(showCommanded_);
  row->addStretch();
  row->addWidget(resetCamera);
  layout->addLayout(row);
}

ScenePanel::~ScenePanel() = default;

QString ScenePanel::caption() const {
  return caption_->text();
}

void ScenePanel::setEpisode(const EpisodeData& episode) {
  teleop_ = false;
  episode_ = episode;
  replay_.reset();
  realPath_.clear();
  commandedPath_.clear();
  QString note;
  if (!isBuiltInTask(episode.task)) {
    note = tr("no built-in scene for task %1").arg(episode.task);
  } else if (episode.stateDim == 0 || !episode.hasSeed) {
    note = tr("the file records no simulator states or seed");
  } else {
    try {
      replay_ = std::make_unique<sim::SceneReplay>(episode.task.toStdString(), episode.seed);
      if (replay_->stateDim() != episode.stateDim) {
        note = tr("its states have %1 values, the task's %2").arg(episode.stateDim).arg(replay_->stateDim());
        replay_.reset();
      }
    } catch (const std::exception& e) {
      note = QString::fromUtf8(e.what());
      replay_.reset();
    }
  }
  const auto n = static_cast<std::size_t>(episode.length());
  if (episode.eefPos.size() == 3 * n) {
    for (std::size_t t = 0; t < n; ++t)
      realPath_.push_back({episode.eefPos[3 * t], episode.eefPos[3 * t + 1], episode.eefPos[3 * t + 2]});
  } else if (replay_) {
    for (std::size_t t = 0; t < n; ++t) realPath_.push_back(replay_->at(stateAt(episode, t)).eef);
  }
  if (!realPath_.empty() && episode.actionDim >= 3)
    commandedPath_ = sim::integrateActions(realPath_.front(), episode.actions, episode.actionDim);
  episodeCaption_ = note.isEmpty()
                        ? tr("%1 of %2: the scene at the current step").arg(episode.demo, episode.task)
                        : tr("%1 of %2: %3").arg(episode.demo, episode.task, note);
  caption_->setText(episodeCaption_);
  if (!replay_) actors_.setScene({});
  refreshPaths();
  setStep(0);
}

void ScenePanel::setStep(int step) {
  if (teleop_) {  // back to the episode: its replay and paths were kept
    teleop_ = false;
    caption_->setText(episodeCaption_);
    if (!replay_) actors_.setScene({});
    refreshPaths();
  }
  const auto t = static_cast<std::size_t>(std::max(0, step));
  if (replay_ && (t + 1) * static_cast<std::size_t>(episode_.stateDim) <= episode_.states.size())
    actors_.setScene(replay_->at(stateAt(episode_, t)));
  actors_.setCurrentStep(step);
  redraw();
}

void ScenePanel::showTeleop(const TeleopTrace& trace) {
  teleop_ = true;
  teleopRealPath_ = trace.realPath;
  teleopCommandedPath_.clear();
  if (trace.start) teleopCommandedPath_ = sim::integrateActions(*trace.start, trace.actions, 4);
  actors_.setScene(trace.scene ? *trace.scene : sim::SceneSnapshot{});
  caption_->setText(trace.scene ? tr("Teleop session, step %1: the real task's scene").arg(trace.steps())
                                : tr("Teleop session, step %1 (no real task alongside)").arg(trace.steps()));
  refreshPaths();
  actors_.setCurrentStep(trace.steps());
  redraw();
}

void ScenePanel::refreshPaths() {
  const auto& real = teleop_ ? teleopRealPath_ : realPath_;
  const auto& commanded = teleop_ ? teleopCommandedPath_ : commandedPath_;
  actors_.setRealPath(showReal_->isChecked() ? real : std::vector<sim::Vec3>{});
  actors_.setCommandedPath(showCommanded_->isChecked() ? commanded : std::vector<sim::Vec3>{});
  redraw();
}

void ScenePanel::redraw() {
  if (view_) view_->update();
}

}  // namespace w4rl::studio

#include "teleop_panel.h"

#include <qcustomplot.h>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>
#include <QTimer>
#include <QVBoxLayout>
#include <exception>
#include <memory>
#include <utility>

#include "background_call.h"
#include "chart_factory.h"
#include "common/thread_priority.h"
#include "frame_view.h"
#include "sim/task_registry.h"

namespace w4rl::studio {
namespace {

QImage toImage(const pipeline::Frames& f, int size) {
  return rgbImage(f.data(), size, size);
}

// Below the GUI thread, above background runs.
constexpr int kTeleopNiceness = 5;

}  // namespace

TeleopPanel::TeleopPanel(QWidget* parent) : QWidget(parent) {
  worker_.setMaxThreadCount(1);
  worker_.setExpiryTimeout(-1);
  // The one worker thread never expires, so niceness set on it once holds for every step (and for the
  // LibTorch threads it starts): world-model steps keep both cores busy, and the GUI thread that shows
  // their results must still win the CPU. Background runs are niced further (runs_panel).
  worker_.start([] { lowerThisThreadPriority(kTeleopNiceness); });
  setFocusPolicy(Qt::StrongFocus);
  imagined_ = new FrameView(this);
  real_ = new FrameView(this);
  spread_ = new FrameView(this);
  spread_->setToolTip(
      tr("Where the dream's samples of this step differ: bright where the world model is unsure"));
  samples_ = new QSpinBox(this);
  samples_->setRange(1, pipeline::kMaxDreamSamples);
  samples_->setValue(1);
  samples_->setPrefix(tr("samples "));
  samples_->setToolTip(
      tr("Dream each step this many times and show where the samples differ (each step costs as many "
         "samples); the dream goes on with the first"));
  status_ = new QLabel(tr("Open a world model, then reset from a dataset frame or a built-in task"), this);
  status_->setWordWrap(true);
  keys_ = new QLabel(tr("Keys: A/D -x/+x, S/W -y/+y, F/R -z/+z, Q close, E open, Space one step"), this);
  // The built-in tasks' action (sim/action.h): the world model's action_dim is checked against it on load.
  const char* names[sim::kActionDim] = {"x", "y", "z", "grip"};
  auto* sliders = new QGridLayout;
  for (int i = 0; i < sim::kActionDim; ++i) {
    axes_[i] = new QSlider(Qt::Horizontal, this);
    axes_[i]->setRange(-100, 100);
    axes_[i]->setToolTip(tr("Action component %1 in [-1, 1]").arg(names[i]));
    sliders->addWidget(new QLabel(names[i], this), i, 0);
    sliders->addWidget(axes_[i], i, 1);
  }
  task_ = new QComboBox(this);
  for (const auto& name : sim::taskNames()) task_->addItem(QString::fromStdString(name));
  task_->setToolTip(tr("Built-in task to reset from"));
  taskSeed_ = new QSpinBox(this);
  taskSeed_->setRange(0, 1000000);
  taskSeed_->setToolTip(tr("Scene seed of the task reset"));
  withReal_ = new QCheckBox(tr("Step the real task alongside"), this);
  withReal_->setChecked(true);
  withReal_->setToolTip(
      tr("Step the built-in task with the same actions beside the dream: after a reset from a "
         "task, or from a dataset frame whose episode has its scene seed and simulator states"));
  policyControl_ = new QCheckBox(tr("Policy in control"), this);
  policyControl_->setToolTip(tr("Hand control to the loaded policy; untick to take it back"));
  rate_ = new QDoubleSpinBox(this);
  rate_->setRange(0.5, 30.0);
  rate_->setValue(5.0);
  rate_->setSuffix(tr(" steps/s"));
  rate_->setToolTip(tr("Step rate when running continuously"));
  fromEpisode_ = new QPushButton(tr("Reset from dataset frame"), this);
  fromEpisode_->setObjectName("resetFromEpisode");
  fromTask_ = new QPushButton(tr("Reset from task"), this);
  stepButton_ = new QPushButton(tr("Step"), this);
  run_ = new QPushButton(tr("Run"), this);
  run_->setCheckable(true);
  record_ = new QPushButton(tr("Record to dataset..."), this);
  policyControl_->setObjectName("policyControl");
  fromTask_->setObjectName("resetFromTask");
  stepButton_->setObjectName("step");
  run_->setObjectName("run");
  record_->setObjectName("record");
  record_->setToolTip(tr("Append this session to a dataset as a teleop episode"));
  timer_ = new QTimer(this);
  divergence_ = makeChart(this);
  divergence_->addGraph()->setName(tr("PSNR dream vs real (dB)"));
  divergence_->xAxis->setLabel(tr("step"));
  divergence_->yAxis->setLabel(tr("PSNR (dB)"));
  divergence_->addGraph(divergence_->xAxis, divergence_->yAxis2)->setName(tr("sample spread (% of range)"));
  divergence_->graph(1)->setPen(QPen(QColor(214, 39, 40)));
  divergence_->yAxis2->setLabel(tr("spread (%)"));
  divergence_->yAxis2->setVisible(true);
  divergence_->setMinimumHeight(100);

  auto* views = new QHBoxLayout;
  views->addWidget(imagined_, 2);
  views->addWidget(spread_, 1);
  views->addWidget(real_, 1);
  auto* resets = new QHBoxLayout;
  resets->addWidget(fromEpisode_);
  resets->addWidget(task_);
  resets->addWidget(taskSeed_);
  resets->addWidget(withReal_);
  resets->addWidget(fromTask_);
  auto* controls = new QHBoxLayout;
  controls->addWidget(stepButton_);
  controls->addWidget(run_);
  controls->addWidget(rate_);
  controls->addWidget(samples_);
  controls->addWidget(policyControl_);
  controls->addWidget(record_);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(resets);
  layout->addWidget(status_);
  layout->addLayout(views, 3);
  layout->addLayout(sliders);
  layout->addLayout(controls);
  layout->addWidget(keys_);
  layout->addWidget(divergence_, 1);

  connect(fromEpisode_, &QPushButton::clicked, this, &TeleopPanel::resetFromEpisode);
  connect(fromTask_, &QPushButton::clicked, this, &TeleopPanel::resetFromTask);
  connect(stepButton_, &QPushButton::clicked, this, [this] { stepOnce(); });
  connect(run_, &QPushButton::toggled, this, &TeleopPanel::setContinuous);
  connect(timer_, &QTimer::timeout, this, [this] { stepOnce(); });
  connect(policyControl_, &QCheckBox::toggled, this, &TeleopPanel::setPolicyInControl);
  connect(rate_, qOverload<double>(&QDoubleSpinBox::valueChanged), this,
          [this](double r) { timer_->setInterval(static_cast<int>(1000.0 / r)); });
  timer_->setInterval(static_cast<int>(1000.0 / rate_->value()));
  connect(record_, &QPushButton::clicked, this, [this] {
    const auto file = QFileDialog::getSaveFileName(this, tr("Record into dataset"), "teleop.hdf5",
                                                   tr("HDF5 datasets (*.hdf5)"), nullptr,
                                                   QFileDialog::DontConfirmOverwrite);
    if (!file.isEmpty()) recordTo(file);
  });
  updateEnabled();
}

void TeleopPanel::setWorldModel(const QString& checkpoint) {
  setContinuous(false);
  session_.reset();
  updateEnabled();
  status_->setText(tr("Loading %1...").arg(checkpoint));
  runInBackground<std::shared_ptr<pipeline::TeleopSession>>(
      this, [checkpoint] { return std::make_shared<pipeline::TeleopSession>(checkpoint.toStdString()); },
      [this](std::shared_ptr<pipeline::TeleopSession> session) {
        session_ = std::move(session);
        status_->setText(tr("World model loaded: reset to start driving"));
        updateEnabled();
        emit ready();
        if (!pendingPolicy_.isEmpty()) setPolicy(std::exchange(pendingPolicy_, QString()));
      },
      [this](const QString& m) {
        status_->setText(m);
        emit failed(m);
      },
      &worker_);
}

void TeleopPanel::setPolicy(const QString& checkpoint) {
  if (!session_) {  // the world model is still loading (or none is open): load the policy once it is
    pendingPolicy_ = checkpoint;
    return;
  }
  // Queued on the panel's one worker thread behind any step or reset in flight, so those need not wait
  // for it and it never runs beside them; only handing control over waits until it has loaded.
  ++policyLoads_;
  updateEnabled();
  status_->setText(tr("Loading the policy %1...").arg(QFileInfo(checkpoint).fileName()));
  auto session = session_;
  runInBackground<bool>(
      this,
      [session, checkpoint] {
        session->setPolicy(checkpoint.toStdString());
        return true;
      },
      [this](bool) {
        --policyLoads_;
        updateEnabled();
        status_->setText(tr("Policy loaded: tick \"Policy in control\" to hand it the controls"));
        emit policyLoaded();
      },
      [this](const QString& m) {
        --policyLoads_;
        updateEnabled();
        status_->setText(m);
        emit failed(m);
      },
      &worker_);
}

void TeleopPanel::workFailed(const QString& message) {
  busy_ = false;
  longWork_ = false;
  status_->setText(message);
  updateEnabled();
  emit failed(message);
}

void TeleopPanel::setEpisode(const EpisodeData& episode, int step) {
  episode_ = episode;
  episodeStep_ = step;
  // A fresh reset defaults to the episode's task when it is a built-in one.
  if (const int i = task_->findText(episode.task); i >= 0) task_->setCurrentIndex(i);
  updateEnabled();
}

void TeleopPanel::resetFromEpisode() {
  if (!session_ || busy_ || episode_.length() == 0) return;
  busy_ = true;
  longWork_ = true;
  updateEnabled();
  auto session = session_;
  const auto episode = std::make_shared<const EpisodeData>(episode_);
  const int step = episodeStep_;
  const auto stateDim = static_cast<std::size_t>(episode->stateDim);
  // The real task can join only where the episode says where it was: its scene seed and the step's state.
  const bool restorable = episode->hasSeed && stateDim > 0 &&
                          episode->states.size() >= (static_cast<std::size_t>(step) + 1) * stateDim;
  const bool real = withReal_->isChecked() && restorable;
  const bool realRefused = withReal_->isChecked() && !restorable;
  runInBackground<std::optional<sim::SceneSnapshot>>(
      this,
      [session, episode, step, stateDim, restorable, real]() -> std::optional<sim::SceneSnapshot> {
        const std::string task = episode->task.toStdString();
        if (!restorable) {
          session->resetFromEpisode(episode->frames, episode->actions, step, task);
          return std::nullopt;
        }
        const auto first = episode->states.begin() + static_cast<std::ptrdiff_t>(step * stateDim);
        session->resetFromEpisodeState(
            episode->frames, episode->actions, step, task, episode->seed,
            std::vector<double>(first, first + static_cast<std::ptrdiff_t>(stateDim)), real);
        return session->taskScene();
      },
      [this, episode, step, real, realRefused](std::optional<sim::SceneSnapshot> scene) {
        busy_ = false;
        longWork_ = false;
        imagined_->setFrame(episode->frame(step));
        real_->setFrame(real ? episode->frame(step) : QImage());
        divergence_->graph(0)->data()->clear();
        divergence_->graph(1)->data()->clear();
        spread_->setFrame(QImage());
        trace_ = TeleopTrace{};
        trace_.scene = std::move(scene);
        const auto eef = static_cast<std::size_t>(3 * step);
        if (eef + 3 <= episode->eefPos.size())
          trace_.start = sim::Vec3{episode->eefPos[eef], episode->eefPos[eef + 1], episode->eefPos[eef + 2]};
        if (real && trace_.scene) trace_.realPath.push_back(trace_.scene->eef);
        emit traceChanged();
        const QString from = tr("Dreaming from %1 step %2").arg(episode->demo).arg(step);
        status_->setText(real          ? tr("%1, the real task alongside from its recorded state").arg(from)
                         : realRefused ? tr("%1; the real task cannot run alongside: the episode has no "
                                            "recorded scene seed and simulator states")
                                             .arg(from)
                                       : from);
        updateEnabled();
        emit resetDone();
      },
      [this](const QString& m) { workFailed(m); }, &worker_);
}

void TeleopPanel::resetFromTask() {
  if (!session_ || busy_) return;
  busy_ = true;
  longWork_ = true;
  updateEnabled();
  auto session = session_;
  const std::string task = task_->currentText().toStdString();
  const auto seed = static_cast<std::uint64_t>(taskSeed_->value());
  const bool real = withReal_->isChecked();
  runInBackground<std::optional<sim::SceneSnapshot>>(
      this,
      [session, task, seed, real] {
        session->resetFromTask(task, seed, real);
        return session->taskScene();
      },
      [this, real](std::optional<sim::SceneSnapshot> scene) {
        busy_ = false;
        longWork_ = false;
        trace_ = TeleopTrace{};
        trace_.scene = std::move(scene);
        if (trace_.scene) {
          trace_.start = trace_.scene->eef;
          if (real) trace_.realPath.push_back(trace_.scene->eef);
        }
        emit traceChanged();
        divergence_->graph(0)->data()->clear();
        divergence_->graph(1)->data()->clear();
        spread_->setFrame(QImage());
        status_->setText(tr("Dreaming from a fresh reset of %1 (seed %2)")
                             .arg(task_->currentText())
                             .arg(taskSeed_->value()));
        updateEnabled();
        emit resetDone();
      },
      [this](const QString& m) {
        busy_ = false;
        longWork_ = false;
        updateEnabled();
        emit failed(m);
      },
      &worker_);
}

void TeleopPanel::setDreamSamples(int samples) {
  samples_->setValue(samples);
}

std::vector<float> TeleopPanel::sliderAction() const {
  std::vector<float> a(sim::kActionDim);
  for (int i = 0; i < sim::kActionDim; ++i)
    a[static_cast<std::size_t>(i)] = static_cast<float>(axes_[i]->value()) / 100.0f;
  return a;
}

void TeleopPanel::stepOnce(const std::vector<float>& action) {
  if (!session_ || busy_) return;  // a step still running: this one is dropped, the GUI never queues up
  busy_ = true;
  auto session = session_;
  const auto a = action.empty() ? sliderAction() : action;
  const int samples = samples_->value();
  runInBackground<pipeline::TeleopStep>(
      this,
      [session, a, samples] {
        session->setSpreadSamples(samples);
        return session->step(a);
      },
      [this, session](pipeline::TeleopStep s) {
        busy_ = false;
        if (session == session_) showStep(s);
      },
      [this](const QString& m) {
        busy_ = false;
        setContinuous(false);
        emit failed(m);
      },
      &worker_);
}

void TeleopPanel::showStep(const pipeline::TeleopStep& s) {
  const int size = session_->imageSize();
  imagined_->setFrame(toImage(s.imagined, size));
  spread_->setFrame(s.spread.empty() ? QImage() : toImage(s.spread, size));
  if (s.meanSpread >= 0) {
    divergence_->graph(1)->addData(session_->steps(), 100.0 * s.meanSpread);
    divergence_->graph(1)->rescaleValueAxis();
    divergence_->xAxis->rescale();
    divergence_->replot(QCustomPlot::rpQueuedReplot);
  }
  lastLatencyMs_ = s.latencyMs;
  QString text = tr("step %1, latency %2 ms, action (%3, %4, %5, %6)")
                     .arg(session_->steps())
                     .arg(s.latencyMs, 0, 'f', 1)
                     .arg(s.action[0], 0, 'f', 2)
                     .arg(s.action[1], 0, 'f', 2)
                     .arg(s.action[2], 0, 'f', 2)
                     .arg(s.action[3], 0, 'f', 2);
  if (s.meanSpread >= 0) text += tr(", sample spread %1%").arg(100.0 * s.meanSpread, 0, 'f', 2);
  if (!s.real.empty()) {
    real_->setFrame(toImage(s.real, size));
    divergence_->graph(0)->addData(session_->steps(), s.psnr);
    divergence_->rescaleAxes();
    divergence_->replot(QCustomPlot::rpQueuedReplot);
    text += tr(", PSNR to real %1 dB%2")
                .arg(s.psnr, 0, 'f', 1)
                .arg(s.realSuccess ? tr(", real task solved") : QString());
  }
  status_->setText(text);
  trace_.actions.insert(trace_.actions.end(), s.action.begin(), s.action.end());
  trace_.actions.resize(static_cast<std::size_t>(sim::kActionDim * session_->steps()), 0.0f);
  if (s.realScene) {
    trace_.realPath.push_back(s.realScene->eef);
    trace_.scene = s.realScene;
  }
  emit traceChanged();
  emit stepped(session_->steps());
}

void TeleopPanel::setContinuous(bool on) {
  if (on && session_)
    timer_->start();
  else
    timer_->stop();
  const QSignalBlocker block(run_);
  run_->setChecked(timer_->isActive());
}

void TeleopPanel::setPolicyInControl(bool on) {
  if (!session_ || busy_) return;
  if (policyLoads_ > 0) {
    const QSignalBlocker block(policyControl_);
    policyControl_->setChecked(false);
    emit failed(tr("The policy is still loading: hand it control once it has"));
    return;
  }
  try {
    session_->setPolicyInControl(on);
  } catch (const std::exception& e) {
    const QSignalBlocker block(policyControl_);
    policyControl_->setChecked(false);
    emit failed(QString::fromUtf8(e.what()));
  }
}

void TeleopPanel::recordTo(const QString& dataset) {
  if (!session_ || busy_) {
    emit failed(tr("Wait for the current step to finish, then record"));
    return;
  }
  setContinuous(false);  // the recording holds the steps taken so far; driving resumes after it
  busy_ = true;
  longWork_ = true;
  updateEnabled();
  status_->setText(tr("Recording into %1...").arg(dataset));
  auto session = session_;
  const int steps = session->steps();
  runInBackground<std::size_t>(
      this, [session, dataset] { return session->saveRecording(dataset.toStdString()); },
      [this, dataset, steps](std::size_t n) {
        busy_ = false;
        longWork_ = false;
        status_->setText(tr("Recorded %1 steps into %2 (%3 episodes)").arg(steps).arg(dataset).arg(n));
        updateEnabled();
        emit recorded(static_cast<int>(n));
      },
      [this](const QString& m) { workFailed(m); }, &worker_);
}

void TeleopPanel::keyPressEvent(QKeyEvent* event) {
  // One step per key press: the pressed direction at full speed, other components zero.
  std::vector<float> a(sim::kActionDim, 0.0f);
  switch (event->key()) {
    case Qt::Key_D:
      a[0] = 1;
      break;
    case Qt::Key_A:
      a[0] = -1;
      break;
    case Qt::Key_W:
      a[1] = 1;
      break;
    case Qt::Key_S:
      a[1] = -1;
      break;
    case Qt::Key_R:
      a[2] = 1;
      break;
    case Qt::Key_F:
      a[2] = -1;
      break;
    case Qt::Key_Q:
      a[3] = 1;
      break;
    case Qt::Key_E:
      a[3] = -1;
      break;
    case Qt::Key_Space:
      stepOnce();
      return;
    default:
      QWidget::keyPressEvent(event);
      return;
  }
  stepOnce(a);
}

QString TeleopPanel::statusText() const {
  return status_->text();
}

void TeleopPanel::updateEnabled() {
  // A recording or a reset on the worker greys the controls that would be dropped meanwhile; a step's
  // few milliseconds do not, so the buttons never flicker while driving.
  const bool idle = session_ != nullptr && !longWork_;
  fromEpisode_->setEnabled(idle && episode_.length() > 0);
  fromTask_->setEnabled(idle);
  for (QWidget* w : std::initializer_list<QWidget*>{stepButton_, run_, record_}) w->setEnabled(idle);
  policyControl_->setEnabled(idle && policyLoads_ == 0);
}

}  // namespace w4rl::studio

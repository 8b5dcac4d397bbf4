#include "dream_truth_panel.h"

#include <qcustomplot.h>
#include <QCheckBox>
#include <QComboBox>
#include <QFileInfo>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>

#include "background_job.h"
#include "chart_factory.h"
#include "common/error.h"
#include "frame_view.h"
#include "metrics/heatmap.h"
#include "sim/task_registry.h"

namespace w4rl::studio {
namespace {

QImage frameImage(const std::vector<std::uint8_t>& frames, int step, int size) {
  const std::size_t bytes = static_cast<std::size_t>(size) * static_cast<std::size_t>(size) * 3;
  if (size <= 0 || frames.size() < static_cast<std::size_t>(step) * bytes) return {};
  return rgbImage(frames.data() + static_cast<std::size_t>(step - 1) * bytes, size, size);
}

QString percent(double rate) {
  return QStringLiteral("%1%").arg(100.0 * rate, 0, 'f', 0);
}

}  // namespace

DreamTruthPanel::DreamTruthPanel(QWidget* parent) : QWidget(parent) {
  pool_.setMaxThreadCount(1);
  task_ = new QComboBox(this);
  for (const auto& name : sim::taskNames()) task_->addItem(QString::fromStdString(name));
  task_->setToolTip(tr("Built-in task whose fresh starts are dreamt and replayed"));
  random_ = new QCheckBox(tr("Random actions"), this);
  random_->setToolTip(tr("Uniform random actions instead of the policy's"));
  actOn_ = new QComboBox(this);
  actOn_->setObjectName("actOn");
  actOn_->addItem(tr("acting on the dream"));
  actOn_->addItem(tr("acting on the real task"));
  actOn_->setToolTip(
      tr("On the dream: the policy sees the dreamt frames and its actions are replayed in the real task. On "
         "the real task: it plays its own real episode and the world model dreams those actions, so the "
         "dream is judged on actions it did not steer"));
  starts_ = new QSpinBox(this);
  starts_->setRange(1, 500);
  starts_->setValue(20);
  starts_->setToolTip(tr("Starts: evaluation seeds 0 to N-1, as eval-policy's episodes"));
  horizon_ = new QSpinBox(this);
  horizon_->setRange(1, 1000);
  horizon_->setValue(50);
  horizon_->setToolTip(tr("Steps dreamt and replayed from each start (the built-in tasks' episodes: 50)"));
  dreams_ = new QSpinBox(this);
  dreams_->setRange(1, 16);
  dreams_->setValue(1);
  dreams_->setToolTip(
      tr("Dreams of each start's actions: an imagined success needs every one of them to show it, so a "
         "success the world model shows by the luck of one sample does not count"));
  run_ = new QPushButton(tr("Compare"), this);
  run_->setObjectName("compare");
  run_->setToolTip(tr("Dream from each start, replay the same actions in the real task and compare"));
  cancel_ = new QPushButton(tr("Cancel"), this);
  cancel_->setObjectName("cancelCompare");
  progress_ = new QProgressBar(this);
  progress_->setRange(0, 1);
  progress_->setValue(0);
  inputs_ = new QLabel(this);
  inputs_->setWordWrap(true);
  summary_ = new QLabel(tr("Open a world model, a success classifier and a policy, then compare"), this);
  summary_->setWordWrap(true);
  summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  table_ = new QTableWidget(0, 6, this);
  table_->setHorizontalHeaderLabels(
      {tr("Start"), tr("Dream"), tr("Real"), tr("Classifier on real"), tr("Max p dream"), tr("Max p real")});
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->setSelectionMode(QAbstractItemView::SingleSelection);
  table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table_->verticalHeader()->setVisible(false);
  table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  table_->setMinimumWidth(300);
  dreamView_ = new FrameView(this);
  realView_ = new FrameView(this);
  diffView_ = new FrameView(this);
  slider_ = new QSlider(Qt::Horizontal, this);
  slider_->setToolTip(tr("Scrub the dream and the real replay together"));
  stepLabel_ = new QLabel(this);
  probability_ = makeChart(this);
  probability_->addGraph()->setName(tr("dream"));
  probability_->addGraph()->setName(tr("real replay"));
  probability_->graph(1)->setPen(QPen(QColor(255, 127, 14)));
  probability_->addGraph()->setName(tr("threshold"));
  probability_->graph(2)->setPen(QPen(Qt::gray, 1, Qt::DashLine));
  probability_->yAxis->setRange(0, 1.02);
  probability_->yAxis->setLabel(tr("success probability"));
  probability_->xAxis->setLabel(tr("step"));
  probability_->legend->setVisible(true);
  probability_->setMinimumHeight(110);
  cursor_ = new QCPItemStraightLine(probability_);
  cursor_->setPen(QPen(Qt::darkGray));

  auto* settings = new QHBoxLayout;
  settings->addWidget(new QLabel(tr("Task"), this));
  settings->addWidget(task_);
  settings->addWidget(random_);
  settings->addWidget(actOn_);
  settings->addWidget(new QLabel(tr("Starts"), this));
  settings->addWidget(starts_);
  settings->addWidget(new QLabel(tr("Steps"), this));
  settings->addWidget(horizon_);
  settings->addWidget(new QLabel(tr("Dreams"), this));
  settings->addWidget(dreams_);
  settings->addWidget(run_);
  settings->addWidget(cancel_);
  settings->addWidget(progress_, 1);
  auto* views = new QGridLayout;
  int column = 0;
  for (auto [caption, view] : {std::pair<QString, FrameView*>{tr("dream"), dreamView_},
                               {tr("real replay"), realView_},
                               {tr("|difference|"), diffView_}}) {
    views->addWidget(new QLabel(caption, this), 0, column, Qt::AlignHCenter);
    views->addWidget(view, 1, column++);
  }
  auto* transport = new QHBoxLayout;
  transport->addWidget(slider_, 1);
  transport->addWidget(stepLabel_);
  auto* viewer = new QVBoxLayout;
  viewer->addLayout(views, 3);
  viewer->addLayout(transport);
  viewer->addWidget(probability_, 1);
  auto* body = new QHBoxLayout;
  body->addWidget(table_, 1);
  body->addLayout(viewer, 2);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(settings);
  layout->addWidget(inputs_);
  layout->addWidget(summary_);
  layout->addLayout(body, 1);

  connect(run_, &QPushButton::clicked, this, &DreamTruthPanel::run);
  connect(cancel_, &QPushButton::clicked, this, &DreamTruthPanel::cancel);
  connect(random_, &QCheckBox::toggled, this, &DreamTruthPanel::updateEnabled);
  connect(table_, &QTableWidget::currentCellChanged, this, [this](int row) { showStart(row); });
  connect(slider_, &QSlider::valueChanged, this, &DreamTruthPanel::setStep);
  updateEnabled();
}

DreamTruthPanel::~DreamTruthPanel() {
  // Every job this panel started: a finished one's worker may still be returning from run().
  for (auto* job : findChildren<BackgroundJob*>()) job->cancelAndWait(&pool_);
}

void DreamTruthPanel::setWorldModel(const QString& checkpoint) {
  worldModel_ = checkpoint;
  updateEnabled();
}

void DreamTruthPanel::setRewardModel(const QString& checkpoint) {
  reward_ = checkpoint;
  updateEnabled();
}

void DreamTruthPanel::setPolicy(const QString& checkpoint, const QString& task) {
  policy_ = checkpoint;
  if (!task.isEmpty() && task_->findText(task) >= 0) task_->setCurrentText(task);
  updateEnabled();
}

void DreamTruthPanel::setTask(const QString& task) {
  task_->setCurrentText(task);
}

void DreamTruthPanel::setStarts(int starts) {
  starts_->setValue(starts);
}

void DreamTruthPanel::setActOnRealTask(bool real) {
  actOn_->setCurrentIndex(real ? 1 : 0);
}

void DreamTruthPanel::setDreams(int dreams) {
  dreams_->setValue(dreams);
}

void DreamTruthPanel::setHorizon(int steps) {
  horizon_->setValue(steps);
}

void DreamTruthPanel::setRandomActions(bool random) {
  random_->setChecked(random);
}

void DreamTruthPanel::updateEnabled() {
  const bool ready =
      !worldModel_.isEmpty() && !reward_.isEmpty() && (random_->isChecked() || !policy_.isEmpty());
  run_->setEnabled(ready && !running());
  cancel_->setEnabled(running());
  task_->setEnabled(!running());
  random_->setEnabled(!running());
  actOn_->setEnabled(!running());
  starts_->setEnabled(!running());
  horizon_->setEnabled(!running());
  dreams_->setEnabled(!running());
  auto name = [this](const QString& file) {
    return file.isEmpty() ? tr("none") : QFileInfo(file).fileName();
  };
  inputs_->setText(
      tr("World model: %1; classifier: %2; actions: %3")
          .arg(name(worldModel_), name(reward_),
               random_->isChecked() ? tr("uniform random") : tr("policy %1").arg(name(policy_))));
}

void DreamTruthPanel::run() {
  if (running() || !run_->isEnabled()) return;
  pipeline::EvalDreamRequest request;
  request.worldModel = worldModel_.toStdString();
  request.reward = reward_.toStdString();
  request.randomActions = random_->isChecked();
  request.actOn = actOn_->currentIndex() == 1 ? pipeline::DreamActOn::Real : pipeline::DreamActOn::Dream;
  if (!request.randomActions) request.policy = policy_.toStdString();
  request.task = task_->currentText().toStdString();
  request.episodes = starts_->value();
  request.horizon = horizon_->value();
  request.dreams = dreams_->value();
  request.keepFrames = true;
  for (auto* old : findChildren<BackgroundJob*>())
    if (old->done()) delete old;
  auto result = std::make_shared<pipeline::EvalDreamReport>();
  pending_ = result;
  auto* job = new BackgroundJob([request, result](const ProgressCallback& p, const CancelToken& c) {
    *result = pipeline::evalDream(request, p, c);
    if (result->cancelled) throw Cancelled();
    return std::string();
  });
  job->setParent(this);
  job_ = job;
  connect(job, &BackgroundJob::progress, this, [this](qint64 done, qint64 total, const QString& message) {
    progress_->setRange(0, static_cast<int>(std::max<qint64>(total, 1)));
    progress_->setValue(static_cast<int>(done));
    summary_->setText(tr("Dreaming and replaying: %1 of %2 starts, %3").arg(done).arg(total).arg(message));
  });
  connect(job, &BackgroundJob::succeeded, this, [this] { jobEnded(Ending::Finished, {}); });
  connect(job, &BackgroundJob::failed, this, [this](const QString& m) { jobEnded(Ending::Failed, m); });
  connect(job, &BackgroundJob::cancelled, this, [this] { jobEnded(Ending::Cancelled, tr("Cancelled")); });
  progress_->setRange(0, 0);
  summary_->setText(tr("Loading the models..."));
  pool_.start(job);
  updateEnabled();
}

void DreamTruthPanel::cancel() {
  if (job_ != nullptr) job_->cancel();
}

void DreamTruthPanel::jobEnded(Ending ending, const QString& message) {
  job_ = nullptr;  // the object stays a child until the next run or the panel's end
  progress_->setRange(0, 1);
  progress_->setValue(ending == Ending::Finished ? 1 : 0);
  if (ending == Ending::Finished) {
    report_ = std::move(*pending_);
    showReport();
  } else {
    summary_->setText(message);
  }
  pending_.reset();
  updateEnabled();
  if (ending == Ending::Finished) emit finished();
  if (ending == Ending::Cancelled) emit cancelled();
  if (ending == Ending::Failed) emit failed(message);
}

QString DreamTruthPanel::summary() const {
  return summary_->text();
}

void DreamTruthPanel::showReport() {
  const auto& t = report_.table;
  const QString precision =
      t.precision.of == 0
          ? tr("none imagined")
          : tr("%1 (%2 of %3)").arg(t.precision.rate, 0, 'f', 2).arg(t.precision.count).arg(t.precision.of);
  summary_->setText(
      tr("%1 starts of %2, %3: agreement %4 [%5-%6], imagined success %7, real %8, precision of imagined "
         "success %9; disagreements: %10 the world model's, %11 the classifier's")
          .arg(t.starts)
          .arg(QString::fromStdString(report_.task), QString::fromStdString(report_.actions),
               percent(t.agreement.rate), percent(t.agreement.ci.low), percent(t.agreement.ci.high),
               percent(t.imaginedSuccess.rate), percent(t.realSuccess.rate), precision)
          .arg(t.worldModelErrors)
          .arg(t.classifierErrors));
  order_.resize(report_.perStart.size());
  for (std::size_t i = 0; i < order_.size(); ++i) order_[i] = static_cast<int>(i);
  std::stable_sort(order_.begin(), order_.end(), [this](int a, int b) {
    const auto& x = report_.perStart[static_cast<std::size_t>(a)];
    const auto& y = report_.perStart[static_cast<std::size_t>(b)];
    return (x.imaginedSuccess != x.realSuccess) > (y.imaginedSuccess != y.realSuccess);
  });
  auto outcome = [this](bool success) { return success ? tr("success") : tr("failure"); };
  table_->blockSignals(true);
  table_->setRowCount(static_cast<int>(order_.size()));
  for (int row = 0; row < static_cast<int>(order_.size()); ++row) {
    const int start = order_[static_cast<std::size_t>(row)];
    const auto& s = report_.perStart[static_cast<std::size_t>(start)];
    const QStringList cells{
        QString::number(start),
        report_.dreams > 1
            ? tr("%1 (%2 of %3)").arg(outcome(s.imaginedSuccess)).arg(s.dreamSuccesses).arg(report_.dreams)
            : outcome(s.imaginedSuccess),
        outcome(s.realSuccess),
        outcome(s.classifierOnReal),
        QString::number(s.maxDreamProbability, 'f', 2),
        QString::number(s.maxRealProbability, 'f', 2)};
    for (int c = 0; c < cells.size(); ++c) {
      auto* item = new QTableWidgetItem(cells[c]);
      if (s.imaginedSuccess != s.realSuccess) item->setBackground(QColor(255, 225, 210));
      item->setToolTip(tr("Start %1: environment seed %2").arg(start).arg(s.seed));
      table_->setItem(row, c, item);
    }
  }
  table_->blockSignals(false);
  shown_ = -1;
  if (!order_.empty()) {
    table_->setCurrentCell(0, 0);
    showStart(0);
  }
}

void DreamTruthPanel::showStart(int row) {
  if (row < 0 || row >= static_cast<int>(order_.size())) return;
  shown_ = order_[static_cast<std::size_t>(row)];
  const auto& s = report_.perStart[static_cast<std::size_t>(shown_)];
  const int horizon = static_cast<int>(s.dreamProbability.size());
  QVector<double> x, dream, real, threshold;
  for (int t = 0; t < horizon; ++t) {
    x << t + 1;
    dream << s.dreamProbability[static_cast<std::size_t>(t)];
    real << s.realProbability[static_cast<std::size_t>(t)];
    threshold << report_.threshold;
  }
  probability_->graph(0)->setData(x, dream);
  probability_->graph(1)->setData(x, real);
  probability_->graph(2)->setData(x, threshold);
  probability_->xAxis->setRange(0.5, horizon + 0.5);
  slider_->blockSignals(true);
  slider_->setRange(1, std::max(1, horizon));
  slider_->blockSignals(false);
  setStep(std::clamp(step_, 1, std::max(1, horizon)));
}

void DreamTruthPanel::setStep(int step) {
  if (shown_ < 0) return;
  const auto& s = report_.perStart[static_cast<std::size_t>(shown_)];
  const int horizon = static_cast<int>(s.dreamProbability.size());
  if (horizon == 0 || s.psnr.size() < static_cast<std::size_t>(horizon)) return;
  step_ = std::clamp(step, 1, std::max(1, horizon));
  if (slider_->value() != step_) slider_->setValue(step_);
  const int size = report_.imageSize;
  dreamView_->setFrame(frameImage(s.dreamFrames, step_, size));
  realView_->setFrame(frameImage(s.realFrames, step_, size));
  const std::size_t bytes = static_cast<std::size_t>(size) * static_cast<std::size_t>(size) * 3;
  if (size > 0 && s.dreamFrames.size() >= static_cast<std::size_t>(step_) * bytes &&
      s.realFrames.size() >= static_cast<std::size_t>(step_) * bytes) {
    const std::size_t at = static_cast<std::size_t>(step_ - 1) * bytes;
    const auto heat = metrics::absDiffHeatmap({s.dreamFrames.data() + at, size, size},
                                              {s.realFrames.data() + at, size, size});
    diffView_->setFrame(rgbImage(heat.data(), size, size));
  }
  cursor_->point1->setCoords(step_, 0);
  cursor_->point2->setCoords(step_, 1);
  stepLabel_->setText(tr("step %1 of %2: p dream %3, p real %4, PSNR %5 dB")
                          .arg(step_)
                          .arg(horizon)
                          .arg(s.dreamProbability[static_cast<std::size_t>(step_ - 1)], 0, 'f', 2)
                          .arg(s.realProbability[static_cast<std::size_t>(step_ - 1)], 0, 'f', 2)
                          .arg(s.psnr[static_cast<std::size_t>(step_ - 1)], 0, 'f', 1));
  probability_->replot(QCustomPlot::rpQueuedReplot);
}

}  // namespace w4rl::studio

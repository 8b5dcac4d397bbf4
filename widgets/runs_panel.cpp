#include "runs_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QThreadPool>
#include <QVBoxLayout>

#include "background_call.h"
#include "background_job.h"
#include "common/thread_priority.h"
#include "metrics_chart.h"
#include "runs/run_registry.h"

namespace w4rl::studio {
namespace {

// Training saturates the cores; at niceness 10 it gets about a tenth of a core's share against the GUI
// thread when both want the CPU, and all of it otherwise.
constexpr int kRunNiceness = 10;

QStringList splitList(const QString& text, const QString& separator) {
  QStringList out;
  for (const auto& part : text.split(separator, Qt::SkipEmptyParts)) out << part.trimmed();
  return out;
}

std::vector<std::string> toStd(const QStringList& list) {
  std::vector<std::string> out;
  for (const auto& s : list) out.push_back(s.toStdString());
  return out;
}

QString formatEta(double seconds) {
  if (!(seconds >= 0) || seconds > 1e7) return QStringLiteral("?");
  const auto s = static_cast<qint64>(seconds + 0.5);
  return QStringLiteral("%1:%2:%3")
      .arg(s / 3600)
      .arg((s / 60) % 60, 2, 10, QLatin1Char('0'))
      .arg(s % 60, 2, 10, QLatin1Char('0'));
}

}  // namespace

RunsPanel::RunsPanel(QWidget* parent) : QWidget(parent) {
  stage_ = new QComboBox(this);
  for (auto s : pipeline::allStages())
    stage_->addItem(QString::fromStdString(pipeline::stageName(s)), static_cast<int>(s));
  stage_->setToolTip(tr("The stage to run; the same as the world4rl command of that name"));
  auto line = [this](const QString& tip) {
    auto* e = new QLineEdit(this);
    e->setToolTip(tip);
    return e;
  };
  data_ = line(tr("Dataset files, separated by ';'"));
  task_ = line(tr("Task (the pipeline takes several, separated by ',')"));
  out_ = line(tr("Run directory (collect, dream: the dataset file to write)"));
  policy_ = line(tr("Policy checkpoint (refine, evaluate)"));
  worldModel_ = line(tr("World-model checkpoint (refine, dream)"));
  reward_ = line(tr("Success-classifier checkpoint (refine; evaluate: audited on the real episodes)"));
  overrides_ = line(tr("Settings as key=value, separated by spaces, e.g. steps=2000 lr=1e-4"));
  resume_ = new QCheckBox(tr("Resume the run in the directory"), this);
  start_ = new QPushButton(tr("Start"), this);
  start_->setObjectName("start");
  pause_ = new QPushButton(tr("Pause"), this);
  pause_->setCheckable(true);
  cancel_ = new QPushButton(tr("Cancel"), this);
  cancel_->setObjectName("cancelRun");
  progress_ = new QProgressBar(this);
  status_ = new QLabel(this);
  status_->setWordWrap(true);
  folder_ = line(tr("Folder whose runs are listed below"));
  runs_ = new QListWidget(this);
  runs_->setToolTip(
      tr("Runs found in the folder: select one to chart it, Ctrl+click a second to overlay it"));
  runs_->setSelectionMode(QAbstractItemView::ExtendedSelection);
  chart_ = new MetricsChart(this);

  auto* formLayout = new QFormLayout;
  formLayout->addRow(tr("Stage"), stage_);
  formLayout->addRow(tr("Data"), data_);
  formLayout->addRow(tr("Task"), task_);
  formLayout->addRow(tr("Output"), out_);
  formLayout->addRow(tr("Policy"), policy_);
  formLayout->addRow(tr("World model"), worldModel_);
  formLayout->addRow(tr("Reward"), reward_);
  formLayout->addRow(tr("Settings"), overrides_);
  formLayout->addRow(QString(), resume_);
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(start_);
  buttons->addWidget(pause_);
  buttons->addWidget(cancel_);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(formLayout);
  layout->addLayout(buttons);
  layout->addWidget(progress_);
  layout->addWidget(status_);
  layout->addWidget(folder_);
  layout->addWidget(runs_, 1);
  layout->addWidget(chart_, 2);

  connect(stage_, qOverload<int>(&QComboBox::currentIndexChanged), this, [this] { updateFields(); });
  connect(start_, &QPushButton::clicked, this, &RunsPanel::start);
  connect(cancel_, &QPushButton::clicked, this, &RunsPanel::cancel);
  connect(pause_, &QPushButton::toggled, this, &RunsPanel::setPaused);
  connect(folder_, &QLineEdit::editingFinished, this, &RunsPanel::refreshRuns);
  connect(runs_, &QListWidget::itemSelectionChanged, this, [this] {
    const auto items = runs_->selectedItems();
    chart_->setRun(items.value(0) ? items.value(0)->data(Qt::UserRole).toString() : QString());
    chart_->setOverlay(items.value(1) ? items.value(1)->data(Qt::UserRole).toString() : QString());
  });
  updateFields();
}

void RunsPanel::updateFields() {
  const auto s = static_cast<pipeline::Stage>(stage_->currentData().toInt());
  using pipeline::Stage;
  data_->setEnabled(s != Stage::Collect && s != Stage::EvaluatePolicy && s != Stage::Pipeline);
  policy_->setEnabled(s == Stage::Refine || s == Stage::EvaluatePolicy);
  worldModel_->setEnabled(s == Stage::Refine || s == Stage::Dream);
  reward_->setEnabled(s == Stage::Refine || s == Stage::EvaluatePolicy);
  resume_->setEnabled(s == Stage::Refine || s == Stage::TrainWorldModel);
  pause_->setEnabled(running());
  cancel_->setEnabled(running());
  start_->setEnabled(!running());
}

pipeline::StageForm RunsPanel::form() const {
  pipeline::StageForm f;
  f.stage = static_cast<pipeline::Stage>(stage_->currentData().toInt());
  f.data = toStd(splitList(data_->text(), ";"));
  f.task = task_->text().trimmed().toStdString();
  f.out = out_->text().trimmed().toStdString();
  f.policy = policy_->text().trimmed().toStdString();
  f.worldModel = worldModel_->text().trimmed().toStdString();
  f.reward = reward_->text().trimmed().toStdString();
  f.overrides = toStd(splitList(overrides_->text(), " "));
  f.resume = resume_->isChecked();
  return f;
}

void RunsPanel::setForm(const pipeline::StageForm& f) {
  stage_->setCurrentIndex(stage_->findData(static_cast<int>(f.stage)));
  QStringList files;
  for (const auto& d : f.data) files << QString::fromStdString(d);
  data_->setText(files.join(";"));
  task_->setText(QString::fromStdString(f.task));
  out_->setText(QString::fromStdString(f.out));
  policy_->setText(QString::fromStdString(f.policy));
  worldModel_->setText(QString::fromStdString(f.worldModel));
  reward_->setText(QString::fromStdString(f.reward));
  QStringList overrides;
  for (const auto& o : f.overrides) overrides << QString::fromStdString(o);
  overrides_->setText(overrides.join(" "));
  resume_->setChecked(f.resume);
}

void RunsPanel::start() {
  if (running()) return;
  for (auto* old : findChildren<BackgroundJob*>())
    if (old->done()) delete old;  // finished runs' job objects
  const pipeline::StageForm f = form();
  auto* job = new BackgroundJob([f](const ProgressCallback& p, const CancelToken& c) {
    lowerThisThreadPriority(kRunNiceness);
    return runStage(f, p, c);
  });
  job->setParent(this);
  job_ = job;
  connect(job, &BackgroundJob::progress, this, &RunsPanel::jobProgress);
  connect(job, &BackgroundJob::succeeded, this, [this](const QString& m) { jobEnded(true, m); });
  connect(job, &BackgroundJob::failed, this, [this](const QString& m) { jobEnded(false, m); });
  connect(job, &BackgroundJob::cancelled, this, [this] { jobEnded(false, tr("Cancelled")); });
  progress_->setRange(0, 0);
  status_->setText(tr("Starting %1...").arg(stage_->currentText()));
  pause_->setChecked(false);
  elapsed_.start();
  rate_ = ProgressRate();
  // The run's directory is charted while it trains (collect, dream and evaluate write no metrics).
  if (f.stage != pipeline::Stage::Collect && f.stage != pipeline::Stage::Dream &&
      f.stage != pipeline::Stage::EvaluatePolicy)
    chart_->setRun(QString::fromStdString(f.out));
  runPool_.start(job);
  updateFields();
}

RunsPanel::~RunsPanel() {
  // Every job this panel started, including one whose end signal was already handled: its worker may
  // still be returning from run(), and the job object dies with the panel.
  for (auto* job : findChildren<BackgroundJob*>()) job->cancelAndWait(&runPool_);
}

bool RunsPanel::running() const {
  return job_ != nullptr;
}

void RunsPanel::cancel() {
  if (job_) job_->cancel();
}

void RunsPanel::setPaused(bool paused) {
  if (job_) job_->setPaused(paused);
  status_->setText(paused ? tr("Paused") : tr("Running"));
}

void RunsPanel::jobProgress(qint64 done, qint64 total, const QString& message) {
  if (total > 0) {
    // Percent, not raw counts: QProgressBar takes ints.
    progress_->setRange(0, 1000);
    progress_->setValue(static_cast<int>(1000 * done / total));
    rate_.observe(done, total, static_cast<double>(elapsed_.elapsed()) / 1000.0);
    status_->setText(
        tr("%1 / %2, ETA %3  %4").arg(done).arg(total).arg(formatEta(rate_.secondsLeft()), message));
  } else {
    status_->setText(message);
  }
}

void RunsPanel::jobEnded(bool ok, const QString& message) {
  job_ = nullptr;
  progress_->setRange(0, 1);
  progress_->setValue(ok ? 1 : 0);
  status_->setText(message);
  chart_->refresh();
  refreshRuns();
  updateFields();
  emit finished(ok, message);
}

void RunsPanel::setRunsFolder(const QString& folder) {
  folder_->setText(folder);
  refreshRuns();
}

void RunsPanel::refreshRuns() {
  const int listing = ++listing_;
  const QString folder = folder_->text().trimmed();
  if (folder.isEmpty() || !QDir(folder).exists()) {
    runs_->clear();
    emit runsListed();
    return;
  }
  // Describing a run reads its metrics or event files, which may be large: off the GUI thread.
  runInBackground<std::vector<runs::RunInfo>>(
      this, [root = folder.toStdString()] { return runs::findRuns(root); },
      [this, folder, listing](std::vector<runs::RunInfo> found) {
        if (listing != listing_) return;
        runs_->clear();
        for (const auto& run : found) {
          const QString dir = QString::fromStdString(run.dir.string());
          const QString name = QDir(folder).relativeFilePath(dir);
          const QString kind = QString::fromStdString(runs::toString(run.kind));
          const QString text =
              run.kind == runs::RunKind::TensorBoard
                  ? tr("%1  [%2, another tool's run, last step %3]").arg(name, kind).arg(run.done)
                  : QStringLiteral("%1  [%2, %3 %4/%5]")
                        .arg(name, kind, run.complete ? tr("complete") : tr("interrupted or running"))
                        .arg(run.done)
                        .arg(run.total);
          auto* item = new QListWidgetItem(text, runs_);
          item->setData(Qt::UserRole, dir);
        }
        emit runsListed();
      },
      [this, listing](const QString& message) {
        if (listing == listing_) status_->setText(message);
      });
}

int RunsPanel::listedRuns() const {
  return runs_->count();
}

void RunsPanel::openRun(const QString& runDir) {
  chart_->setRun(runDir);
}

}  // namespace w4rl::studio

#pragma once
// The Runs panel: start any stage (or the whole pipeline) from a form with its main options; it runs on
// the thread pool and writes the same run directory as the command line. A progress bar with ETA, pause
// and cancel; live charts of the run's metrics; runs found under a folder can be reopened (finished or
// interrupted), overlaid with another, and resumed.
#include <QElapsedTimer>
#include <QPointer>
#include <QThreadPool>
#include <QWidget>

#include "common/progress_rate.h"
#include "pipeline/jobs/stage_launcher.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;
class QCheckBox;

namespace w4rl::studio {

class BackgroundJob;
class MetricsChart;

class RunsPanel : public QWidget {
  Q_OBJECT
 public:
  explicit RunsPanel(QWidget* parent = nullptr);
  ~RunsPanel() override;  // cancels a running job and waits for it to stop
  // The form's content as the job will see it.
  pipeline::StageForm form() const;
  void setForm(const pipeline::StageForm& form);
  void start();  // starts the form's stage; a dialog (or the failed signal) on bad input
  void cancel();
  void setPaused(bool paused);
  bool running() const;
  void setRunsFolder(const QString& folder);  // lists the runs under it (read on a pool thread)
  int listedRuns() const;
  void openRun(const QString& runDir);  // charts it
  MetricsChart* chart() const { return chart_; }
  QProgressBar* progressBar() const { return progress_; }

 signals:
  void finished(bool ok, const QString& message);
  void runsListed();  // the list shows the folder's runs as they are now

 private:
  void updateFields();
  void jobProgress(qint64 done, qint64 total, const QString& message);
  void jobEnded(bool ok, const QString& message);
  void refreshRuns();

  QComboBox* stage_;
  QLineEdit *data_, *task_, *out_, *policy_, *worldModel_, *reward_, *overrides_, *folder_;
  QCheckBox* resume_;
  QPushButton *start_, *pause_, *cancel_;
  QProgressBar* progress_;
  QLabel* status_;
  QListWidget* runs_;
  int listing_ = 0;  // bumped by each refreshRuns: an older listing that ends later is dropped
  MetricsChart* chart_;
  QPointer<BackgroundJob> job_;
  QElapsedTimer elapsed_;
  ProgressRate rate_;  // of the current stage's count: a resumed run or a pipeline's next stage restarts it
  // Runs get their own threads, niced (common/thread_priority.h): the global pool's threads also serve
  // interactive work, and a thread's niceness cannot be lowered back once raised.
  QThreadPool runPool_;
};

}  // namespace w4rl::studio

#pragma once
// Where the dream lies: `world4rl eval-dream` in the studio. The loaded world model, success classifier
// and policy (or uniform random actions) act on fresh starts of a task in the dream, and the same actions
// are replayed in the real task, on a worker with progress and cancel. The starts are listed with their
// imagined and real outcomes, disagreements first; the chosen start's dream | real replay | |difference|
// play on one timeline, with the classifier's probability on both and its threshold charted under them.
#include <QThreadPool>
#include <QWidget>

#include <memory>
#include <vector>

#include "pipeline/jobs/eval_dream_job.h"

class QCheckBox;
class QComboBox;
class QCustomPlot;
class QCPItemStraightLine;
class QLabel;
class QProgressBar;
class QPushButton;
class QSlider;
class QSpinBox;
class QTableWidget;

namespace w4rl::studio {

class BackgroundJob;
class FrameView;

class DreamTruthPanel : public QWidget {
  Q_OBJECT
 public:
  explicit DreamTruthPanel(QWidget* parent = nullptr);
  ~DreamTruthPanel() override;
  void setWorldModel(const QString& checkpoint);
  void setRewardModel(const QString& checkpoint);
  // The task follows the policy's when it names one of the built-in tasks.
  void setPolicy(const QString& checkpoint, const QString& task = {});
  void setTask(const QString& task);
  void setStarts(int starts);
  void setHorizon(int steps);
  void setDreams(int dreams);  // per start; an imagined success needs all of them
  void setRandomActions(bool random);
  // false: the policy acts on the dreamt frames and its actions are replayed in the real task; true: it
  // acts in the real task and the world model dreams its actions.
  void setActOnRealTask(bool real);
  // Runs eval-dream with the current settings on a worker; emits finished() or failed().
  void run();
  void cancel();
  bool running() const { return job_ != nullptr; }
  const pipeline::EvalDreamReport& report() const { return report_; }
  // The starts in the list's order: disagreements first, then by start.
  const std::vector<int>& order() const { return order_; }
  void showStart(int row);  // a row of the list
  void setStep(int step);   // 1..horizon
  int step() const { return step_; }
  const FrameView* dreamView() const { return dreamView_; }
  QCustomPlot* probabilityPlot() const { return probability_; }
  QTableWidget* startsTable() const { return table_; }
  QString summary() const;

 signals:
  void finished();
  void cancelled();
  void failed(const QString& message);

 private:
  enum class Ending { Finished, Cancelled, Failed };
  void jobEnded(Ending ending, const QString& message);
  void showReport();
  void updateEnabled();

  QString worldModel_, reward_, policy_;
  pipeline::EvalDreamReport report_;
  std::shared_ptr<pipeline::EvalDreamReport> pending_;  // written by the worker, read once it has ended
  std::vector<int> order_;
  int shown_ = -1, step_ = 1;
  BackgroundJob* job_ = nullptr;
  QThreadPool pool_;
  QComboBox *task_, *actOn_;
  QCheckBox* random_;
  QSpinBox *starts_, *horizon_, *dreams_;
  QPushButton *run_, *cancel_;
  QProgressBar* progress_;
  QLabel *inputs_, *summary_, *stepLabel_;
  QTableWidget* table_;
  FrameView *dreamView_, *realView_, *diffView_;
  QSlider* slider_;
  QCustomPlot* probability_;
  QCPItemStraightLine* cursor_ = nullptr;
};

}  // namespace w4rl::studio

#pragma once
// Teleop in the imagined world: drive the loaded world model with keys (documented in the panel) or
// sliders, one step per key press or continuously at a chosen rate; the imagined frame shown large;
// reset from the selected dataset frame or from a fresh reset of a built-in task, optionally with the
// real MuJoCo task stepped alongside and a live chart of the PSNR between dream and reality; hand
// control to a loaded policy and take it back; record the session into a dataset; step latency shown.
#include <QThreadPool>
#include <QWidget>

#include <memory>

#include "dataset_listing.h"
#include "pipeline/services/teleop_session.h"
#include "sim/action.h"
#include "teleop_trace.h"

class QCheckBox;
class QComboBox;
class QCustomPlot;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSlider;
class QSpinBox;
class QTimer;

namespace w4rl::studio {

class FrameView;

class TeleopPanel : public QWidget {
  Q_OBJECT
 public:
  explicit TeleopPanel(QWidget* parent = nullptr);
  void setWorldModel(const QString& checkpoint);
  void setPolicy(const QString& checkpoint);
  void setEpisode(const EpisodeData& episode, int step);
  void setEpisodeStep(int step) { episodeStep_ = step; }
  void resetFromEpisode();
  void resetFromTask();
  // One step with the given action (the sliders' when empty); the policy's when it is in control.
  void stepOnce(const std::vector<float>& action = {});
  void setContinuous(bool on);
  void setPolicyInControl(bool on);
  // On the panel's worker, like every load, reset and step: recorded() or failed() says how it went.
  void recordTo(const QString& dataset);
  int steps() const { return session_ ? session_->steps() : 0; }
  double lastLatencyMs() const { return lastLatencyMs_; }
  const FrameView* imaginedView() const { return imagined_; }
  const FrameView* realView() const { return real_; }
  QString statusText() const;
  const FrameView* spreadView() const { return spread_; }
  void setDreamSamples(int samples);  // per step; 1 shows no spread
  QCustomPlot* divergencePlot() const { return divergence_; }
  const TeleopTrace& trace() const { return trace_; }

 signals:
  void ready();  // the world model is loaded
  void stepped(int steps);
  void resetDone();
  void policyLoaded();
  void recorded(int episodesInFile);
  void traceChanged();  // trace() was reset or grew by a step
  void failed(const QString& message);

 protected:
  void keyPressEvent(QKeyEvent* event) override;

 private:
  std::vector<float> sliderAction() const;
  void showStep(const pipeline::TeleopStep& step);
  void updateEnabled();
  void workFailed(const QString& message);  // a load or recording on the worker failed

  std::shared_ptr<pipeline::TeleopSession> session_;  // shared with the loading thread's result
  // The session is loaded, reset and stepped on one thread that never expires: its simulator's GL
  // context stays current there, and the GUI thread never waits for a step.
  QThreadPool worker_;
  bool busy_ = false;      // a job on the worker: further steps are dropped
  bool longWork_ = false;  // that job is a reset or a recording: the controls are greyed
  EpisodeData episode_;
  int episodeStep_ = 0;
  double lastLatencyMs_ = 0.0;
  TeleopTrace trace_;
  QString pendingPolicy_;  // opened before the world model was loaded
  int policyLoads_ = 0;    // queued or running on the worker
  FrameView *imagined_, *real_, *spread_;
  QLabel *status_, *keys_;
  QSlider* axes_[sim::kActionDim];
  QComboBox* task_;
  QSpinBox *taskSeed_, *samples_;
  QCheckBox *withReal_, *policyControl_;
  QDoubleSpinBox* rate_;
  QPushButton *fromEpisode_, *fromTask_, *stepButton_, *run_, *record_;
  QTimer* timer_;
  QCustomPlot* divergence_;
};

}  // namespace w4rl::studio

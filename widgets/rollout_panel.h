#pragma once
// Real vs imagined: from a chosen start step of the selected episode, the loaded world model imagines
// open-loop with the episode's actions; real | imagined | |difference| side by side, one timeline for
// all three (slider, play/pause, step, speed), PSNR and SSIM per step charted with a cursor, the success
// classifier's probability on real and imagined frames, re-sampling with another seed or number of
// denoising steps, and export as mp4 and PNG. The model is loaded and run on a worker thread.
#include <QFutureWatcher>
#include <QWidget>

#include <functional>
#include <memory>

#include "dataset_listing.h"
#include "pipeline/services/rollout_comparison.h"
#include "runs/timeline.h"

class QCustomPlot;
class QCPItemStraightLine;
class QLabel;
class QPushButton;
class QSlider;
class QSpinBox;

namespace w4rl::studio {

class FrameView;

class RolloutPanel : public QWidget {
  Q_OBJECT
 public:
  explicit RolloutPanel(QWidget* parent = nullptr);
  void setWorldModel(const QString& checkpoint);  // loads in the background
  void setRewardModel(const QString& checkpoint);
  void setEpisode(const EpisodeData& episode);
  void imagine();  // with the current settings; emits imagined() or failed()
  void setStart(int step);
  void setHorizon(int steps);
  void setSeed(int seed);
  const pipeline::Comparison& comparison() const { return comparison_; }
  runs::Timeline& timeline() { return timeline_; }
  // Written on a worker from a copy of the comparison: exported() or failed().
  void exportVideo(const QString& file);
  void exportPng(const QString& file);
  QCustomPlot* fidelityPlot() const { return fidelity_; }
  const FrameView* imaginedView() const { return imaginedView_; }
  const FrameView* spreadView() const { return spreadView_; }
  QCustomPlot* spreadPlot() const { return spread_; }
  void setDreamSamples(int samples);  // per step; 1 shows no spread

 signals:
  void imagined();
  void exported(const QString& file);
  void failed(const QString& message);
  void modelReady(const QString& description);

 private:
  void showComparison(pipeline::Comparison comparison);
  void showStep(int step);
  void updateEnabled();
  void exportInBackground(const QString& file, std::function<void()> write);

  std::shared_ptr<pipeline::ImaginedWorld> world_;
  std::shared_ptr<pipeline::SuccessScorer> scorer_;
  EpisodeData episode_;
  pipeline::Comparison comparison_;
  runs::Timeline timeline_;
  bool busy_ = false;
  FrameView *realView_, *imaginedView_, *diffView_, *spreadView_;
  QLabel *status_, *stepLabel_;
  QSpinBox *start_, *horizon_, *seed_, *denoise_, *samples_;
  QPushButton *run_, *play_, *exportVideo_, *exportPng_;
  QSlider* slider_;
  QCustomPlot *fidelity_, *success_, *spread_;
  QCPItemStraightLine *fidelityCursor_ = nullptr, *successCursor_ = nullptr;
};

}  // namespace w4rl::studio

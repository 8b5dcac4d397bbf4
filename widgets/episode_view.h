#pragma once
// One dataset episode: its frames with a timeline (slider, play/pause, step, speed) and its actions
// plotted over time with a cursor at the current step. The slider, the play timer and the cursor are
// views of one runs::Timeline. Episodes are read on a worker thread.
#include <QFutureWatcher>
#include <QWidget>

#include "dataset_listing.h"
#include "runs/timeline.h"

class QCustomPlot;
class QCPItemStraightLine;
class QLabel;
class QSlider;
class QToolButton;
class QDoubleSpinBox;

namespace w4rl::studio {

class FrameView;

class EpisodeView : public QWidget {
  Q_OBJECT
 public:
  explicit EpisodeView(QWidget* parent = nullptr);
  void showEpisode(const QString& file, int index);  // asynchronous: emits shown() or failed()
  const EpisodeData& episode() const { return episode_; }
  runs::Timeline& timeline() { return timeline_; }
  QCustomPlot* plot() const { return plot_; }
  const FrameView* frameView() const { return frameView_; }

 signals:
  void shown(const QString& file, int index);
  void stepChanged(int step);
  void failed(const QString& message);

 private:
  void setEpisode(EpisodeData episode);
  void frameChanged(int frame);

  EpisodeData episode_;
  runs::Timeline timeline_;
  FrameView* frameView_;
  QLabel* caption_;
  QSlider* slider_;
  QToolButton *play_, *back_, *forward_;
  QDoubleSpinBox* speed_;
  QCustomPlot* plot_;
  QCPItemStraightLine* cursor_ = nullptr;
};

}  // namespace w4rl::studio

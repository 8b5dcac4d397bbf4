#pragma once
// Live chart of one metric of a run (metrics.jsonl or TensorBoard event files), optionally overlaid with
// the same metric of a second run. The files are re-read every half second on a pool thread (a large
// event file of another tool takes a while to read the first time), so a run that is training draws as it
// goes and the GUI thread only draws; a finished or interrupted run draws what it logged.
#include <QWidget>

#include <memory>

#include "runs/metrics_reader.h"

class QComboBox;
class QCustomPlot;
class QTimer;

namespace w4rl::studio {

class MetricsChart : public QWidget {
  Q_OBJECT
 public:
  explicit MetricsChart(QWidget* parent = nullptr);
  void setRun(const QString& runDir);      // empty: none
  void setOverlay(const QString& runDir);  // empty: none
  void setMetric(const QString& key);      // charted once a poll finds it
  QString metric() const;                  // the one asked for, else the one shown
  QString shownMetric() const;             // the one the chart draws now
  void refresh();  // polls the files on a pool thread; refreshed() once the chart shows what it read
  QCustomPlot* plot() const { return plot_; }
  int pointCount(int graph) const;

 signals:
  void refreshed();

 private:
  struct Snapshot;
  void show(const Snapshot& s);

  // Readers are used by one poll at a time, on the pool; the GUI thread only swaps them.
  std::shared_ptr<runs::MetricsReader> run_, overlay_;
  QString runName_, overlayName_;
  QString wanted_;      // the metric asked for by setMetric or the key list
  int generation_ = 0;  // bumped when a reader is swapped: a poll of the old ones is not shown
  bool polling_ = false, again_ = false;
  QComboBox* keys_;
  QCustomPlot* plot_;
  QTimer* timer_;
};

}  // namespace w4rl::studio

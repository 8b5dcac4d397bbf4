#pragma once
// Live chart of one metric of a run (metrics.jsonl), optionally overlaid with the same metric of a second
// run. The files are re-read every half second, so a run that is training draws as it goes; a finished
// or interrupted run draws what it logged.
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
  void setMetric(const QString& key);
  QString metric() const;
  void refresh();  // polls the files and redraws
  QCustomPlot* plot() const { return plot_; }
  int pointCount(int graph) const;

 private:
  std::unique_ptr<runs::MetricsReader> run_, overlay_;
  QString runName_, overlayName_;
  QComboBox* keys_;
  QCustomPlot* plot_;
  QTimer* timer_;
};

}  // namespace w4rl::studio

#include "metrics_chart.h"

#include <qcustomplot.h>
#include <QComboBox>
#include <QDir>
#include <QTimer>
#include <QVBoxLayout>

#include <utility>

#include "background_call.h"
#include "chart_factory.h"

namespace w4rl::studio {
namespace {

std::shared_ptr<runs::MetricsReader> readerFor(const QString& runDir) {
  if (runDir.isEmpty()) return nullptr;
  return std::make_shared<runs::MetricsReader>(runs::MetricsReader::forRun(runDir.toStdString()));
}

void appendSeries(QVector<double>& x, QVector<double>& y, const runs::MetricsReader* reader,
                  const std::string& key) {
  if (!reader) return;
  for (const auto& [px, py] : reader->series(key)) {
    x << px;
    y << py;
  }
}

}  // namespace

// What one poll read, as plain data for the GUI thread.
struct MetricsChart::Snapshot {
  int generation = 0;
  QStringList keys;  // every key either run has logged, sorted
  QString key;       // the one charted: the wanted one if logged, else the first
  QVector<double> x[2], y[2];
};

MetricsChart::MetricsChart(QWidget* parent) : QWidget(parent) {
  keys_ = new QComboBox(this);
  keys_->setToolTip(
      tr("Metric to chart (CleanRL-style names from metrics.jsonl or TensorBoard event files)"));
  plot_ = makeChart(this);
  plot_->setMinimumHeight(160);
  plot_->legend->setVisible(true);
  plot_->addGraph()->setPen(QPen(QColor(31, 119, 180), 1.5));
  plot_->addGraph()->setPen(QPen(QColor(255, 127, 14), 1.5, Qt::DashLine));
  plot_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(keys_);
  layout->addWidget(plot_, 1);
  timer_ = new QTimer(this);
  connect(timer_, &QTimer::timeout, this, &MetricsChart::refresh);
  timer_->start(500);
  connect(keys_, &QComboBox::currentTextChanged, this, [this](const QString& key) {
    wanted_ = key;
    refresh();
  });
}

void MetricsChart::setRun(const QString& runDir) {
  run_ = readerFor(runDir);
  runName_ = QDir(runDir).dirName();
  ++generation_;
  refresh();
}

void MetricsChart::setOverlay(const QString& runDir) {
  overlay_ = readerFor(runDir);
  overlayName_ = QDir(runDir).dirName();
  ++generation_;
  refresh();
}

void MetricsChart::setMetric(const QString& key) {
  wanted_ = key;
  refresh();
}

QString MetricsChart::metric() const {
  return wanted_.isEmpty() ? keys_->currentText() : wanted_;
}

QString MetricsChart::shownMetric() const {
  return keys_->currentText();
}

int MetricsChart::pointCount(int graph) const {
  return plot_->graph(graph)->dataCount();
}

void MetricsChart::refresh() {
  if (polling_) {  // one poll at a time; the latest request runs once it is done
    again_ = true;
    return;
  }
  polling_ = true;
  auto run = run_;
  auto overlay = overlay_;
  const int generation = generation_;
  const QString wanted = wanted_;
  runInBackground<Snapshot>(
      this,
      [run, overlay, generation, wanted] {
        Snapshot s;
        s.generation = generation;
        for (auto* reader : {run.get(), overlay.get()})
          if (reader) {
            reader->poll();
            for (const auto& k : reader->keys()) s.keys << QString::fromStdString(k);
          }
        s.keys.removeDuplicates();
        s.keys.sort();
        s.key = s.keys.contains(wanted) ? wanted : s.keys.value(0);
        appendSeries(s.x[0], s.y[0], run.get(), s.key.toStdString());
        appendSeries(s.x[1], s.y[1], overlay.get(), s.key.toStdString());
        return s;
      },
      [this](Snapshot s) {
        polling_ = false;
        if (s.generation == generation_) show(s);
        if (std::exchange(again_, false) || s.generation != generation_) refresh();
      },
      [this](const QString&) { polling_ = false; });
}

void MetricsChart::show(const Snapshot& s) {
  // Keep the user's choice; the list grows as a run logs new keys.
  if (s.keys.size() != keys_->count() || keys_->currentText() != s.key) {
    const QSignalBlocker block(keys_);
    if (s.keys.size() != keys_->count()) {
      keys_->clear();
      keys_->addItems(s.keys);
    }
    keys_->setCurrentText(s.key);
  }
  for (int g = 0; g < 2; ++g) plot_->graph(g)->setData(s.x[g], s.y[g], true);
  plot_->graph(0)->setName(runName_);
  plot_->graph(1)->setName(overlayName_);
  plot_->graph(1)->setVisible(overlay_ != nullptr);
  // A hidden graph keeps its legend entry: only an overlay that is drawn is listed.
  if (overlay_)
    plot_->graph(1)->addToLegend();
  else
    plot_->graph(1)->removeFromLegend();
  plot_->rescaleAxes(true);
  plot_->replot(QCustomPlot::rpQueuedReplot);
  emit refreshed();
}

}  // namespace w4rl::studio

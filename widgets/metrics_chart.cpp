#include "metrics_chart.h"

#include <qcustomplot.h>
#include <QComboBox>
#include <QDir>
#include <QTimer>
#include <QVBoxLayout>

#include "chart_factory.h"

namespace w4rl::studio {
namespace {

std::unique_ptr<runs::MetricsReader> readerFor(const QString& runDir) {
  if (runDir.isEmpty()) return nullptr;
  return std::make_unique<runs::MetricsReader>(runs::MetricsReader::forRun(runDir.toStdString()));
}

void fill(QCPGraph* graph, const runs::MetricsReader* reader, const std::string& key) {
  QVector<double> x, y;
  if (reader)
    for (const auto& [px, py] : reader->series(key)) {
      x << px;
      y << py;
    }
  graph->setData(x, y, true);
}

}  // namespace

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
  connect(keys_, &QComboBox::currentTextChanged, this, [this] { refresh(); });
}

void MetricsChart::setRun(const QString& runDir) {
  run_ = readerFor(runDir);
  runName_ = QDir(runDir).dirName();
  refresh();
}

void MetricsChart::setOverlay(const QString& runDir) {
  overlay_ = readerFor(runDir);
  overlayName_ = QDir(runDir).dirName();
  refresh();
}

void MetricsChart::setMetric(const QString& key) {
  refresh();
  keys_->setCurrentText(key);
}

QString MetricsChart::metric() const {
  return keys_->currentText();
}

int MetricsChart::pointCount(int graph) const {
  return plot_->graph(graph)->dataCount();
}

void MetricsChart::refresh() {
  for (auto* reader : {run_.get(), overlay_.get()})
    if (reader) reader->poll();
  // Offer every key either run has logged; keep the user's choice.
  QStringList keys;
  for (auto* reader : {run_.get(), overlay_.get()})
    if (reader)
      for (const auto& k : reader->keys()) keys << QString::fromStdString(k);
  keys.removeDuplicates();
  keys.sort();
  const QString current = keys_->currentText();
  if (keys.size() != keys_->count()) {
    const QSignalBlocker block(keys_);
    keys_->clear();
    keys_->addItems(keys);
    keys_->setCurrentText(keys.contains(current) ? current : keys.value(0));
  }
  const std::string key = keys_->currentText().toStdString();
  fill(plot_->graph(0), run_.get(), key);
  fill(plot_->graph(1), overlay_.get(), key);
  plot_->graph(0)->setName(runName_);
  plot_->graph(1)->setName(overlayName_);
  plot_->graph(1)->setVisible(overlay_ != nullptr);
  plot_->rescaleAxes(true);
  plot_->replot(QCustomPlot::rpQueuedReplot);
}

}  // namespace w4rl::studio

#include "episode_view.h"

#include <qcustomplot.h>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>
#include <QSplitter>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>
#include <exception>
#include <memory>

#include "chart_factory.h"
#include "frame_view.h"
#include "playback_driver.h"

namespace w4rl::studio {
namespace {

struct EpisodeResult {
  EpisodeData episode;
  QString error;
};

const QColor kActionColours[] = {QColor(31, 119, 180), QColor(255, 127, 14),  QColor(44, 160, 44),
                                 QColor(214, 39, 40),  QColor(148, 103, 189), QColor(140, 86, 75)};

}  // namespace

EpisodeView::EpisodeView(QWidget* parent) : QWidget(parent) {
  frameView_ = new FrameView(this);
  caption_ = new QLabel(tr("Select an episode in the dataset browser"), this);
  slider_ = new QSlider(Qt::Horizontal, this);
  slider_->setToolTip(tr("Scrub through the episode"));
  play_ = new QToolButton(this);
  play_->setText(tr("Play"));
  play_->setToolTip(tr("Play or pause (Space)"));
  play_->setShortcut(Qt::Key_Space);
  back_ = new QToolButton(this);
  back_->setText(tr("<"));
  back_->setToolTip(tr("One step back (Left)"));
  back_->setShortcut(Qt::Key_Left);
  forward_ = new QToolButton(this);
  forward_->setText(tr(">"));
  forward_->setToolTip(tr("One step forward (Right)"));
  forward_->setShortcut(Qt::Key_Right);
  speed_ = new QDoubleSpinBox(this);
  speed_->setRange(0.5, 100.0);
  speed_->setValue(timeline_.speed());
  speed_->setSuffix(tr(" steps/s"));
  speed_->setToolTip(tr("Playback speed"));
  plot_ = makeChart(this);
  plot_->xAxis->setLabel(tr("step"));
  plot_->yAxis->setLabel(tr("action"));
  plot_->yAxis->setRange(-1.05, 1.05);
  plot_->legend->setVisible(true);
  plot_->setMinimumHeight(120);

  auto* controls = new QHBoxLayout;
  controls->addWidget(back_);
  controls->addWidget(play_);
  controls->addWidget(forward_);
  controls->addWidget(slider_, 1);
  controls->addWidget(speed_);
  auto* top = new QWidget(this);
  auto* topLayout = new QVBoxLayout(top);
  topLayout->setContentsMargins(0, 0, 0, 0);
  topLayout->addWidget(caption_);
  topLayout->addWidget(frameView_, 1);
  topLayout->addLayout(controls);
  auto* split = new QSplitter(Qt::Vertical, this);
  split->addWidget(top);
  split->addWidget(plot_);
  split->setStretchFactor(0, 3);
  split->setStretchFactor(1, 1);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(split);

  timeline_.onFrameChanged([this](int f) { frameChanged(f); });
  connect(slider_, &QSlider::valueChanged, this, [this](int v) { timeline_.seek(v); });
  connect(back_, &QToolButton::clicked, this, [this] { timeline_.step(-1); });
  connect(forward_, &QToolButton::clicked, this, [this] { timeline_.step(+1); });
  connect(speed_, qOverload<double>(&QDoubleSpinBox::valueChanged), this,
          [this](double v) { timeline_.setSpeed(v); });
  new PlaybackDriver(timeline_, play_, this);
}

void EpisodeView::showEpisode(const QString& file, int index) {
  auto* watcher = new QFutureWatcher<EpisodeResult>(this);
  connect(watcher, &QFutureWatcher<EpisodeResult>::finished, this, [this, watcher, file, index] {
    EpisodeResult r = watcher->result();
    watcher->deleteLater();
    if (!r.error.isEmpty()) {
      emit failed(r.error);
      return;
    }
    setEpisode(std::move(r.episode));
    emit shown(file, index);
  });
  watcher->setFuture(QtConcurrent::run([file, index] {
    EpisodeResult r;
    try {
      r.episode = loadEpisode(file, index);
    } catch (const std::exception& e) {
      r.error = QString::fromUtf8(e.what());
    }
    return r;
  }));
}

void EpisodeView::setEpisode(EpisodeData episode) {
  episode_ = std::move(episode);
  const int n = static_cast<int>(episode_.length());
  timeline_.pause();
  timeline_.setFrameCount(n);
  timeline_.seek(0);
  slider_->setRange(0, std::max(0, n - 1));
  plot_->clearGraphs();
  plot_->clearItems();
  static const char* names[] = {"dx", "dy", "dz", "grip"};
  for (int a = 0; a < episode_.actionDim; ++a) {
    auto* graph = plot_->addGraph();
    graph->setName(a < 4 ? names[a] : QString("a%1").arg(a));
    graph->setPen(QPen(kActionColours[a % 6], 1.5));
    QVector<double> x(n), y(n);
    for (int t = 0; t < n; ++t) {
      x[t] = t;
      y[t] = episode_.actions[static_cast<std::size_t>(t * episode_.actionDim + a)];
    }
    graph->setData(x, y, true);
  }
  plot_->xAxis->setRange(0, std::max(1, n - 1));
  cursor_ = new QCPItemStraightLine(plot_);
  cursor_->setPen(QPen(Qt::black, 1, Qt::DashLine));
  frameChanged(0);
}

void EpisodeView::frameChanged(int frame) {
  if (episode_.length() == 0) return;
  frameView_->setFrame(episode_.frame(frame));
  caption_->setText(tr("%1, %2 (%3): step %4 of %5")
                        .arg(QFileInfo(episode_.file).fileName(), episode_.demo, episode_.task)
                        .arg(frame)
                        .arg(episode_.length() - 1));
  const QSignalBlocker block(slider_);
  slider_->setValue(frame);
  if (cursor_) {
    cursor_->point1->setCoords(frame, -1);
    cursor_->point2->setCoords(frame, 1);
  }
  plot_->replot(QCustomPlot::rpQueuedReplot);
  emit stepChanged(frame);
}

}  // namespace w4rl::studio

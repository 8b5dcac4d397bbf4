#include "rollout_panel.h"

#include <qcustomplot.h>
#include <QFileDialog>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>
#include <exception>

#include "background_call.h"
#include "chart_factory.h"
#include "frame_view.h"
#include "playback_driver.h"

namespace w4rl::studio {
namespace {

QImage frameImage(const pipeline::Frames& frames, int k, int h, int w) {
  return rgbImage(frames.data() + static_cast<std::size_t>(k) * static_cast<std::size_t>(h * w * 3), h, w);
}

QVector<double> steps(int n) {
  QVector<double> x(n);
  for (int i = 0; i < n; ++i) x[i] = i + 1;
  return x;
}

template <typename T>
QVector<double> values(const std::vector<T>& v) {
  return QVector<double>(v.begin(), v.end());
}

}  // namespace

RolloutPanel::RolloutPanel(QWidget* parent) : QWidget(parent) {
  realView_ = new FrameView(this);
  imaginedView_ = new FrameView(this);
  diffView_ = new FrameView(this);
  spreadView_ = new FrameView(this);
  spreadView_->setToolTip(
      tr("Where the dream's samples of this step differ: bright where the world model is unsure"));
  status_ = new QLabel(tr("Open a world model and select an episode"), this);
  status_->setWordWrap(true);
  stepLabel_ = new QLabel(this);
  auto spin = [this](int min, int max, int value, const QString& tip) {
    auto* s = new QSpinBox(this);
    s->setRange(min, max);
    s->setValue(value);
    s->setToolTip(tip);
    return s;
  };
  start_ = spin(0, 100000, 0, tr("Step of the real episode the imagination starts from"));
  horizon_ = spin(1, 1000, 10, tr("Steps imagined open-loop with the episode's actions"));
  seed_ = spin(0, 1000000, 0, tr("Seed of the sampling noise: another seed, another dream"));
  denoise_ = spin(0, 100, 0, tr("Denoising steps per frame (0: the checkpoint's)"));
  samples_ = spin(1, pipeline::kMaxDreamSamples, 1,
                  tr("Dream each step this many times and show where the samples differ (each step costs as "
                     "many samples); the dream goes on with the first"));
  run_ = new QPushButton(tr("Imagine"), this);
  run_->setObjectName("imagine");
  run_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
  run_->setToolTip(tr("Imagine the rollout with these settings (Ctrl+I)"));
  play_ = new QPushButton(tr("Play"), this);
  exportVideo_ = new QPushButton(tr("Export mp4..."), this);
  exportPng_ = new QPushButton(tr("Export PNG..."), this);
  exportPng_->setToolTip(tr("Save the current step's real | imagined | |difference| picture"));
  slider_ = new QSlider(Qt::Horizontal, this);
  slider_->setToolTip(tr("Scrub real, imagined and difference together"));
  fidelity_ = makeChart(this);
  fidelity_->addGraph()->setName(tr("PSNR (dB)"));
  fidelity_->addGraph(fidelity_->xAxis, fidelity_->yAxis2)->setName(tr("SSIM"));
  fidelity_->graph(1)->setPen(QPen(QColor(255, 127, 14)));
  fidelity_->yAxis2->setVisible(true);
  fidelity_->yAxis->setLabel(tr("PSNR (dB)"));
  fidelity_->yAxis2->setLabel(tr("SSIM"));
  fidelity_->xAxis->setLabel(tr("imagined step"));
  fidelity_->legend->setVisible(true);
  fidelity_->setMinimumHeight(120);
  success_ = makeChart(this);
  success_->addGraph()->setName(tr("real"));
  success_->addGraph()->setName(tr("imagined"));
  success_->graph(1)->setPen(QPen(QColor(255, 127, 14)));
  success_->yAxis->setRange(0, 1);
  success_->yAxis->setLabel(tr("success probability"));
  success_->legend->setVisible(true);
  success_->setMinimumHeight(100);
  spread_ = makeChart(this);
  spread_->addGraph()->setName(tr("mean sample spread (% of range)"));
  spread_->graph(0)->setPen(QPen(QColor(214, 39, 40)));
  spread_->yAxis->setLabel(tr("spread (%)"));
  spread_->xAxis->setLabel(tr("imagined step"));
  spread_->legend->setVisible(true);
  spread_->setMinimumHeight(90);
  spread_->setVisible(false);

  auto* settings = new QHBoxLayout;
  for (auto [label, widget] : {std::pair<QString, QWidget*>{tr("Start"), start_},
                               {tr("Horizon"), horizon_},
                               {tr("Seed"), seed_},
                               {tr("Denoising steps"), denoise_},
                               {tr("Samples"), samples_}}) {
    settings->addWidget(new QLabel(label, this));
    settings->addWidget(widget);
  }
  settings->addWidget(run_);
  settings->addStretch();
  auto* views = new QGridLayout;
  int column = 0;
  for (auto [caption, view] : {std::pair<QString, FrameView*>{tr("real"), realView_},
                               {tr("imagined"), imaginedView_},
                               {tr("|difference|"), diffView_},
                               {tr("sample spread"), spreadView_}}) {
    views->addWidget(new QLabel(caption, this), 0, column, Qt::AlignHCenter);
    views->addWidget(view, 1, column++);
  }
  auto* transport = new QHBoxLayout;
  transport->addWidget(play_);
  transport->addWidget(slider_, 1);
  transport->addWidget(stepLabel_);
  transport->addWidget(exportVideo_);
  transport->addWidget(exportPng_);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(settings);
  layout->addWidget(status_);
  layout->addLayout(views, 3);
  layout->addLayout(transport);
  layout->addWidget(fidelity_, 1);
  layout->addWidget(success_, 1);
  layout->addWidget(spread_, 1);

  timeline_.onFrameChanged([this](int f) { showStep(f); });
  connect(run_, &QPushButton::clicked, this, &RolloutPanel::imagine);
  connect(slider_, &QSlider::valueChanged, this, [this](int v) { timeline_.seek(v); });
  new PlaybackDriver(timeline_, play_, this);
  connect(exportVideo_, &QPushButton::clicked, this, [this] {
    const auto file =
        QFileDialog::getSaveFileName(this, tr("Export video"), "rollout.mp4", tr("MP4 video (*.mp4)"));
    if (!file.isEmpty()) exportVideo(file);
  });
  connect(exportPng_, &QPushButton::clicked, this, [this] {
    const auto file =
        QFileDialog::getSaveFileName(this, tr("Export picture"), "rollout.png", tr("PNG image (*.png)"));
    if (!file.isEmpty()) exportPng(file);
  });
  updateEnabled();
}

void RolloutPanel::setWorldModel(const QString& checkpoint) {
  busy_ = true;
  updateEnabled();
  status_->setText(tr("Loading %1...").arg(checkpoint));
  runInBackground<std::shared_ptr<pipeline::ImaginedWorld>>(
      this, [checkpoint] { return std::make_shared<pipeline::ImaginedWorld>(checkpoint.toStdString()); },
      [this](std::shared_ptr<pipeline::ImaginedWorld> world) {
        world_ = std::move(world);
        busy_ = false;
        const QString d = tr("World model ready on %1 (%2x%2 frames)")
                              .arg(QString::fromStdString(world_->deviceDescription()))
                              .arg(world_->imageSize());
        status_->setText(d);
        updateEnabled();
        emit modelReady(d);
      },
      [this](const QString& m) {
        busy_ = false;
        status_->setText(m);
        updateEnabled();
        emit failed(m);
      });
}

void RolloutPanel::setRewardModel(const QString& checkpoint) {
  try {
    scorer_ = std::make_shared<pipeline::SuccessScorer>(checkpoint.toStdString());
  } catch (const std::exception& e) {
    emit failed(QString::fromUtf8(e.what()));
  }
}

void RolloutPanel::setEpisode(const EpisodeData& episode) {
  episode_ = episode;
  start_->setMaximum(std::max<int>(0, static_cast<int>(episode_.length()) - 2));
  updateEnabled();
}

void RolloutPanel::setStart(int step) {
  start_->setValue(step);
}
void RolloutPanel::setDreamSamples(int samples) {
  samples_->setValue(samples);
}

void RolloutPanel::setHorizon(int steps) {
  horizon_->setValue(steps);
}
void RolloutPanel::setSeed(int seed) {
  seed_->setValue(seed);
}

void RolloutPanel::imagine() {
  if (!world_ || busy_ || episode_.length() < 2) return;
  pipeline::ComparisonRequest r;
  r.frames = episode_.frames;
  r.actions = episode_.actions;
  r.task = episode_.task.toStdString();
  r.start = start_->value();
  r.horizon = horizon_->value();
  r.seed = static_cast<std::uint64_t>(seed_->value());
  r.samplerSteps = denoise_->value();
  r.spreadSamples = samples_->value();
  busy_ = true;
  updateEnabled();
  status_->setText(tr("Imagining %1 steps...").arg(r.horizon));
  auto world = world_;
  auto scorer = scorer_;
  runInBackground<pipeline::Comparison>(
      this, [world, scorer, r] { return pipeline::compareRollout(*world, scorer.get(), r); },
      [this](pipeline::Comparison c) {
        busy_ = false;
        showComparison(std::move(c));
        updateEnabled();
        emit imagined();
      },
      [this](const QString& m) {
        busy_ = false;
        status_->setText(m);
        updateEnabled();
        emit failed(m);
      });
}

void RolloutPanel::showComparison(pipeline::Comparison c) {
  comparison_ = std::move(c);
  const int n = comparison_.steps;
  double meanPsnr = 0, meanSsim = 0;
  for (int k = 0; k < n; ++k) {
    meanPsnr += comparison_.psnr[static_cast<std::size_t>(k)] / n;
    meanSsim += comparison_.ssim[static_cast<std::size_t>(k)] / n;
  }
  status_->setText(tr("%1 steps imagined from step %2 of %3: mean PSNR %4 dB, SSIM %5")
                       .arg(n)
                       .arg(start_->value())
                       .arg(episode_.demo)
                       .arg(meanPsnr, 0, 'f', 2)
                       .arg(meanSsim, 0, 'f', 3));
  fidelity_->graph(0)->setData(steps(n), values(comparison_.psnr), true);
  fidelity_->graph(1)->setData(steps(n), values(comparison_.ssim), true);
  fidelity_->rescaleAxes();
  fidelity_->yAxis2->setRange(0, 1);
  success_->graph(0)->setData(steps(n), values(comparison_.realSuccess), true);
  success_->graph(1)->setData(steps(n), values(comparison_.imaginedSuccess), true);
  success_->xAxis->setRange(1, std::max(2, n));
  success_->setVisible(!comparison_.realSuccess.empty());
  std::vector<double> spreadPercent;
  for (double m : comparison_.meanSpread) spreadPercent.push_back(100.0 * m);
  spread_->graph(0)->setData(steps(static_cast<int>(spreadPercent.size())), values(spreadPercent), true);
  spread_->rescaleAxes();
  spread_->setVisible(!spreadPercent.empty());
  spread_->replot(QCustomPlot::rpQueuedReplot);
  // Through the plot: deleting an item directly leaves the plot a dangling pointer to it, which its
  // destructor then deletes again.
  if (fidelityCursor_) fidelity_->removeItem(fidelityCursor_);
  if (successCursor_) success_->removeItem(successCursor_);
  fidelityCursor_ = new QCPItemStraightLine(fidelity_);
  successCursor_ = new QCPItemStraightLine(success_);
  for (auto* cursor : {fidelityCursor_, successCursor_}) cursor->setPen(QPen(Qt::black, 1, Qt::DashLine));
  slider_->setRange(0, std::max(0, n - 1));
  timeline_.pause();
  timeline_.setFrameCount(n);
  timeline_.seek(0);
  showStep(0);
}

void RolloutPanel::showStep(int k) {
  const auto& c = comparison_;
  if (k < 0 || k >= c.steps) return;
  realView_->setFrame(frameImage(c.real, k, c.height, c.width));
  imaginedView_->setFrame(frameImage(c.imagined, k, c.height, c.width));
  diffView_->setFrame(frameImage(c.heat, k, c.height, c.width));
  spreadView_->setFrame(c.spread.empty() ? QImage() : frameImage(c.spread, k, c.height, c.width));
  QString text = tr("step %1/%2  PSNR %3 dB  SSIM %4")
                     .arg(k + 1)
                     .arg(c.steps)
                     .arg(c.psnr[static_cast<std::size_t>(k)], 0, 'f', 1)
                     .arg(c.ssim[static_cast<std::size_t>(k)], 0, 'f', 3);
  if (!c.realSuccess.empty())
    text += tr("  success p: real %1, imagined %2")
                .arg(c.realSuccess[static_cast<std::size_t>(k)], 0, 'f', 2)
                .arg(c.imaginedSuccess[static_cast<std::size_t>(k)], 0, 'f', 2);
  if (!c.meanSpread.empty())
    text += tr("  sample spread %1%").arg(100.0 * c.meanSpread[static_cast<std::size_t>(k)], 0, 'f', 2);
  stepLabel_->setText(text);
  const QSignalBlocker block(slider_);
  slider_->setValue(k);
  for (auto* cursor : {fidelityCursor_, successCursor_})
    if (cursor) {
      cursor->point1->setCoords(k + 1, 0);
      cursor->point2->setCoords(k + 1, 1);
    }
  fidelity_->replot(QCustomPlot::rpQueuedReplot);
  success_->replot(QCustomPlot::rpQueuedReplot);
}

void RolloutPanel::exportVideo(const QString& file) {
  auto comparison = std::make_shared<const pipeline::Comparison>(comparison_);
  exportInBackground(
      file, [comparison, file] { pipeline::exportComparisonVideo(*comparison, file.toStdString()); });
}

void RolloutPanel::exportPng(const QString& file) {
  auto comparison = std::make_shared<const pipeline::Comparison>(comparison_);
  const int step = timeline_.frame();
  exportInBackground(file, [comparison, step, file] {
    pipeline::exportComparisonPng(*comparison, step, file.toStdString());
  });
}

void RolloutPanel::exportInBackground(const QString& file, std::function<void()> write) {
  if (busy_) return;
  busy_ = true;
  updateEnabled();
  status_->setText(tr("Writing %1...").arg(file));
  runInBackground<bool>(
      this,
      [write] {
        write();
        return true;
      },
      [this, file](bool) {
        busy_ = false;
        status_->setText(tr("Wrote %1").arg(file));
        updateEnabled();
        emit exported(file);
      },
      [this](const QString& m) {
        busy_ = false;
        status_->setText(m);
        updateEnabled();
        emit failed(m);
      });
}

void RolloutPanel::updateEnabled() {
  run_->setEnabled(world_ && !busy_ && episode_.length() >= 2);
  const bool have = comparison_.steps > 0;
  for (QWidget* w : std::initializer_list<QWidget*>{play_, slider_}) w->setEnabled(have);
  for (QWidget* w : std::initializer_list<QWidget*>{exportVideo_, exportPng_}) w->setEnabled(have && !busy_);
}

}  // namespace w4rl::studio

#include "playback_driver.h"

#include <QAbstractButton>
#include <QTimer>

#include "runs/timeline.h"

namespace w4rl::studio {

PlaybackDriver::PlaybackDriver(runs::Timeline& timeline, QAbstractButton* play, QObject* parent)
    : QObject(parent), timeline_(timeline), play_(play), timer_(new QTimer(this)) {
  timer_->setInterval(15);
  connect(play_, &QAbstractButton::clicked, this, &PlaybackDriver::toggle);
  connect(timer_, &QTimer::timeout, this, &PlaybackDriver::tick);
}

void PlaybackDriver::toggle() {
  if (timeline_.playing()) {
    timeline_.pause();
  } else {
    timeline_.play();
    clock_.start();
    timer_->start();
  }
  play_->setText(timeline_.playing() ? tr("Pause") : tr("Play"));
}

void PlaybackDriver::tick() {
  timeline_.advance(static_cast<double>(clock_.restart()) / 1000.0);
  if (!timeline_.playing()) {
    timer_->stop();
    play_->setText(tr("Play"));
  }
}

}  // namespace w4rl::studio

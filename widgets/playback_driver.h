#pragma once
// Plays a runs::Timeline in real time: the play button toggles play and pause, a 15 ms timer advances the
// timeline by the wall-clock time since its last tick (so the speed holds whatever the timer's jitter),
// and the button says what a click will do. Shared by the episode view and the Real vs imagined panel.
#include <QElapsedTimer>
#include <QObject>

class QAbstractButton;
class QTimer;

namespace w4rl::runs {
class Timeline;
}

namespace w4rl::studio {

class PlaybackDriver : public QObject {
  Q_OBJECT
 public:
  PlaybackDriver(runs::Timeline& timeline, QAbstractButton* play, QObject* parent);

 private:
  void toggle();
  void tick();

  runs::Timeline& timeline_;
  QAbstractButton* play_;
  QTimer* timer_;
  QElapsedTimer clock_;
};

}  // namespace w4rl::studio

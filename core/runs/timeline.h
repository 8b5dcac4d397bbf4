#pragma once
// The one time value of a rollout view (as in PlotJuggler): the slider, the play timer, the step buttons
// and the chart cursors are all views of it. Frames are 0..frameCount-1; playback advances by wall-clock
// time at `speed` frames per second and stops at the last frame (or wraps when looping).
#include <functional>

namespace w4rl::runs {

class Timeline {
 public:
  void setFrameCount(int count);  // clamps the current frame into range; 0 frames: frame 0, not playing
  int frameCount() const { return frameCount_; }
  int frame() const { return frame_; }

  void seek(int frame);  // clamped
  void step(int delta);  // pauses, like a step button
  void play();           // from the start when at the last frame
  void pause() { playing_ = false; }
  bool playing() const { return playing_; }
  void setSpeed(double framesPerSecond);  // > 0
  double speed() const { return speed_; }
  void setLooping(bool looping) { looping_ = looping; }

  // Advances playback by `seconds` of wall-clock time; returns true when the frame changed.
  bool advance(double seconds);
  // Called whenever the frame changes, with the new frame.
  void onFrameChanged(std::function<void(int)> listener) { listener_ = std::move(listener); }

 private:
  void setFrame(int frame);
  int frameCount_ = 0;
  int frame_ = 0;
  double carry_ = 0.0;  // fraction of a frame accumulated by advance()
  double speed_ = 10.0;
  bool playing_ = false;
  bool looping_ = false;
  std::function<void(int)> listener_;
};

}  // namespace w4rl::runs

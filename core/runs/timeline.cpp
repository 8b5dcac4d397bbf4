#include "runs/timeline.h"

#include <algorithm>
#include <cmath>

#include "common/error.h"

namespace w4rl::runs {

void Timeline::setFrameCount(int count) {
  if (count < 0) throw Error("a timeline cannot have a negative number of frames");
  frameCount_ = count;
  if (count == 0) playing_ = false;
  setFrame(std::clamp(frame_, 0, std::max(0, count - 1)));
}

void Timeline::seek(int frame) {
  carry_ = 0.0;
  setFrame(std::clamp(frame, 0, std::max(0, frameCount_ - 1)));
}

void Timeline::step(int delta) {
  playing_ = false;
  seek(frame_ + delta);
}

void Timeline::play() {
  if (frameCount_ == 0) return;
  if (frame_ >= frameCount_ - 1) seek(0);
  playing_ = true;
}

void Timeline::setSpeed(double framesPerSecond) {
  if (!(framesPerSecond > 0.0) || !std::isfinite(framesPerSecond))
    throw Error("playback speed must be a positive number of frames per second");
  speed_ = framesPerSecond;
}

bool Timeline::advance(double seconds) {
  if (!playing_ || frameCount_ == 0 || seconds <= 0.0) return false;
  carry_ += seconds * speed_;
  const int whole = static_cast<int>(std::floor(carry_));
  if (whole == 0) return false;
  carry_ -= whole;
  int next = frame_ + whole;
  if (next >= frameCount_) {
    if (looping_) {
      next %= frameCount_;
    } else {
      next = frameCount_ - 1;
      playing_ = false;
    }
  }
  const int before = frame_;
  setFrame(next);
  return frame_ != before;
}

void Timeline::setFrame(int frame) {
  if (frame == frame_) return;
  frame_ = frame;
  if (listener_) listener_(frame_);
}

}  // namespace w4rl::runs

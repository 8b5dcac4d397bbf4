#include "common/progress_rate.h"

#include <cmath>

namespace w4rl {

void ProgressRate::observe(std::int64_t done, std::int64_t total, double seconds) {
  if (!started_ || total != total_ || done < done_) {
    started_ = true;
    firstDone_ = done;
    firstSeconds_ = seconds;
  }
  done_ = done;
  total_ = total;
  seconds_ = seconds;
}

double ProgressRate::perSecond() const {
  const double elapsed = seconds_ - firstSeconds_;
  if (!started_ || elapsed < kMinSeconds || done_ <= firstDone_) return NAN;
  return static_cast<double>(done_ - firstDone_) / elapsed;
}

double ProgressRate::secondsLeft() const {
  const double rate = perSecond();
  if (std::isnan(rate)) return NAN;
  return static_cast<double>(total_ > done_ ? total_ - done_ : 0) / rate;
}

}  // namespace w4rl

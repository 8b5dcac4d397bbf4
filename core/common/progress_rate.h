#pragma once
// Rate and time left of a long job, from its progress events. Measured from the first event of the
// current count, not from when the job started: a resumed training run reports 5000 of 12000 steps at
// once, and a pipeline restarts the count at every stage, so a rate over the job's whole time is wrong
// (the command line showed 2.8 million steps/s and "eta 0:00" for a world model's first step).
#include <cstdint>

namespace w4rl {

class ProgressRate {
 public:
  // A count starts over when its total changes or it goes backwards. seconds: any steady clock.
  void observe(std::int64_t done, std::int64_t total, double seconds);

  // Units per second since the count's first event; NaN until it has run kMinSeconds and moved.
  double perSecond() const;
  // Seconds until done reaches total at that rate; NaN while the rate is unknown.
  double secondsLeft() const;

  static constexpr double kMinSeconds = 1.0;

 private:
  bool started_ = false;
  std::int64_t firstDone_ = 0, done_ = 0, total_ = 0;
  double firstSeconds_ = 0, seconds_ = 0;
};

}  // namespace w4rl

#pragma once
// Turns SIGINT and SIGTERM into a cancel request for a long job, so Ctrl-C stops it at a safe point and
// what it wrote stays valid. The signals are blocked in the calling thread (and so in threads it starts
// later) and received by a helper thread with sigwait(): no signal handler, no global flag. Create it on
// the main thread before starting worker threads. A second Ctrl-C while the job winds down is ignored.
#include <pthread.h>
#include <signal.h>

#include <thread>

#include "common/cancel.h"

namespace w4rl::cli {

class InterruptGuard {
 public:
  explicit InterruptGuard(CancelToken& token);
  ~InterruptGuard();
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;

  bool interrupted() const;

 private:
  CancelToken& token_;
  sigset_t previousMask_{};
  std::thread waiter_;
  std::atomic<bool> interrupted_{false};
};

}  // namespace w4rl::cli

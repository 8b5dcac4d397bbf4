#pragma once
// Progress reporting and cancellation for long jobs (collection, training, refinement), as plain data so
// the command line (progress bar, SIGINT) and the studio (signals, a Cancel button) can both drive them.
#include <atomic>
#include <cstdint>
#include <functional>
#include <string>

namespace w4rl {

// Shared between the thread that asks to stop and the worker that checks; the worker polls it at safe
// points (between episodes, between optimiser steps) so everything it wrote stays consistent.
class CancelToken {
 public:
  void cancel() { flag_.store(true, std::memory_order_relaxed); }
  bool cancelled() const { return flag_.load(std::memory_order_relaxed); }

 private:
  std::atomic<bool> flag_{false};
};

struct ProgressEvent {
  std::int64_t done = 0;
  std::int64_t total = 0;
  std::string message;  // what is happening now, e.g. "expert episode 12/50"
};

using ProgressCallback = std::function<void(const ProgressEvent&)>;

}  // namespace w4rl

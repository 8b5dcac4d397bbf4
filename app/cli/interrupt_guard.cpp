#include "cli/interrupt_guard.h"

#include <cstdio>

namespace w4rl::cli {
namespace {

// SIGUSR2 wakes the waiter when the guard ends without an interrupt.
sigset_t watchedSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGUSR2);
  return set;
}

}  // namespace

InterruptGuard::InterruptGuard(CancelToken& token) : token_(token) {
  const sigset_t set = watchedSignals();
  pthread_sigmask(SIG_BLOCK, &set, &previousMask_);
  waiter_ = std::thread([this, set] {
    for (;;) {
      int sig = 0;
      if (sigwait(&set, &sig) != 0 || sig == SIGUSR2) return;
      if (!interrupted_.exchange(true)) {
        std::fprintf(stderr, "\nworld4rl: stopping after the current step (signal %d)...\n", sig);
        token_.cancel();
      }
    }
  });
}

InterruptGuard::~InterruptGuard() {
  pthread_kill(waiter_.native_handle(), SIGUSR2);
  waiter_.join();
  // Signals that arrived meanwhile stay pending while blocked; drop them before unblocking so a late
  // Ctrl-C does not kill the process after the job already finished cleanly.
  sigset_t pending;
  sigpending(&pending);
  const timespec zero{0, 0};
  for (int sig : {SIGINT, SIGTERM, SIGUSR2})
    if (sigismember(&pending, sig)) {
      sigset_t one;
      sigemptyset(&one);
      sigaddset(&one, sig);
      sigtimedwait(&one, nullptr, &zero);
    }
  pthread_sigmask(SIG_SETMASK, &previousMask_, nullptr);
}

bool InterruptGuard::interrupted() const {
  return interrupted_.load();
}

}  // namespace w4rl::cli

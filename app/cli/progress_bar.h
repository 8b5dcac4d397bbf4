#pragma once
// A one-line progress bar with rate and ETA on a terminal's stderr. When stderr is not a terminal
// (CI logs, pipes) it prints a plain line at every tenth of the work instead, so logs stay readable.
#include <chrono>
#include <cstdint>
#include <string>

#include "common/cancel.h"
#include "common/progress_rate.h"

namespace w4rl::cli {

class ProgressBar {
 public:
  explicit ProgressBar(std::string label, std::string unit = "it");
  ~ProgressBar();
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  void update(const ProgressEvent& event);
  // Ends the line (terminal mode); called by the destructor too.
  void finish();

  // "1:02:03" or "4:05"; exposed for tests.
  static std::string formatDuration(double seconds);
  // "3.25", "42.1", "1250"; "?" while the rate is unknown (NaN).
  static std::string formatRate(double perSecond);

 private:
  std::string label_;
  std::string unit_;
  bool terminal_;
  bool open_ = false;
  int lastDecile_ = -1;
  ProgressRate rate_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point lastDraw_;
};

}  // namespace w4rl::cli

#include "cli/progress_bar.h"

#include <unistd.h>

#include <cmath>
#include <cstdio>

#include "common/number_text.h"

namespace w4rl::cli {
namespace {
constexpr int kBarWidth = 28;
constexpr auto kRedrawInterval = std::chrono::milliseconds(100);
}  // namespace

ProgressBar::ProgressBar(std::string label, std::string unit)
    : label_(std::move(label)),
      unit_(std::move(unit)),
      terminal_(::isatty(STDERR_FILENO) != 0),
      start_(std::chrono::steady_clock::now()) {}

ProgressBar::~ProgressBar() {
  finish();
}

std::string ProgressBar::formatDuration(double seconds) {
  if (!std::isfinite(seconds) || seconds < 0) return "?";
  const auto s = static_cast<long long>(std::llround(seconds));
  char buf[32];
  if (s >= 3600)
    std::snprintf(buf, sizeof buf, "%lld:%02lld:%02lld", s / 3600, (s / 60) % 60, s % 60);
  else
    std::snprintf(buf, sizeof buf, "%lld:%02lld", s / 60, s % 60);
  return buf;
}

std::string ProgressBar::formatRate(double perSecond) {
  if (!std::isfinite(perSecond)) return "?";
  return formatFixed(perSecond, perSecond >= 100 ? 0 : perSecond >= 10 ? 1 : 2);
}

void ProgressBar::update(const ProgressEvent& e) {
  const auto now = std::chrono::steady_clock::now();
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  const double fraction = e.total > 0 ? static_cast<double>(e.done) / static_cast<double>(e.total) : 0.0;
  rate_.observe(e.done, e.total, elapsed);
  const std::string rate = formatRate(rate_.perSecond());
  const double eta = rate_.secondsLeft();
  if (!terminal_) {
    const int decile = static_cast<int>(fraction * 10);
    if (decile == lastDecile_) return;
    lastDecile_ = decile;
    std::fprintf(stderr, "%s: %lld/%lld %s (%.0f%%), %s %s/s, eta %s%s%s\n", label_.c_str(),
                 static_cast<long long>(e.done), static_cast<long long>(e.total), unit_.c_str(),
                 100 * fraction, rate.c_str(), unit_.c_str(), formatDuration(eta).c_str(),
                 e.message.empty() ? "" : "  ", e.message.c_str());
    return;
  }
  if (open_ && e.done < e.total && now - lastDraw_ < kRedrawInterval) return;
  lastDraw_ = now;
  const int filled = static_cast<int>(fraction * kBarWidth);
  std::string bar(static_cast<std::size_t>(filled), '#');
  bar.resize(kBarWidth, '.');
  std::fprintf(stderr, "\r\033[2K%s [%s] %lld/%lld %s %s/s eta %s  %s", label_.c_str(), bar.c_str(),
               static_cast<long long>(e.done), static_cast<long long>(e.total), rate.c_str(), unit_.c_str(),
               formatDuration(eta).c_str(), e.message.c_str());
  std::fflush(stderr);
  open_ = true;
}

void ProgressBar::finish() {
  if (terminal_ && open_) std::fputc('\n', stderr);
  open_ = false;
}

}  // namespace w4rl::cli

#include "common/number_text.h"

#include <locale.h>

#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <system_error>
#include <vector>

namespace w4rl {
namespace {

// Drops one leading '+', which std::from_chars does not accept but configs and users write.
std::string_view withoutPlus(std::string_view text) {
  if (text.size() > 1 && text.front() == '+' && text[1] != '-' && text[1] != '+') text.remove_prefix(1);
  return text;
}

// The "C" locale object, created once and never changed; uselocale() installs it for one thread.
locale_t cLocale() {
  static const locale_t c = newlocale(LC_ALL_MASK, "C", static_cast<locale_t>(nullptr));
  return c;
}

// Installs the "C" locale for this thread for the lifetime of the scope, then restores the previous one.
class ThreadCLocale {
 public:
  ThreadCLocale() : previous_(uselocale(cLocale())) {}
  ~ThreadCLocale() { uselocale(previous_); }
  ThreadCLocale(const ThreadCLocale&) = delete;
  ThreadCLocale& operator=(const ThreadCLocale&) = delete;

 private:
  locale_t previous_;
};

}  // namespace

std::optional<double> parseDouble(std::string_view text) {
  text = withoutPlus(text);
  if (text.empty()) return std::nullopt;
  double x = 0;
  const auto* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, x);
  // Out of range (1e999) is refused rather than silently becoming infinity or zero.
  if (ec != std::errc() || ptr != end) return std::nullopt;
  return x;
}

std::optional<std::int64_t> parseInt(std::string_view text) {
  text = withoutPlus(text);
  if (text.empty()) return std::nullopt;
  std::int64_t x = 0;
  const auto* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, x);
  if (ec != std::errc() || ptr != end) return std::nullopt;
  return x;
}

std::string formatDouble(double x) {
  std::array<char, 64> buffer{};
  const auto [ptr, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), x);
  if (ec != std::errc()) return formatC("%.17g", x);
  return std::string(buffer.data(), ptr);
}

std::string formatFixed(double x, int decimals) {
  if (!std::isfinite(x)) return formatDouble(x);
  std::array<char, 400> buffer{};
  const auto [ptr, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), x,
                                       std::chars_format::fixed, decimals < 0 ? 0 : decimals);
  if (ec != std::errc()) return formatDouble(x);
  return std::string(buffer.data(), ptr);
}

std::string formatCv(const char* format, std::va_list args) {
  const ThreadCLocale scope;
  std::va_list again;
  va_copy(again, args);
  std::array<char, 256> small{};
  const int n = std::vsnprintf(small.data(), small.size(), format, args);
  if (n < 0) {
    va_end(again);
    return {};
  }
  if (static_cast<std::size_t>(n) < small.size()) {
    va_end(again);
    return std::string(small.data(), static_cast<std::size_t>(n));
  }
  std::vector<char> large(static_cast<std::size_t>(n) + 1);
  std::vsnprintf(large.data(), large.size(), format, again);
  va_end(again);
  return std::string(large.data(), static_cast<std::size_t>(n));
}

std::string formatC(const char* format, ...) {
  std::va_list args;
  va_start(args, format);
  std::string out = formatCv(format, args);
  va_end(args);
  return out;
}

}  // namespace w4rl

#pragma once
// Numbers as text, independent of the user's locale. Configs, checkpoints, metrics and reports are read
// on machines whose locale may write decimals with a comma (de_DE, fr_FR, ru_RU, ...): every number the
// engine writes or reads back goes through these functions, which never consult the C library's locale
// (std::setlocale, which QApplication sets from the environment) nor the C++ global locale.
#include <cstdarg>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace w4rl {

// The whole of `text` as a number ("1e-4", "+0.5", "-3", "inf", "nan"); nullopt for anything else,
// including surrounding spaces, a decimal comma or trailing characters.
std::optional<double> parseDouble(std::string_view text);
// The whole of `text` as a base-10 integer ("42", "+7", "-1"); nullopt otherwise or when out of range.
std::optional<std::int64_t> parseInt(std::string_view text);

// The shortest text that reads back to exactly `x` ("0.1", "-0.4", "1e-05", "nan", "inf").
std::string formatDouble(double x);
// `x` with `decimals` digits after the point ("0.50" for 0.5 and 2).
std::string formatFixed(double x, int decimals);

// printf-style formatting under the "C" locale, for the many fixed layouts of reports and logs
// ("%.1f%%", "%8.4f"). Thread-safe: the locale is switched for the calling thread only.
std::string formatC(const char* format, ...) __attribute__((format(printf, 1, 2)));
std::string formatCv(const char* format, std::va_list args);

}  // namespace w4rl

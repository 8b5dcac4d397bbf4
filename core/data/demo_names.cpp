#include "data/demo_names.h"

#include <algorithm>

namespace w4rl::data {

std::optional<std::int64_t> demoNumber(const std::string& name) {
  static constexpr char kPrefix[] = "demo_";
  constexpr std::size_t kPrefixLen = sizeof(kPrefix) - 1;
  // 18 digits always fit in int64; longer suffixes are treated as plain names.
  if (name.size() <= kPrefixLen || name.size() > kPrefixLen + 18 ||
      name.compare(0, kPrefixLen, kPrefix) != 0) {
    return std::nullopt;
  }
  std::int64_t value = 0;
  for (std::size_t i = kPrefixLen; i < name.size(); ++i) {
    const char c = name[i];
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

std::string demoName(std::int64_t number) {
  return "demo_" + std::to_string(number);
}

void sortDemoNames(std::vector<std::string>& names) {
  std::sort(names.begin(), names.end(), [](const std::string& a, const std::string& b) {
    const std::optional<std::int64_t> na = demoNumber(a);
    const std::optional<std::int64_t> nb = demoNumber(b);
    if (na && nb) return *na != *nb ? *na < *nb : a < b;
    if (na || nb) return na.has_value();  // numbered demos first
    return a < b;
  });
}

bool isValidationIndex(std::int64_t i) {
  return i % 10 == 9;
}

}  // namespace w4rl::data

#pragma once
// A settings struct's keys declared once, one line each: key, member, allowed values and a one-line
// meaning (the member's initialiser is the default). Parsing, the values a run writes to config.yaml,
// validation with an error naming the key, and the configuration reference (docs/configuration.md, checked
// against it by a test) all come from that declaration, as in qBittorrent's settingvalue.h.
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "common/error.h"
#include "learning/config_values.h"

namespace w4rl::learning {

// The values a real-valued setting may take: [lo, hi], either end open, either end unbounded.
struct Interval {
  double lo = -std::numeric_limits<double>::infinity();
  double hi = std::numeric_limits<double>::infinity();
  bool loOpen = false, hiOpen = false;

  static Interval atLeast(double x) { return {x, std::numeric_limits<double>::infinity(), false, false}; }
  static Interval above(double x) { return {x, std::numeric_limits<double>::infinity(), true, false}; }
  static Interval closed(double a, double b) { return {a, b, false, false}; }
  static Interval open(double a, double b) { return {a, b, true, true}; }
  static Interval leftOpen(double a, double b) { return {a, b, true, false}; }
  static Interval rightOpen(double a, double b) { return {a, b, false, true}; }
  static Interval atMost(double x) { return {-std::numeric_limits<double>::infinity(), x, false, false}; }
  static Interval any() { return {}; }

  bool contains(double x) const {
    return std::isfinite(x) && (loOpen ? x > lo : x >= lo) && (hiOpen ? x < hi : x <= hi);
  }
  std::string text() const {
    if (std::isinf(lo) && std::isinf(hi)) return "a finite number";
    if (std::isinf(lo)) return (hiOpen ? "below " : "at most ") + config::numberText(hi);
    if (std::isinf(hi))
      return lo == 0 ? (loOpen ? "positive" : "non-negative")
                     : (loOpen ? "above " : "at least ") + config::numberText(lo);
    return std::string("in ") + (loOpen ? "(" : "[") + config::numberText(lo) + ", " +
           config::numberText(hi) + (hiOpen ? ")" : "]");
  }
};

template <class S>
class SettingTable {
 public:
  struct Entry {
    std::string key;
    std::string meaning;
    bool quoted = false;  // a word (`first`), shown in backticks in the reference
    std::function<void(S&, const std::string&)> parse;
    std::function<std::string(const S&)> text;
    std::function<void(const S&)> check;  // throws w4rl::Error naming the key
  };

  // An integer from lo to hi (an int or std::int64_t member).
  template <class Int>
  SettingTable& integer(const std::string& key, Int S::*member, Int lo, Int hi, const std::string& meaning) {
    return add({key, meaning, false,
                [key, member](S& s, const std::string& v) {
                  const std::int64_t x = config::toInt(key, v);
                  if (x < std::numeric_limits<Int>::min() || x > std::numeric_limits<Int>::max())
                    throw Error(key + " " + v + " is out of range");
                  s.*member = static_cast<Int>(x);
                },
                [member](const S& s) { return std::to_string(s.*member); },
                [key, member, lo, hi](const S& s) {
                  const Int x = s.*member;
                  if (x >= lo && x <= hi) return;
                  throw Error(key + " must be " +
                              (hi == std::numeric_limits<Int>::max()
                                   ? "at least " + std::to_string(lo)
                                   : "from " + std::to_string(lo) + " to " + std::to_string(hi)) +
                              ", not " + std::to_string(x));
                }});
  }
  SettingTable& real(const std::string& key, double S::*member, Interval allowed,
                     const std::string& meaning) {
    return add({key, meaning, false,
                [key, member](S& s, const std::string& v) { s.*member = config::toDouble(key, v); },
                [member](const S& s) { return config::numberText(s.*member); },
                [key, member, allowed](const S& s) {
                  if (!allowed.contains(s.*member))
                    throw Error(key + " must be " + allowed.text() + ", not " +
                                config::numberText(s.*member));
                }});
  }
  SettingTable& flag(const std::string& key, bool S::*member, const std::string& meaning) {
    return add({key, meaning, false,
                [key, member](S& s, const std::string& v) { s.*member = config::toBool(key, v); },
                [member](const S& s) { return std::string(s.*member ? "true" : "false"); }, [](const S&) {}});
  }
  SettingTable& seed(const std::string& key, std::uint64_t S::*member, const std::string& meaning) {
    return add({key, meaning, false,
                [key, member](S& s, const std::string& v) { s.*member = config::toSeed(key, v); },
                [member](const S& s) { return std::to_string(s.*member); }, [](const S&) {}});
  }
  SettingTable& text(const std::string& key, std::string S::*member, const std::string& meaning) {
    return add({key, meaning, true, [member](S& s, const std::string& v) { s.*member = v; },
                [member](const S& s) { return s.*member; }, [](const S&) {}});
  }
  // "[a, b, c]" with at least `minSize` integers, each at least 1.
  SettingTable& positiveList(const std::string& key, std::vector<int> S::*member, std::size_t minSize,
                             const std::string& meaning) {
    return add({key, meaning, true,
                [key, member](S& s, const std::string& v) { s.*member = config::toIntList(key, v); },
                [member](const S& s) { return config::listText(s.*member); },
                [key, member, minSize](const S& s) {
                  const auto& xs = s.*member;
                  if (xs.size() < minSize)
                    throw Error(key + " must list at least " + std::to_string(minSize) + " value(s), not " +
                                config::listText(xs));
                  for (const int x : xs)
                    if (x < 1) throw Error(key + " must hold positive values, not " + config::listText(xs));
                }});
  }
  // One of `words`.
  SettingTable& choice(const std::string& key, std::string S::*member, std::vector<std::string> words,
                       const std::string& meaning) {
    auto allowed = [key, words](const std::string& v) {
      for (const auto& w : words)
        if (v == w) return;
      std::string list;
      for (std::size_t i = 0; i < words.size(); ++i)
        list += (i == 0 ? "" : i + 1 == words.size() ? " or " : ", ") + words[i];
      throw Error(key + " must be " + list + ", not '" + v + "'");
    };
    return add({key, meaning, true,
                [member, allowed](S& s, const std::string& v) {
                  allowed(v);
                  s.*member = v;
                },
                [member](const S& s) { return s.*member; },
                [member, allowed](const S& s) { allowed(s.*member); }});
  }

  // Any other kind of value: its parser (given trimmed, unquoted text), writer and check.
  SettingTable& custom(const std::string& key, std::function<void(S&, const std::string&)> parse,
                       std::function<std::string(const S&)> text, std::function<void(const S&)> check,
                       const std::string& meaning, bool quoted = false) {
    return add({key, meaning, quoted, std::move(parse), std::move(text), std::move(check)});
  }

  // Sets `key` from its config text (trimmed and unquoted here). False when the key is not declared;
  // throws w4rl::Error naming the key when the value does not parse or is not allowed.
  bool set(S& s, const std::string& key, const std::string& raw) const {
    for (const auto& e : entries_)
      if (e.key == key) {
        e.parse(s, config::unquote(config::trim(raw)));
        return true;
      }
    return false;
  }
  std::map<std::string, std::string> values(const S& s) const {
    std::map<std::string, std::string> out;
    for (const auto& e : entries_) out.emplace(e.key, e.text(s));
    return out;
  }
  // Every key's own check; checks between keys stay with the struct.
  void check(const S& s) const {
    for (const auto& e : entries_) e.check(s);
  }
  // The markdown table of docs/configuration.md: key, default (of `defaults`; an empty cell for none) and
  // meaning, in declaration order.
  std::string reference(const S& defaults) const {
    std::string out = "| key | default | meaning |\n|---|---|---|\n";
    for (const auto& e : entries_) {
      const std::string value = e.text(defaults);
      const std::string shown = e.quoted && !value.empty() ? "`" + value + "`" : value;
      out += "| `" + e.key + "` | " + shown + " | " + e.meaning + " |\n";
    }
    return out;
  }
  const std::vector<Entry>& entries() const { return entries_; }

 private:
  SettingTable& add(Entry e) {
    for (const auto& other : entries_)
      if (other.key == e.key) throw Error("setting " + e.key + " is declared twice");
    entries_.push_back(std::move(e));
    return *this;
  }

  std::vector<Entry> entries_;
};

}  // namespace w4rl::learning

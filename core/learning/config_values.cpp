#include "learning/config_values.h"

#include <charconv>
#include <fstream>
#include <sstream>

#include "common/error.h"
#include "common/number_text.h"
#include "learning/world_model_config.h"

namespace w4rl::learning::config {

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return "";
  const auto e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}

std::string unquote(std::string s) {
  if (s.size() >= 2 && (s.front() == '"' || s.front() == '\'') && s.back() == s.front())
    s = s.substr(1, s.size() - 2);
  return s;
}

std::int64_t toInt(const std::string& key, const std::string& v) {
  const auto x = parseInt(v);
  if (!x) throw Error("config key '" + key + "': expected an integer, got '" + v + "'");
  return *x;
}

double toDouble(const std::string& key, const std::string& v) {
  const auto x = parseDouble(v);
  if (!x) throw Error("config key '" + key + "': expected a number, got '" + v + "'");
  return *x;
}

std::uint64_t toSeed(const std::string& key, const std::string& v) {
  if (const auto x = parseInt(v)) {
    if (*x < 0) throw Error("config key '" + key + "': a seed is a non-negative integer, not " + v);
    return static_cast<std::uint64_t>(*x);
  }
  // Above INT64_MAX: a seed is any 64-bit pattern, as mixSeed() and the checkpoints write them.
  std::uint64_t u = 0;
  const char* end = v.data() + v.size();
  const auto [stop, ec] = std::from_chars(v.data(), end, u);
  if (!v.empty() && ec == std::errc() && stop == end) return u;
  throw Error("config key '" + key + "': a seed is an integer from 0 to 18446744073709551615, not '" + v +
              "'");
}

bool toBool(const std::string& key, const std::string& v) {
  if (v == "true" || v == "1" || v == "yes") return true;
  if (v == "false" || v == "0" || v == "no") return false;
  throw Error("config key '" + key + "': expected true or false, got '" + v + "'");
}

std::vector<std::string> toList(const std::string& key, const std::string& value) {
  std::string s = trim(value);
  if (!s.empty() && s.front() == '[') {
    if (s.back() != ']') throw Error("config key '" + key + "': unterminated list '" + value + "'");
    s = s.substr(1, s.size() - 2);
  }
  std::vector<std::string> out;
  std::stringstream stream(s);
  std::string item;
  while (std::getline(stream, item, ',')) {
    item = unquote(trim(item));
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

std::vector<int> toIntList(const std::string& key, const std::string& value) {
  std::vector<int> out;
  for (const auto& item : toList(key, value)) out.push_back(static_cast<int>(toInt(key, item)));
  return out;
}

namespace {
template <typename T>
std::string joinList(const std::vector<T>& xs) {
  std::ostringstream o;
  o << "[";
  for (std::size_t i = 0; i < xs.size(); ++i) o << (i ? ", " : "") << xs[i];
  o << "]";
  return o.str();
}
}  // namespace

std::string listText(const std::vector<int>& xs) {
  return joinList(xs);
}
std::string listText(const std::vector<std::string>& xs) {
  return joinList(xs);
}

std::string numberText(double x) {
  return formatDouble(x);
}

std::string mapText(const std::map<std::string, std::string>& values) {
  std::string out;
  for (const auto& [k, v] : values) out += k + ": " + v + "\n";
  return out;
}

FlatFile::FlatFile(const std::filesystem::path& file) : origin_(file.string()) {
  std::ifstream in(file);
  if (!in) throw Error("cannot read " + origin_);
  std::stringstream text;
  text << in.rdbuf();
  values_ = parseFlatConfig(text.str(), origin_);
}

const std::string& FlatFile::text(const std::string& key) const {
  const auto it = values_.find(key);
  if (it == values_.end()) throw Error(origin_ + ": no " + key);
  return it->second;
}

std::int64_t FlatFile::integer(const std::string& key) const {
  return toInt(origin_ + ": " + key, text(key));
}

double FlatFile::real(const std::string& key) const {
  return toDouble(origin_ + ": " + key, text(key));
}

}  // namespace w4rl::learning::config

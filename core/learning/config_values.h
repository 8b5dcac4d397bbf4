#pragma once
// Parsing of config values ("key: value" files and key=value overrides), with errors naming the key.
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace w4rl::learning::config {

std::string trim(const std::string& s);
// Removes one pair of matching single or double quotes.
std::string unquote(std::string s);
std::int64_t toInt(const std::string& key, const std::string& value);
double toDouble(const std::string& key, const std::string& value);
// A seed: a non-negative integer (-1 would otherwise wrap round to 2^64 - 1).
std::uint64_t toSeed(const std::string& key, const std::string& value);
bool toBool(const std::string& key, const std::string& value);
// "[a, b, c]", "a,b,c" or "[]".
std::vector<std::string> toList(const std::string& key, const std::string& value);
std::vector<int> toIntList(const std::string& key, const std::string& value);

// The inverse direction, for writing configs: "[a, b]" lists, round-tripping numbers, "key: value" lines.
std::string listText(const std::vector<int>& xs);
std::string listText(const std::vector<std::string>& xs);
std::string numberText(double x);
std::string mapText(const std::map<std::string, std::string>& values);

// A flat "key: value" file a run keeps (selection.yaml, dream_check.yaml), read whole, its values looked up
// by key. Every error (unreadable, malformed, a key missing or not a number) names the file and the key.
class FlatFile {
 public:
  explicit FlatFile(const std::filesystem::path& file);
  const std::string& text(const std::string& key) const;
  std::int64_t integer(const std::string& key) const;
  double real(const std::string& key) const;

 private:
  std::string origin_;
  std::map<std::string, std::string> values_;
};

}  // namespace w4rl::learning::config

#pragma once
// A config file: YAML whose nested groups are flattened to dotted keys, so that
//   refine:
//     horizon: 35
// reads as `refine.horizon: 35`. A scalar keeps its text (quotes removed), a list of scalars becomes
// "[a, b, c]". Every error names the file and the line.
#include <filesystem>
#include <string>
#include <vector>

namespace w4rl::config {

struct ConfigEntry {
  std::string key;    // dotted: "refine.horizon"
  std::string value;  // "35", "first", "[16, 32, 64]"
  int line = 0;       // 1-based line of the value in the file
};

// Entries in the file's order (`key:` alone gives the empty text). Throws w4rl::Error naming `origin` and
// the line: malformed YAML, a top level that is not a mapping, a list holding groups, a key given twice
// (also as `a.b` beside `a: {b: ...}`).
std::vector<ConfigEntry> parseConfigText(const std::string& text, const std::string& origin);
// The same for a file; a missing or unreadable file, or a directory, is an error naming the path.
std::vector<ConfigEntry> readConfigFile(const std::filesystem::path& file);

}  // namespace w4rl::config

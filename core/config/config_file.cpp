#include "config/config_file.h"

#include <yaml-cpp/yaml.h>

#include <fstream>
#include <map>
#include <sstream>

#include "common/error.h"

namespace w4rl::config {
namespace {

class Flattener {
 public:
  explicit Flattener(std::string origin) : origin_(std::move(origin)) {}

  void group(const YAML::Node& node, const std::string& prefix) {
    for (const auto& item : node) {
      const YAML::Node& keyNode = item.first;
      if (!keyNode.IsScalar()) throw Error(where(keyNode) + ": a key must be a plain word");
      const std::string key = prefix.empty() ? keyNode.Scalar() : prefix + "." + keyNode.Scalar();
      if (keyNode.Scalar().empty()) throw Error(where(keyNode) + ": empty key");
      value(item.second, key, keyNode);
    }
  }

  std::vector<ConfigEntry> entries() && { return std::move(entries_); }

 private:
  void value(const YAML::Node& node, const std::string& key, const YAML::Node& keyNode) {
    switch (node.Type()) {
      case YAML::NodeType::Map:
        group(node, key);
        return;
      case YAML::NodeType::Scalar:
        add(key, node.Scalar(), keyNode);
        return;
      case YAML::NodeType::Sequence: {
        std::string text = "[";
        for (std::size_t i = 0; i < node.size(); ++i) {
          if (!node[i].IsScalar())
            throw Error(where(node[i]) + ": " + key + " must list plain values, not groups or lists");
          text += (i == 0 ? "" : ", ") + node[i].Scalar();
        }
        add(key, text + "]", keyNode);
        return;
      }
      default:  // `key:` with nothing after it, as in a flat file: the empty text
        add(key, "", keyNode);
        return;
    }
  }

  void add(const std::string& key, const std::string& value, const YAML::Node& keyNode) {
    const int line = keyNode.Mark().line + 1;
    if (const auto seen = lineOf_.find(key); seen != lineOf_.end())
      throw Error(where(keyNode) + ": '" + key + "' is given twice (first on line " +
                  std::to_string(seen->second) + ")");
    lineOf_[key] = line;
    entries_.push_back({key, value, line});
  }

  std::string where(const YAML::Node& node) const {
    const int line = node.Mark().line;
    return line >= 0 ? origin_ + " line " + std::to_string(line + 1) : origin_;
  }

  std::string origin_;
  std::vector<ConfigEntry> entries_;
  std::map<std::string, int> lineOf_;
};

}  // namespace

std::vector<ConfigEntry> parseConfigText(const std::string& text, const std::string& origin) {
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    const std::string at = e.mark.is_null() ? origin : origin + " line " + std::to_string(e.mark.line + 1);
    throw Error(at + ": not valid YAML (" + e.msg + ")");
  }
  if (root.IsNull()) return {};  // empty, or comments only
  if (!root.IsMap())
    throw Error(origin + ": expected 'key: value' lines (a YAML mapping), not " +
                (root.IsSequence() ? std::string("a list") : "'" + root.Scalar() + "'"));
  Flattener flat(origin);
  flat.group(root, "");
  return std::move(flat).entries();
}

std::vector<ConfigEntry> readConfigFile(const std::filesystem::path& file) {
  if (std::filesystem::is_directory(file)) throw Error("config file " + file.string() + " is a directory");
  std::ifstream in(file, std::ios::binary);
  if (!in) throw Error("cannot read config file " + file.string());
  std::stringstream text;
  text << in.rdbuf();
  return parseConfigText(text.str(), file.string());
}

}  // namespace w4rl::config

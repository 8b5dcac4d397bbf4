// Config files as users write them: nested groups equal dotted keys, lists keep their values, and every
// malformed file is refused naming the file and the line.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "common/error.h"
#include "config/config_file.h"
#include "shared_test_support.h"

namespace w4rl::config {
namespace {

std::vector<std::pair<std::string, std::string>> pairs(const std::string& text) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& e : parseConfigText(text, "c.yaml")) out.emplace_back(e.key, e.value);
  return out;
}

std::string errorOf(const std::string& text) {
  try {
    parseConfigText(text, "c.yaml");
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

using Pairs = std::vector<std::pair<std::string, std::string>>;

TEST(ConfigFile, NestedGroupsReadAsDottedKeys) {
  const Pairs flat = pairs("seed: 3\nrefine.horizon: 35\nrefine.start_from: first\nworld_model.steps: 10\n");
  EXPECT_EQ(pairs("seed: 3\nrefine:\n  horizon: 35\n  start_from: first\nworld_model: {steps: 10}\n"), flat);
  EXPECT_EQ(flat, (Pairs{{"seed", "3"},
                         {"refine.horizon", "35"},
                         {"refine.start_from", "first"},
                         {"world_model.steps", "10"}}));
  EXPECT_EQ(pairs("a:\n  b:\n    c: 1\n"), (Pairs{{"a.b.c", "1"}}));
}

TEST(ConfigFile, ScalarsKeepTheirTextListsBecomeBracketedAndQuotesGo) {
  EXPECT_EQ(pairs("lr: 1e-4\nchannels: [16, 32, 64]\nblocks:\n  - 1\n  - 2\nname: \"a b\"\nword: 'x'\n"
                  "empty: []\nnothing:\n"),
            (Pairs{{"lr", "1e-4"},
                   {"channels", "[16, 32, 64]"},
                   {"blocks", "[1, 2]"},
                   {"name", "a b"},
                   {"word", "x"},
                   {"empty", "[]"},
                   {"nothing", ""}}));
}

TEST(ConfigFile, CommentsEmptyFilesAndAByteOrderMarkAreFine) {
  EXPECT_TRUE(pairs("").empty());
  EXPECT_TRUE(pairs("# only a comment\n\n").empty());
  EXPECT_EQ(pairs("\xEF\xBB\xBFsteps: 9  # trailing\n   # indented comment\n"), (Pairs{{"steps", "9"}}));
}

TEST(ConfigFile, LinesAreCountedFromOne) {
  const auto entries = parseConfigText("# header\nseed: 1\nrefine:\n  horizon: 35\n", "c.yaml");
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].line, 2);
  EXPECT_EQ(entries[1].line, 4);
}

TEST(ConfigFile, DuplicatesAreRefusedWhetherDottedOrNested) {
  EXPECT_EQ(errorOf("steps: 5\n# comment\nsteps: 6\n"),
            "c.yaml line 3: 'steps' is given twice (first on line 1)");
  EXPECT_EQ(errorOf("refine.horizon: 5\nrefine:\n  horizon: 6\n"),
            "c.yaml line 3: 'refine.horizon' is given twice (first on line 1)");
}

TEST(ConfigFile, MalformedFilesNameTheFileAndTheLine) {
  EXPECT_NE(errorOf("steps: 5\n\tlr: 0.1\n").find("c.yaml line 2: not valid YAML"), std::string::npos)
      << errorOf("steps: 5\n\tlr: 0.1\n");
  EXPECT_NE(errorOf("steps: [1, 2\n").find("c.yaml line"), std::string::npos) << errorOf("steps: [1, 2\n");
  EXPECT_EQ(errorOf("- a\n- b\n"), "c.yaml: expected 'key: value' lines (a YAML mapping), not a list");
  EXPECT_EQ(errorOf("just words\n"),
            "c.yaml: expected 'key: value' lines (a YAML mapping), not 'just words'");
  EXPECT_EQ(errorOf("steps:\n  - [1, 2]\n"),
            "c.yaml line 2: steps must list plain values, not groups or lists");
  EXPECT_EQ(errorOf("? [a, b]\n: 1\n"), "c.yaml line 1: a key must be a plain word");
}

TEST(ConfigFile, FilesThatCannotBeReadAreNamed) {
  const auto dir = test::freshDir();
  auto message = [](const std::filesystem::path& file) {
    try {
      readConfigFile(file);
    } catch (const Error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_EQ(message(dir / "missing.yaml"), "cannot read config file " + (dir / "missing.yaml").string());
  EXPECT_EQ(message(dir), "config file " + dir.string() + " is a directory");
  std::ofstream(dir / "ok.yaml") << "refine: {iterations: 2}\n";
  const auto entries = readConfigFile(dir / "ok.yaml");
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].key, "refine.iterations");
  std::ofstream(dir / "bad.yaml") << "a: 1\na: 2\n";
  EXPECT_EQ(message(dir / "bad.yaml"),
            (dir / "bad.yaml").string() + " line 2: 'a' is given twice (first on line 1)");
}

}  // namespace
}  // namespace w4rl::config

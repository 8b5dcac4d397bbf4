#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "common/atomic_file.h"

#include "shared_test_support.h"

namespace fs = std::filesystem;

namespace w4rl {
namespace {

std::string readAll(const fs::path& p) {
  std::ifstream in(p);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

}  // namespace

TEST(AtomicFile, CommitReplacesTarget) {
  const fs::path dir = w4rl::test::freshDir();
  const fs::path target = dir / "out.txt";
  std::ofstream(target) << "old";
  {
    AtomicFile file(target);
    std::ofstream(file.tempPath()) << "new";
    EXPECT_EQ(readAll(target), "old");  // untouched until commit
    file.commit();
  }
  EXPECT_EQ(readAll(target), "new");
  EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator()), 1);
}

TEST(AtomicFile, AbandonedWriteLeavesTargetAndNoTemp) {
  const fs::path dir = w4rl::test::freshDir();
  const fs::path target = dir / "out.txt";
  std::ofstream(target) << "keep";
  fs::path temp;
  {
    AtomicFile file(target);
    temp = file.tempPath();
    std::ofstream(temp) << "half";
  }
  EXPECT_EQ(readAll(target), "keep");
  EXPECT_FALSE(fs::exists(temp));
}

TEST(AtomicFile, TwoWritersGetDistinctTemps) {
  const fs::path target = w4rl::test::freshDir() / "x";
  AtomicFile a(target), b(target);
  EXPECT_NE(a.tempPath(), b.tempPath());
  EXPECT_EQ(a.tempPath().parent_path(), target.parent_path());
}

}  // namespace w4rl

#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include "common/atomic_file.h"
#include "common/error.h"

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

TEST(AtomicFile, RemovesTheTempOfAKilledWriterOfTheSameFileOnly) {
  const fs::path dir = w4rl::test::freshDir();
  const fs::path target = dir / "d.hdf5";
  // A process that has exited: its pid names a writer that can never commit.
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) ::_exit(0);
  int status = 0;
  ::waitpid(child, &status, 0);
  const std::string dead = std::to_string(child);
  const std::string alive = std::to_string(::getppid());
  auto touch = [&](const std::string& name) { std::ofstream(dir / name) << "partial"; };
  touch("d.hdf5.tmp-" + dead + "-0");   // stale: removed
  touch("d.hdf5.tmp-" + dead + "-17");  // stale: removed
  touch("d.hdf5.tmp-" + alive + "-0");  // a writer that still runs: kept
  touch("e.hdf5.tmp-" + dead + "-0");   // another file's: kept
  touch("d.hdf5.tmp-notes");            // not a temporary's name: kept
  writeTextFileAtomically(target, "x");
  std::set<std::string> left;
  for (const auto& e : fs::directory_iterator(dir)) left.insert(e.path().filename().string());
  EXPECT_EQ(left, (std::set<std::string>{"d.hdf5", "d.hdf5.tmp-" + alive + "-0", "e.hdf5.tmp-" + dead + "-0",
                                         "d.hdf5.tmp-notes"}));
}

TEST(AtomicFile, ATextWriteToAFullDiskFailsAndLeavesTheFileUnchanged) {
  const fs::path dir = w4rl::test::freshDir();
  const fs::path file = dir / "config.yaml";
  writeTextFileAtomically(file, "steps: 10\n");
  {
    const w4rl::test::FileSizeLimit fullDisk(1024);
    EXPECT_THROW(writeTextFileAtomically(file, std::string(64 * 1024, 'x')), Error);
  }
  EXPECT_EQ(readAll(file), "steps: 10\n");  // not truncated by the failed write
  EXPECT_EQ(w4rl::test::countEntries(dir), 1u);
}

}  // namespace w4rl

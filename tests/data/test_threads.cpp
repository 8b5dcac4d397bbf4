// The studio browses one dataset while a job reads or writes another: with the thread-safe HDF5 build
// (library_version.cpp insists on one) several threads reading and one writing at once must give
// exactly what one thread reads alone.
#include <gtest/gtest.h>

#include <thread>

#include "data/dataset.h"
#include "data/dataset_writer.h"
#include "test_support.h"

namespace w4rl::data {

TEST(Threads, ConcurrentReadersAndAWriterSeeConsistentData) {
  namespace fs = std::filesystem;
  const fs::path dir = test::freshDir();
  {
    DatasetWriter writer(dir / "a.hdf5", {});
    for (int i = 0; i < 6; ++i) writer.append(test::makeEpisode(static_cast<std::uint64_t>(i), 20, 16, 16));
    writer.commit();
  }
  std::vector<std::vector<std::uint8_t>> expected;
  {
    const auto ds = Dataset::open({dir / "a.hdf5"});
    for (std::size_t e = 0; e < ds.size(); ++e) expected.push_back(ds.frames(e, 0, 20));
  }
  std::atomic<int> mismatches{0};
  auto reader = [&] {
    for (int round = 0; round < 40; ++round) {
      const auto ds = Dataset::open({dir / "a.hdf5"});
      for (std::size_t e = 0; e < ds.size(); ++e)
        if (ds.frames(e, 0, 20) != expected[e]) ++mismatches;
    }
  };
  auto writer = [&] {
    DatasetWriter w(dir / "b.hdf5", {});
    for (int i = 0; i < 40; ++i) {
      w.append(test::makeEpisode(static_cast<std::uint64_t>(100 + i), 20, 16, 16));
      if (i % 4 == 3) w.commit();
    }
  };
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) threads.emplace_back(reader);
  threads.emplace_back(writer);
  for (auto& t : threads) t.join();
  EXPECT_EQ(mismatches.load(), 0);
  EXPECT_EQ(Dataset::open({dir / "b.hdf5"}).size(), 40u);
}

}  // namespace w4rl::data

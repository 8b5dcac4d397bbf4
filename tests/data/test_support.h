#pragma once
// Shared helpers for the data-layer tests: per-test temporary directories, deterministic synthetic
// episodes, and running the h5py helper scripts with Debian's python.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "data/episode.h"
#include "shared_test_support.h"

namespace w4rl::data::test {

// Temporary directories and python, shared by all tests (tests/support).
using w4rl::test::countEntries;
using w4rl::test::freshDir;
using w4rl::test::runPython;

// A small episode whose every value is a function of (seed, step, index), so tests can recompute any
// expected value. Actions lie in [-1, 1]; dones is 1 on the last step; success follows `seed` parity.
Episode makeEpisode(std::uint64_t seed, int steps = 5, int height = 8, int width = 8,
                    const std::string& task = "pick-place", int actionDim = 3);

std::string fileBytes(const std::filesystem::path& path);

// Writes <dir>/<name>.hdf5 with tests/scripts/make_malformed.py and returns its path.
std::filesystem::path makeMalformed(const std::filesystem::path& dir, const std::string& name);

}  // namespace w4rl::data::test

#pragma once
// Shared helpers for the data-layer tests: per-test temporary directories, deterministic synthetic
// episodes, and running the h5py helper scripts with Debian's python.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "data/episode.h"

namespace w4rl::data::test {

// An empty directory unique to the running test and process, under the system temp directory.
std::filesystem::path freshDir();

// A small episode whose every value is a function of (seed, step, index), so tests can recompute any
// expected value. Actions lie in [-1, 1]; dones is 1 on the last step; success follows `seed` parity.
Episode makeEpisode(std::uint64_t seed, int steps = 5, int height = 8, int width = 8,
                    const std::string& task = "pick-place", int actionDim = 3);

std::string fileBytes(const std::filesystem::path& path);
std::size_t countEntries(const std::filesystem::path& dir);

// Runs tests/scripts/<script> with /usr/bin/python3 (h5py) and returns its exit status; the output
// goes to the test log.
int runPython(const std::string& script, const std::vector<std::string>& args);
// Writes <dir>/<name>.hdf5 with tests/scripts/make_malformed.py and returns its path.
std::filesystem::path makeMalformed(const std::filesystem::path& dir, const std::string& name);

}  // namespace w4rl::data::test

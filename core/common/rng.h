#pragma once
// A small deterministic random generator (xoshiro256** seeded through splitmix64).
// std::uniform_real_distribution and friends are implementation-defined, so the same seed could give
// other episodes with another standard library; this generator gives the same numbers everywhere.
#include <array>
#include <cstdint>

namespace w4rl {

class Rng {
 public:
  explicit Rng(std::uint64_t seed);

  std::uint64_t nextU64();
  // Uniform in [0, 1) with 53 random bits.
  double uniform();
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
  // Standard normal (Box-Muller on two uniforms; no cached second value, so the stream is simple).
  double normal();
  // Uniform integer in [0, n).
  std::uint64_t below(std::uint64_t n);

 private:
  std::array<std::uint64_t, 4> s_{};
};

// Mixes a base seed with a stream index (episode number, worker id) into an independent seed.
std::uint64_t mixSeed(std::uint64_t base, std::uint64_t stream);

}  // namespace w4rl

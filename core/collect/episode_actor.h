#pragma once
// Something outside the collector that chooses actions from observations: the "policy" source of a
// collection recipe. The collect library stays free of LibTorch; the pipeline adapts a policy checkpoint
// to this interface (pipeline/services/policy_actor.h), and tests use scripted actors.
#include <cstdint>

#include "sim/action.h"
#include "sim/manipulation_env.h"

namespace w4rl::collect {

class EpisodeActor {
 public:
  virtual ~EpisodeActor() = default;

  // Once, before the first episode is recorded, with the environment the actor will act in. Throws
  // w4rl::Error if it cannot act there (e.g. a policy for another image size), so that a collection fails
  // before it writes anything rather than after its expert episodes.
  virtual void prepare(const sim::EnvConfig& env) { static_cast<void>(env); }
  // At the start of each episode, after the environment was reset with `episodeSeed`. An actor that
  // samples draws from a stream derived from this seed, so every episode is reproducible on its own and
  // appending to a file never repeats an earlier episode's noise.
  virtual void reset(std::uint64_t episodeSeed) = 0;
  // The action for the observation taken before this step; the collector clamps it to [-1, 1].
  virtual sim::Action act(const sim::Observation& observation) = 0;
};

}  // namespace w4rl::collect

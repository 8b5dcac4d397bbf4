#pragma once
// Recording what happens in a built-in task as a dataset episode, shared by collection and by the
// studio's teleop sessions: the episode's header from the environment, then per step the pre-action
// observation (camera frame, simulator state, low-dim streams) and the action's outcome.
#include <cstdint>

#include "data/episode.h"
#include "sim/action.h"
#include "sim/manipulation_env.h"

namespace w4rl::collect {

// An empty episode of the environment's task, source and seed, with its shapes filled in.
data::Episode startEpisode(const sim::ManipulationEnv& env, data::EpisodeSource source, std::uint64_t seed);
// Appends the current (pre-action) observation.
void recordObservation(const sim::ManipulationEnv& env, data::Episode& episode);
// Keeps the current observation, the one after the last action, as the episode's final observation
// (for next_obs/).
void recordFinalObservation(const sim::ManipulationEnv& env, data::Episode& episode);
// Appends the action taken and its result.
void recordOutcome(const sim::Action& action, const sim::StepResult& result, data::Episode& episode);

}  // namespace w4rl::collect

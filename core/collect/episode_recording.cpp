#include "collect/episode_recording.h"

namespace w4rl::collect {

data::Episode startEpisode(const sim::ManipulationEnv& env, data::EpisodeSource source, std::uint64_t seed) {
  data::Episode ep;
  ep.task = env.taskInfo().name;
  ep.source = source;
  ep.seed = seed;
  ep.actionDim = sim::kActionDim;
  ep.stateDim = env.stateDim();
  ep.imageHeight = env.config().imageHeight;
  ep.imageWidth = env.config().imageWidth;
  return ep;
}

void recordObservation(const sim::ManipulationEnv& env, data::Episode& ep) {
  const sim::Observation& obs = env.observation();
  ep.images.insert(ep.images.end(), obs.image.begin(), obs.image.end());
  const auto state = env.state();
  ep.states.insert(ep.states.end(), state.begin(), state.end());
  auto push = [&ep](const std::string& key, const double* begin, std::size_t n) {
    auto& stream = ep.lowDim[key];
    stream.dim = static_cast<int>(n);
    stream.values.insert(stream.values.end(), begin, begin + n);
  };
  push("robot0_eef_pos", obs.eefPos.data(), 3);
  push("robot0_eef_quat", obs.eefQuat.data(), 4);
  push("robot0_gripper_qpos", obs.gripperQpos.data(), 2);
  push("object", obs.object.data(), obs.object.size());
  push("goal_pos", obs.goal.data(), 3);
}

void recordFinalObservation(const sim::ManipulationEnv& env, data::Episode& ep) {
  data::Episode one;
  recordObservation(env, one);
  data::FinalObservation last;
  last.image = std::move(one.images);
  for (auto& [key, stream] : one.lowDim) last.lowDim[key] = std::move(stream.values);
  ep.finalObservation = std::move(last);
}

void recordOutcome(const sim::Action& action, const sim::StepResult& result, data::Episode& ep) {
  ep.actions.insert(ep.actions.end(), action.begin(), action.end());
  ep.rewards.push_back(static_cast<float>(result.reward));
  ep.dones.push_back(result.done ? 1 : 0);
  ep.success = ep.success || result.success;
}

}  // namespace w4rl::collect

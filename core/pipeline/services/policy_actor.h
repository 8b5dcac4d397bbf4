#pragma once
// A policy checkpoint as the actor of a collection's "policy" episodes (`world4rl collect --policy`, which
// samples actions: ActionMode::Sample). The runner's sampling is reseeded from each episode's environment
// seed, so a policy-collected file is reproducible and appending to it continues with new noise.
#include <memory>

#include "collect/episode_actor.h"
#include "pipeline/services/policy_runner.h"

namespace w4rl::pipeline {

class PolicyActor final : public collect::EpisodeActor {
 public:
  explicit PolicyActor(std::shared_ptr<PolicyRunner> runner);

  // Throws w4rl::Error when the environment does not render frames of the policy's image size.
  void prepare(const sim::EnvConfig& env) override;
  void reset(std::uint64_t episodeSeed) override;
  sim::Action act(const sim::Observation& observation) override;

  const PolicyRunner& runner() const { return *runner_; }

 private:
  std::shared_ptr<PolicyRunner> runner_;
  int height_ = 0;
  int width_ = 0;
};

}  // namespace w4rl::pipeline

#include "pipeline/services/policy_actor.h"

#include <string>
#include <utility>

#include "common/error.h"

namespace w4rl::pipeline {

PolicyActor::PolicyActor(std::shared_ptr<PolicyRunner> runner) : runner_(std::move(runner)) {
  if (!runner_) throw Error("PolicyActor needs a policy");
}

void PolicyActor::prepare(const sim::EnvConfig& env) {
  const int size = runner_->imageSize();
  if (!env.render || env.imageHeight != size || env.imageWidth != size)
    throw Error("the policy " + runner_->checkpoint().string() + " takes " + std::to_string(size) + "x" +
                std::to_string(size) + " frames but the " + env.task + " environment renders " +
                (env.render ? std::to_string(env.imageHeight) + "x" + std::to_string(env.imageWidth)
                            : std::string("no frames")) +
                " (collect with --image-size " + std::to_string(size) + ")");
  height_ = env.imageHeight;
  width_ = env.imageWidth;
}

void PolicyActor::reset(std::uint64_t episodeSeed) {
  runner_->reset(episodeSeed);
}

sim::Action PolicyActor::act(const sim::Observation& observation) {
  if (height_ == 0) throw Error("PolicyActor::act before prepare(): the environment's image size is unknown");
  return runner_->act(observation.image, height_, width_);
}

}  // namespace w4rl::pipeline

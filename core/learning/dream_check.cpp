#include "learning/dream_check.h"

#include <torch/torch.h>

#include <algorithm>
#include <chrono>

#include "common/error.h"
#include "learning/imagined_rollout.h"

namespace w4rl::learning {

GaussianPolicy randomActionPolicy(const PolicyConfig& config, const torch::Device& device) {
  GaussianPolicy policy(config);
  torch::NoGradGuard noGrad;
  // tanh(0) = 0 for the mean and exp(0) = 1 for sigma, whatever the encoder makes of the frames.
  for (auto& p : policy->named_parameters())
    if (p.key().rfind("mean.", 0) == 0 || p.key().rfind("log_std.", 0) == 0) p.value().zero_();
  policy->to(device);
  policy->eval();
  return policy;
}

std::vector<bool> dreamSuccesses(GaussianPolicy& policy, SuccessClassifier& reward, WorldModelEnv& env,
                                 ContextSource& contexts, const DreamCheckOptions& options,
                                 const CancelToken* cancel) {
  if (options.starts < 1 || options.batch < 1 || options.horizon < 1)
    throw Error("dream check: starts, batch and horizon must be positive");
  torch::NoGradGuard noGrad;
  // imagineRollouts wants a critic for its value estimates; its values are not used here.
  ValueNetwork critic(policy->config());
  critic->to(env.device());
  critic->eval();
  const bool wasTraining = policy->is_training();
  policy->eval();
  std::vector<bool> out;
  const int batches = (options.starts + options.batch - 1) / options.batch;
  for (int k = 0; k < batches; ++k) {
    if (cancel && cancel->cancelled()) break;
    const auto key = options.seed * 1000003ULL + static_cast<std::uint64_t>(k);
    auto startGenerator = at::detail::createCPUGenerator(key);
    auto noiseGenerator = at::detail::createCPUGenerator(key ^ 0x9e3779b97f4a7c15ULL);
    env.reseed(key + 17);
    const auto start = contexts.sample(options.batch, startGenerator);
    RolloutOptions rollout;
    rollout.horizon = options.horizon;
    rollout.cancel = cancel;
    const auto buf = imagineRollouts(policy, critic, reward, env, start, rollout, noiseGenerator);
    if (cancel && cancel->cancelled()) break;
    const auto won = (buf.rewards.sum(0) > 0).contiguous();
    const auto* w = won.data_ptr<bool>();
    out.insert(out.end(), w, w + won.numel());
  }
  if (wasTraining) policy->train();
  return out;
}

DreamCheck checkDream(GaussianPolicy& policy, SuccessClassifier& reward, WorldModelEnv& env,
                      ContextSource& contexts, const DreamCheckOptions& options, const CancelToken* cancel) {
  const auto started = std::chrono::steady_clock::now();
  DreamCheck check;
  const auto mine = dreamSuccesses(policy, reward, env, contexts, options, cancel);
  auto random = randomActionPolicy(policy->config(), env.device());
  const auto theirs = dreamSuccesses(random, reward, env, contexts, options, cancel);
  check.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (mine.size() != theirs.size() || mine.empty()) {
    check.cancelled = true;
    return check;
  }
  check.starts = static_cast<int>(mine.size());
  check.horizon = options.horizon;
  for (std::size_t i = 0; i < mine.size(); ++i) {
    check.policySuccesses += mine[i];
    check.randomSuccesses += theirs[i];
    check.policyOverRandom.gained += mine[i] && !theirs[i];
    check.policyOverRandom.lost += !mine[i] && theirs[i];
  }
  return check;
}

}  // namespace w4rl::learning

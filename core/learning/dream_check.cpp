#include "learning/dream_check.h"

#include <torch/torch.h>

#include <algorithm>
#include <chrono>

#include "common/atomic_file.h"
#include "common/error.h"
#include "learning/config_values.h"
#include "learning/imagined_rollout.h"

namespace w4rl::learning {

GaussianPolicy randomActionPolicy(const PolicyConfig& config, const torch::Device& device) {
  PolicyConfig c = config;  // a refinement's narrowed log-std range must not lower sigma 1
  c.logStdMax = 0.0;
  c.logStdMin = std::min(c.logStdMin, -1.0);
  GaussianPolicy policy(c);
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
  for (int k = 0; k * options.batch < options.starts; ++k) {
    if (cancel && cancel->cancelled()) break;
    const auto key = options.seed * 1000003ULL + static_cast<std::uint64_t>(k);
    auto startGenerator = at::detail::createCPUGenerator(key);
    auto noiseGenerator = at::detail::createCPUGenerator(key ^ 0x9e3779b97f4a7c15ULL);
    env.reseed(key + 17);
    const auto start =
        contexts.sample(std::min(options.batch, options.starts - k * options.batch), startGenerator);
    RolloutOptions rollout;
    rollout.horizon = options.horizon;
    rollout.cancel = cancel;
    rollout.dreamSamples = options.dreamSamples;
    rollout.rewardConsensus = options.rewardConsensus;
    const auto buf = imagineRollouts(policy, critic, reward, env, start, rollout, noiseGenerator);
    if (cancel && cancel->cancelled()) break;
    const auto won = buf.succeeded.contiguous();
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

void saveDreamCheck(const std::filesystem::path& file, const DreamCheck& check) {
  auto s = [](auto x) { return std::to_string(x); };
  writeTextFileAtomically(
      file, "# before refinement: the starting policy and random actions on the same imagined starts\n" +
                config::mapText({{"starts", s(check.starts)},
                                 {"horizon", s(check.horizon)},
                                 {"policy_successes", s(check.policySuccesses)},
                                 {"random_successes", s(check.randomSuccesses)},
                                 {"policy_gained", s(check.policyOverRandom.gained)},
                                 {"policy_lost", s(check.policyOverRandom.lost)},
                                 {"seconds", config::numberText(check.seconds)}}));
}

DreamCheck loadDreamCheck(const std::filesystem::path& file) {
  const config::FlatFile values(file);
  auto integer = [&](const std::string& key) {
    const auto v = values.integer(key);
    if (v < 0) throw Error(file.string() + ": " + key + " must be non-negative");
    return static_cast<int>(v);
  };
  DreamCheck check;
  check.starts = integer("starts");
  check.horizon = integer("horizon");
  check.policySuccesses = integer("policy_successes");
  check.randomSuccesses = integer("random_successes");
  check.policyOverRandom = {integer("policy_gained"), integer("policy_lost")};
  check.seconds = values.real("seconds");
  if (check.policySuccesses > check.starts || check.randomSuccesses > check.starts ||
      check.policySuccesses - check.randomSuccesses !=
          check.policyOverRandom.gained - check.policyOverRandom.lost)
    throw Error(file.string() + ": the successes and the starts gained and lost disagree");
  return check;
}

}  // namespace w4rl::learning

// The Python reference modules (python/world4rl) against the engine: small models of every kind with
// random weights (a fresh model's zero-initialised layers would hide most of the network) are exported as
// safetensors with inputs and the engine's outputs; tests/scripts/check_python_models.py loads them with
// Debian's PyTorch and must compute the same (float tolerance; the same sampler noise for the same seed).
#include <gtest/gtest.h>
#include <torch/torch.h>

#include <filesystem>

#include "learning/checkpoint.h"
#include "learning/gaussian_policy.h"
#include "learning/imagination.h"
#include "learning/policy_checkpoint.h"
#include "learning/safetensors_io.h"
#include "learning/success_classifier.h"
#include "shared_test_support.h"

namespace fs = std::filesystem;

namespace w4rl::learning {
namespace {

void perturb(torch::nn::Module& module) {
  torch::NoGradGuard noGrad;
  for (auto& p : module.parameters()) p.add_(torch::randn_like(p) * 0.2);
}

torch::Tensor frames(std::int64_t b, std::int64_t s, std::int64_t size) {
  return torch::randint(0, 256, {b, s, size, size, 3}, torch::kLong).to(torch::kUInt8);
}

}  // namespace

TEST(PythonModules, ComputeWhatTheEngineComputesForEveryKind) {
  const fs::path dir = w4rl::test::freshDir();
  torch::manual_seed(21);
  WorldModelConfig wc;
  wc.imageSize = 16;
  wc.channels = {8, 16};
  wc.blocksPerLevel = 2;
  wc.attentionResolutions = {8};
  wc.condDim = 16;
  wc.tasks = {"hammer", "soccer"};
  wc.contextNoiseMax = 0.2;
  wc.sampler = SamplerKind::Heun;
  wc.samplerSteps = 2;
  WorldModel wm(wc);
  perturb(*wm);
  wm->eval();
  saveWorldModel(dir / "wm.safetensors", wm, nullptr, {});

  PolicyConfig pc;
  pc.task = "hammer";
  pc.imageSize = 16;
  pc.frameStack = 2;
  pc.channels = {8, 16};
  pc.hidden = 16;
  PolicyCheckpoint policy;
  policy.policy = GaussianPolicy(pc);
  perturb(*policy.policy);
  savePolicy(dir / "policy.safetensors", policy);

  RewardConfig rc{"hammer", 16, {8, 16}, 16};
  rc.threshold = 0.3;
  SuccessClassifier classifier(rc);
  perturb(*classifier);
  saveReward(dir / "reward.safetensors", classifier, {});

  torch::NoGradGuard noGrad;
  SafetensorsContents io;
  auto put = [&io](const std::string& name, const torch::Tensor& t) {
    io.tensors.emplace_back(name, t.contiguous());
  };
  const auto noisy = torch::randn({2, 3, 16, 16});
  const auto sigma = torch::tensor({0.3f, 2.5f});
  const auto context = torch::rand({2, 4, 3, 16, 16}) * 2 - 1;
  const auto actions = torch::rand({2, 4, 4}) * 2.4 - 1.2;  // beyond [-1, 1] too: the encoder clamps
  const auto task = torch::tensor({1, 0}, torch::kLong);
  put("wm.noisy", noisy);
  put("wm.sigma", sigma);
  put("wm.context", context);
  put("wm.actions", actions);
  put("wm.task", task);
  put("wm.denoised", wm->denoise(noisy, sigma, context, actions, task));
  put("wm.sample", wm->sample(context, actions, task, at::detail::createCPUGenerator(5)));
  // Three imagined steps as refinement and eval-dream take them, uint8 in and out.
  const auto start = frames(2, 4, 16);
  const auto startActions = torch::rand({2, 4, 4}) * 2 - 1;
  const auto stepActions = torch::rand({3, 2, 4}) * 2 - 1;
  WorldModelEnv env(wm, torch::kCPU, 9);
  env.reset(start, startActions, task);
  std::vector<torch::Tensor> dreamt;
  for (int i = 0; i < 3; ++i) dreamt.push_back(env.step(stepActions[i]));
  put("dream.start", start);
  put("dream.start_actions", startActions);
  put("dream.actions", stepActions);
  put("dream.frames", torch::stack(dreamt));

  const auto policyFrames = frames(3, 2, 16);
  const auto out = policy.policy->forward(policyFrames);
  put("policy.frames", policyFrames);
  put("policy.mean", out.mean);
  put("policy.log_std", out.logStd);
  const auto rewardFrames = frames(5, 1, 16).squeeze(1);
  put("reward.frames", rewardFrames);
  put("reward.logits", classifier->forward(rewardFrames));
  writeSafetensors(dir / "io.safetensors", io);

  EXPECT_EQ(w4rl::test::runPython("check_python_models.py",
                                  {(dir / "wm.safetensors").string(), (dir / "policy.safetensors").string(),
                                   (dir / "reward.safetensors").string(), (dir / "io.safetensors").string()}),
            0);
}

}  // namespace w4rl::learning

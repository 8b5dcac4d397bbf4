// bench_world_model: speed and memory of the world model on this machine.
//   imagined frames/s at batch 1 and 32 (the configured sampler, default 3 Euler steps)
//   training samples/s (forward + backward + AdamW at batch 32)
//   peak resident memory
// Usage: bench_world_model [--preset cpu|gpu] [--device auto|cpu|cuda] [--iters N] [--bf16] [key=value ...]
//   --bf16: imagination and training steps in precision bfloat16 (learning/precision.h)
#include <sys/resource.h>
#include <torch/torch.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>

#include "learning/edm.h"
#include "learning/imagination.h"
#include "learning/precision.h"
#include "learning/torch_device.h"
#include "learning/world_model.h"

namespace {

using Clock = std::chrono::steady_clock;
using namespace w4rl::learning;

void sync(const torch::Device& d) {
  if (d.is_cuda()) torch::cuda::synchronize();
}

double imaginedFramesPerSecond(WorldModel& model, const torch::Device& device, Precision precision, int batch,
                               int iters) {
  const auto& c = model->config();
  WorldModelEnv env(model, device, 1);
  env.setPrecision(precision);
  const auto frames =
      torch::randint(0, 256, {batch, c.contextFrames, c.imageSize, c.imageSize, 3}).to(torch::kUInt8);
  env.reset(frames, torch::zeros({batch, c.contextFrames, c.actionDim}));
  const auto action = torch::rand({batch, c.actionDim}) * 2 - 1;
  for (int i = 0; i < 3; ++i) env.step(action);  // warm-up
  sync(device);
  const auto t0 = Clock::now();
  for (int i = 0; i < iters; ++i) env.step(action);
  sync(device);
  return batch * iters / std::chrono::duration<double>(Clock::now() - t0).count();
}

double trainingSamplesPerSecond(WorldModel& model, const torch::Device& device, Precision precision,
                                int batch, int iters) {
  const auto& c = model->config();
  model->train();
  torch::optim::AdamW opt(model->parameters(), torch::optim::AdamWOptions(1e-4));
  const auto opts = torch::dtype(torch::kFloat).device(device);
  const auto context = torch::rand({batch, c.contextFrames, 3, c.imageSize, c.imageSize}, opts) * 2 - 1;
  const auto target = torch::rand({batch, 3, c.imageSize, c.imageSize}, opts) * 2 - 1;
  const auto actions = torch::rand({batch, c.contextFrames, c.actionDim}, opts) * 2 - 1;
  const auto task = torch::zeros({batch}, torch::dtype(torch::kLong).device(device));
  auto step = [&] {
    const auto sigma = sampleTrainingSigmas(batch, c.edm, opts);
    torch::Tensor loss;
    {
      AutocastScope autocast(precision, device);  // as WorldModelTrainer does
      loss = model->loss(target, context, actions, task, sigma, torch::randn_like(target)).mean();
    }
    opt.zero_grad();
    loss.backward();
    opt.step();
  };
  for (int i = 0; i < 2; ++i) step();
  sync(device);
  const auto t0 = Clock::now();
  for (int i = 0; i < iters; ++i) step();
  sync(device);
  model->eval();
  return batch * iters / std::chrono::duration<double>(Clock::now() - t0).count();
}

}  // namespace

int main(int argc, char** argv) {
  std::string preset = "cpu", deviceName = "auto";
  int iters = 10;
  bool bf16 = false;
  WorldModelConfig config;
  std::vector<std::pair<std::string, std::string>> overrides;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--preset" && i + 1 < argc)
      preset = argv[++i];
    else if (a == "--device" && i + 1 < argc)
      deviceName = argv[++i];
    else if (a == "--iters" && i + 1 < argc)
      iters = std::stoi(argv[++i]);
    else if (a == "--bf16")
      bf16 = true;
    else if (a.find('=') != std::string::npos)
      overrides.emplace_back(a.substr(0, a.find('=')), a.substr(a.find('=') + 1));
    else {
      std::fprintf(
          stderr,
          "usage: bench_world_model [--preset cpu|gpu] [--device auto|cpu|cuda] [--iters N] [--bf16] "
          "[key=value ...]\n");
      return 2;
    }
  }
  try {
    config = preset == "gpu" ? WorldModelConfig::gpuPreset() : WorldModelConfig::cpuDefault();
    for (const auto& [k, v] : overrides) config.set(k, v);
    const torch::Device device = resolveDevice(deviceName);
    useAllCpuCores();
    torch::manual_seed(0);
    WorldModel model(config);
    model->to(device);
    model->eval();
    std::int64_t params = 0;
    for (const auto& p : model->parameters()) params += p.numel();
    std::printf("preset %s on %s: %lld parameters, %dx%d, L=%d, %s %d steps, channels", preset.c_str(),
                describeDevice(device).c_str(), static_cast<long long>(params), config.imageSize,
                config.imageSize, config.contextFrames, toString(config.sampler).c_str(),
                config.samplerSteps);
    for (int c : config.channels) std::printf(" %d", c);
    const Precision precision = bf16 ? Precision::BFloat16 : Precision::Float32;
    std::printf(", %s\n", toString(precision).c_str());
    const double fps1 = imaginedFramesPerSecond(model, device, precision, 1, iters * 3);
    std::printf("imagined frames/s, batch 1:  %8.1f\n", fps1);
    const double fps32 = imaginedFramesPerSecond(model, device, precision, 32, iters);
    std::printf("imagined frames/s, batch 32: %8.1f\n", fps32);
    const double sps = trainingSamplesPerSecond(model, device, precision, 32, iters);
    std::printf("training samples/s, batch 32: %7.1f\n", sps);
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    std::printf("peak resident memory: %.0f MB\n", static_cast<double>(usage.ru_maxrss) / 1024.0);
    if (device.is_cuda()) std::printf("(GPU memory is not included; see nvidia-smi)\n");
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_world_model: error: %s\n", e.what());
    return 1;
  }
  return 0;
}

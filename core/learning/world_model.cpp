#include "learning/world_model.h"

#include <torch/torch.h>

#include <cmath>

#include "common/error.h"

namespace w4rl::learning {

namespace nn = torch::nn;

WorldModelImpl::WorldModelImpl(const WorldModelConfig& config)
    : config_(config), encoder_(config.actionEncoding, config.actionDim, config.actionBins) {
  config_.validate();
  const int half = config_.condDim / 2;
  // Fixed log-spaced frequencies for the noise level's Fourier features (cNoise = ln(sigma)/4 lies in
  // about [-2, 1]); fixed, not random, so the model is the same for a given config.
  fourierFrequencies_ = register_buffer("fourier_frequencies",
                                        torch::exp(torch::linspace(0.0, std::log(1000.0), half)) * 2 * M_PI);
  noiseMlp_ = register_module("noise_mlp", nn::Sequential(nn::Linear(2 * half, config_.condDim), nn::SiLU(),
                                                          nn::Linear(config_.condDim, config_.condDim)));
  actionProj_ = register_module("action_proj",
                                nn::Linear(config_.contextFrames * encoder_.encodedDim(), config_.condDim));
  if (config_.numTaskEmbeddings() > 0)
    taskEmbedding_ =
        register_module("task_embedding", nn::Embedding(config_.numTaskEmbeddings(), config_.condDim));
  if (config_.contextNoiseMax > 0)
    contextNoiseEmbedding_ = register_module("context_noise_embedding",
                                             nn::Embedding(config_.contextNoiseBuckets, config_.condDim));
  condOut_ = register_module("cond_out", nn::Linear(config_.condDim, config_.condDim));
  UNetOptions u;
  u.inChannels = 3 * (config_.contextFrames + 1);
  u.channels = config_.channels;
  u.blocksPerLevel = config_.blocksPerLevel;
  u.attentionResolutions = config_.attentionResolutions;
  u.condDim = config_.condDim;
  u.imageSize = config_.imageSize;
  unet_ = register_module("unet", UNet(u));
  // Channels-last is oneDNN's preferred layout: about 20% faster convolutions on the CPU, and neutral or
  // better on CUDA. Tensor::to() and checkpoint loading preserve it.
  for (auto& p : parameters())
    if (p.dim() == 4) p.set_data(p.contiguous(torch::MemoryFormat::ChannelsLast));
}

torch::Tensor WorldModelImpl::condition(const torch::Tensor& cNoise, const torch::Tensor& actions,
                                        const torch::Tensor& task, const torch::Tensor& contextNoiseStep) {
  const auto phase = cNoise.unsqueeze(-1) * fourierFrequencies_;
  auto cond = noiseMlp_->forward(torch::cat({phase.cos(), phase.sin()}, -1));
  cond = cond + actionProj_->forward(encoder_.encode(actions).flatten(1));
  if (taskEmbedding_) cond = cond + taskEmbedding_->forward(task.to(torch::kLong));
  if (contextNoiseEmbedding_) {
    // Imagination's clean context is step 0: its one row, broadcast, without a lookup per denoising step.
    cond = cond + (contextNoiseStep.defined()
                       ? contextNoiseEmbedding_->forward(contextNoiseStep.to(cNoise.device(), torch::kLong))
                       : contextNoiseEmbedding_->weight[0]);
  }
  return condOut_->forward(torch::silu(cond));
}

torch::Tensor WorldModelImpl::network(const torch::Tensor& noisy, const EdmScalings& s,
                                      const torch::Tensor& context, const torch::Tensor& actions,
                                      const torch::Tensor& task, const torch::Tensor& contextNoiseStep) {
  const auto input = torch::cat({s.cIn.view({-1, 1, 1, 1}) * noisy, context.flatten(1, 2)}, 1)
                         .contiguous(torch::MemoryFormat::ChannelsLast);
  return unet_->forward(input, condition(s.cNoise, actions, task, contextNoiseStep));
}

WorldModelImpl::AugmentedContext WorldModelImpl::augmentContext(const torch::Tensor& context,
                                                                at::Generator& generator) const {
  if (config_.contextNoiseMax <= 0) return {context, {}};
  const auto b = context.size(0);
  // Drawn on the CPU from the trainer's generator, so a run is reproducible on any device.
  const auto step = torch::randint(config_.contextNoiseBuckets, {b}, generator, torch::dtype(torch::kLong));
  const auto level = step.to(torch::kFloat) * (config_.contextNoiseMax / (config_.contextNoiseBuckets - 1));
  const auto noise = torch::randn(context.sizes(), generator, torch::dtype(torch::kFloat));
  const auto device = context.device();
  return {context + (level.view({-1, 1, 1, 1, 1}) * noise).to(device, context.scalar_type()),
          step.to(device)};
}

torch::Tensor WorldModelImpl::denoise(const torch::Tensor& noisy, const torch::Tensor& sigma,
                                      const torch::Tensor& context, const torch::Tensor& actions,
                                      const torch::Tensor& task) {
  const auto s = edmScalings(sigma, config_.edm.sigmaData);
  const auto f = network(noisy, s, context, actions, task, {});
  return s.cSkip.view({-1, 1, 1, 1}) * noisy + s.cOut.view({-1, 1, 1, 1}) * f;
}

torch::Tensor WorldModelImpl::loss(const torch::Tensor& target, const torch::Tensor& context,
                                   const torch::Tensor& actions, const torch::Tensor& task,
                                   const torch::Tensor& sigma, const torch::Tensor& noise,
                                   const torch::Tensor& contextNoiseStep, const torch::Tensor& pixelWeight) {
  const auto s = edmScalings(sigma, config_.edm.sigmaData);
  auto view = [](const torch::Tensor& t) { return t.view({-1, 1, 1, 1}); };
  const auto noisy = target + view(sigma) * noise;
  const auto f = network(noisy, s, context, actions, task, contextNoiseStep);
  // lambda(sigma) |D - x0|^2 = |F - (x0 - cSkip x) / cOut|^2, since lambda * cOut^2 = 1 (Karras et al.).
  const auto effectiveTarget = (target - view(s.cSkip) * noisy) / view(s.cOut);
  const auto squared = (f - effectiveTarget).pow(2);
  return (pixelWeight.defined() ? squared * pixelWeight : squared).mean({1, 2, 3});
}

torch::Tensor movingPixelWeights(const torch::Tensor& target, const torch::Tensor& context, double weight) {
  torch::NoGradGuard noGrad;
  const auto newest = context.select(1, context.size(1) - 1);
  const auto change = (target - newest).abs().amax(1, /*keepdim=*/true);
  const auto moving = (change > kMovingPixelThreshold).to(target.scalar_type());
  const auto near = torch::max_pool2d(moving, /*kernel_size=*/3, /*stride=*/1, /*padding=*/1);
  return 1.0 + weight * near;
}

torch::Tensor WorldModelImpl::sample(const torch::Tensor& context, const torch::Tensor& actions,
                                     const torch::Tensor& task, c10::optional<at::Generator> generator,
                                     int steps, c10::optional<SamplerKind> samplerOverride) {
  torch::NoGradGuard noGrad;
  const int n = steps > 0 ? steps : config_.samplerSteps;
  const SamplerKind kind = samplerOverride.value_or(config_.sampler);
  const auto options = context.options().dtype(torch::kFloat);
  // The schedule is a handful of scalars: computed on the CPU, read without device synchronisation.
  const auto sigmas = karrasSigmas(n, config_.edm, torch::dtype(torch::kFloat));
  const auto b = context.size(0);
  auto x = torch::randn({b, 3, config_.imageSize, config_.imageSize}, generator, options) *
           sigmas[0].item<double>();
  for (int i = 0; i < n; ++i) {
    const double si = sigmas[i].item<double>(), sNext = sigmas[i + 1].item<double>();
    const auto sigma = torch::full({b}, si, options);
    const auto d = (x - denoise(x, sigma, context, actions, task)) / si;
    auto xNext = x + (sNext - si) * d;
    if (kind == SamplerKind::Heun && sNext > 0) {
      const auto d2 =
          (xNext - denoise(xNext, torch::full({b}, sNext, options), context, actions, task)) / sNext;
      xNext = x + (sNext - si) * 0.5 * (d + d2);
    }
    x = xNext;
  }
  return x.clamp(-1.0, 1.0);
}

torch::Tensor framesToFloat(const torch::Tensor& u) {
  if (u.scalar_type() != torch::kUInt8 || u.dim() < 3 || u.size(-1) != 3)
    throw Error("expected uint8 frames (..., H, W, 3)");
  return u.movedim(-1, -3).to(torch::kFloat).div(127.5).sub(1.0);
}

torch::Tensor framesToUint8(const torch::Tensor& f) {
  return f.add(1.0).mul(127.5).round().clamp(0, 255).to(torch::kUInt8).movedim(-3, -1).contiguous();
}

}  // namespace w4rl::learning

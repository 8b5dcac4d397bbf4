#pragma once
// The diffusion world model: an EDM-preconditioned U-Net that generates the next camera frame from the
// last L frames and L actions (and, with several tasks, a task embedding).
//
// Tensor conventions: frames are float (B, 3, H, W) in [-1, 1]; context is (B, L, 3, H, W); actions are
// (B, L, actionDim) in [-1, 1], oldest first, action L-1 being the one that leads from the newest
// context frame to the predicted one; task is (B) int64 (ignored without a task embedding).
// Padding at an episode's start (fewer than L past frames): the missing frames are copies of the
// episode's first frame and the missing actions are zero (see padContext in imagination.h).
#include <torch/nn.h>

#include "learning/action_encoding.h"
#include "learning/edm.h"
#include "learning/unet.h"
#include "learning/world_model_config.h"

namespace w4rl::learning {

class WorldModelImpl : public torch::nn::Module {
 public:
  explicit WorldModelImpl(const WorldModelConfig& config);

  // D(x; sigma): the denoised estimate of `noisy` at noise level sigma (B).
  torch::Tensor denoise(const torch::Tensor& noisy, const torch::Tensor& sigma, const torch::Tensor& context,
                        const torch::Tensor& actions, const torch::Tensor& task);
  // Per-sample EDM loss, lambda(sigma) * |D(x0 + sigma n) - x0|^2 averaged over pixels: (B).
  // `contextNoiseStep` (B, int64) tells the network how noisy `context` was made (augmentContext); an
  // undefined tensor means a clean context. `pixelWeight` (B, 1, H, W), if defined, weighs each pixel's
  // squared error (movingPixelWeights).
  torch::Tensor loss(const torch::Tensor& target, const torch::Tensor& context, const torch::Tensor& actions,
                     const torch::Tensor& task, const torch::Tensor& sigma, const torch::Tensor& noise,
                     const torch::Tensor& contextNoiseStep = {}, const torch::Tensor& pixelWeight = {});
  struct AugmentedContext {
    torch::Tensor context;  // (B, L, 3, H, W)
    torch::Tensor step;     // (B) int64 in [0, context_noise_buckets); undefined when augmentation is off
  };
  // Training's context noise augmentation (WorldModelConfig::contextNoiseMax): draws a step per sample
  // and adds Gaussian noise of that level to all its context frames. Off: the context unchanged.
  AugmentedContext augmentContext(const torch::Tensor& context, at::Generator& generator) const;
  // Samples the next frame with the configured sampler and step count (no autograd). `steps` <= 0 uses
  // the config's. Returns (B, 3, H, W) in [-1, 1].
  torch::Tensor sample(const torch::Tensor& context, const torch::Tensor& actions, const torch::Tensor& task,
                       c10::optional<at::Generator> generator = c10::nullopt, int steps = 0,
                       c10::optional<SamplerKind> sampler = c10::nullopt);

  const WorldModelConfig& config() const { return config_; }
  const ActionEncoder& actionEncoder() const { return encoder_; }

 private:
  // F(cIn * x; cNoise) of the EDM preconditioning, with the context frames concatenated to its input.
  torch::Tensor network(const torch::Tensor& noisy, const EdmScalings& s, const torch::Tensor& context,
                        const torch::Tensor& actions, const torch::Tensor& task,
                        const torch::Tensor& contextNoiseStep);
  torch::Tensor condition(const torch::Tensor& cNoise, const torch::Tensor& actions,
                          const torch::Tensor& task, const torch::Tensor& contextNoiseStep);

  WorldModelConfig config_;
  ActionEncoder encoder_;
  torch::Tensor fourierFrequencies_;
  torch::nn::Sequential noiseMlp_{nullptr};
  torch::nn::Linear actionProj_{nullptr};
  torch::nn::Embedding taskEmbedding_{nullptr};
  torch::nn::Embedding contextNoiseEmbedding_{nullptr};
  torch::nn::Linear condOut_{nullptr};
  UNet unet_{nullptr};
};
TORCH_MODULE(WorldModel);

// Per-pixel loss weights that favour what moves: 1 + weight where the target differs from the newest
// context frame by more than kMovingPixelThreshold in any channel (or next to such a pixel, so an object's
// edges count at both its old and new place), 1 elsewhere. Where success is decided (a mug, a nail, a
// ball) a handful of pixels change while the static scene fills the frame, so an unweighted loss spends
// the model's capacity on the background. target (B, 3, H, W), context (B, L, 3, H, W); returns
// (B, 1, H, W).
constexpr double kMovingPixelThreshold = 0.02;  // in the [-1, 1] frame scale: about 2.5 of 255 levels
torch::Tensor movingPixelWeights(const torch::Tensor& target, const torch::Tensor& context, double weight);

// uint8 (B, H, W, 3) <-> float (B, 3, H, W) in [-1, 1]. toUint8 rounds, so a rollout feeds back exactly
// the 8-bit frames a camera would give.
torch::Tensor framesToFloat(const torch::Tensor& uint8Frames);
torch::Tensor framesToUint8(const torch::Tensor& floatFrames);

}  // namespace w4rl::learning

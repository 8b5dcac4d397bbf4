#include "learning/unet_blocks.h"

#include <torch/torch.h>

#include <cmath>

namespace w4rl::learning {

namespace nn = torch::nn;

AdaGroupNormImpl::AdaGroupNormImpl(int channels, int condDim)
    : norm_(register_module("norm",
                            nn::GroupNorm(nn::GroupNormOptions(kGroupNormGroups, channels).affine(false)))),
      proj_(register_module("proj", nn::Linear(condDim, 2 * channels))) {
  // Start as plain normalisation: scale 1, shift 0.
  nn::init::zeros_(proj_->weight);
  nn::init::zeros_(proj_->bias);
}

torch::Tensor AdaGroupNormImpl::forward(const torch::Tensor& x, const torch::Tensor& cond) {
  // Normalisation and modulation in float32 also under bfloat16 autocast (precision.h): LibTorch 1.13's
  // CPU group norm keeps bfloat16 input in bfloat16, and a world model imagined that way lost 10 dB.
  const auto params = proj_->forward(cond).to(torch::kFloat).unsqueeze(-1).unsqueeze(-1);
  const auto chunks = params.chunk(2, 1);
  // shift + norm(x) * (1 + scale), fused: at batch 1 every separate element-wise op costs tens of us.
  return torch::addcmul(chunks[1], norm_->forward(x.to(torch::kFloat)), chunks[0] + 1);
}

SelfAttentionImpl::SelfAttentionImpl(int channels)
    : norm_(register_module("norm", nn::GroupNorm(kGroupNormGroups, channels))),
      qkv_(register_module("qkv", nn::Conv2d(nn::Conv2dOptions(channels, 3 * channels, 1)))),
      proj_(register_module("proj", nn::Conv2d(nn::Conv2dOptions(channels, channels, 1)))) {
  nn::init::zeros_(proj_->weight);
  nn::init::zeros_(proj_->bias);
}

torch::Tensor SelfAttentionImpl::forward(const torch::Tensor& x) {
  const auto b = x.size(0), c = x.size(1), h = x.size(2), w = x.size(3);
  // Float input: see UNetImpl::forward.
  const auto qkv = qkv_->forward(norm_->forward(x.to(torch::kFloat))).reshape({b, 3, c, h * w}).unbind(1);
  const auto q = qkv[0].transpose(1, 2), k = qkv[1], v = qkv[2].transpose(1, 2);  // (b, hw, c), (b, c, hw)
  const auto weights = torch::softmax(torch::matmul(q, k) / std::sqrt(static_cast<double>(c)), -1);
  const auto out = torch::matmul(weights, v).transpose(1, 2).reshape({b, c, h, w});
  return x + proj_->forward(out);
}

ResBlockImpl::ResBlockImpl(int inChannels, int outChannels, int condDim, bool attention)
    : norm1_(register_module("norm1", AdaGroupNorm(inChannels, condDim))),
      norm2_(register_module("norm2", AdaGroupNorm(outChannels, condDim))),
      conv1_(register_module("conv1", nn::Conv2d(nn::Conv2dOptions(inChannels, outChannels, 3).padding(1)))),
      conv2_(
          register_module("conv2", nn::Conv2d(nn::Conv2dOptions(outChannels, outChannels, 3).padding(1)))) {
  if (inChannels != outChannels)
    skip_ = register_module("skip", nn::Conv2d(nn::Conv2dOptions(inChannels, outChannels, 1)));
  if (attention) attention_ = register_module("attention", SelfAttention(outChannels));
  // The residual branch starts at zero, so a fresh block is the identity (stable early training).
  nn::init::zeros_(conv2_->weight);
  nn::init::zeros_(conv2_->bias);
}

torch::Tensor ResBlockImpl::forward(const torch::Tensor& x, const torch::Tensor& cond) {
  auto h = conv1_->forward(torch::silu(norm1_->forward(x, cond)));
  h = conv2_->forward(torch::silu(norm2_->forward(h, cond)));
  h = h + (skip_ ? skip_->forward(x) : x);
  return attention_ ? attention_->forward(h) : h;
}

}  // namespace w4rl::learning

#pragma once
// Building blocks of the denoising U-Net. Conditioning (noise level, actions, task) enters every residual
// block through adaptive group normalisation: GroupNorm without affine parameters, then a scale and shift
// predicted from the conditioning vector.
#include <torch/nn.h>

namespace w4rl::learning {

class AdaGroupNormImpl : public torch::nn::Module {
 public:
  AdaGroupNormImpl(int channels, int condDim);
  torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& cond);

 private:
  torch::nn::GroupNorm norm_{nullptr};
  torch::nn::Linear proj_{nullptr};
};
TORCH_MODULE(AdaGroupNorm);

// Single-head self-attention over all spatial positions, with a residual connection. Written with
// matmul/softmax so it builds against LibTorch 1.13, which has no scaled_dot_product_attention.
class SelfAttentionImpl : public torch::nn::Module {
 public:
  explicit SelfAttentionImpl(int channels);
  torch::Tensor forward(const torch::Tensor& x);

 private:
  torch::nn::GroupNorm norm_{nullptr};
  torch::nn::Conv2d qkv_{nullptr}, proj_{nullptr};
};
TORCH_MODULE(SelfAttention);

class ResBlockImpl : public torch::nn::Module {
 public:
  ResBlockImpl(int inChannels, int outChannels, int condDim, bool attention);
  torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& cond);

 private:
  AdaGroupNorm norm1_{nullptr}, norm2_{nullptr};
  torch::nn::Conv2d conv1_{nullptr}, conv2_{nullptr}, skip_{nullptr};
  SelfAttention attention_{nullptr};
};
TORCH_MODULE(ResBlock);

constexpr int kGroupNormGroups = 8;

}  // namespace w4rl::learning

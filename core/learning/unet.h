#pragma once
// The denoising U-Net: per resolution level, residual blocks with adaptive group norm (and optional
// self-attention), strided-conv downsampling, nearest-neighbour upsampling, and one skip connection per
// level from the down path to the up path. Kept lean in op count on purpose: at batch 1 on a CPU the
// per-op overhead, not the arithmetic, dominates (bench_world_model).
#include <torch/nn.h>

#include <vector>

#include "learning/unet_blocks.h"

namespace w4rl::learning {

struct UNetOptions {
  int inChannels = 15;  // noisy frame + L context frames, 3 channels each
  int outChannels = 3;
  std::vector<int> channels{16, 32, 64};
  int blocksPerLevel = 1;
  std::vector<int> attentionResolutions{};
  int condDim = 128;
  int imageSize = 64;
};

class UNetImpl : public torch::nn::Module {
 public:
  explicit UNetImpl(const UNetOptions& options);
  torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& cond);

 private:
  int levels_;
  int blocksPerLevel_;
  torch::nn::Conv2d convIn_{nullptr}, convOut_{nullptr};
  torch::nn::GroupNorm normOut_{nullptr};
  std::vector<ResBlock> down_, up_;
  ResBlock mid_{nullptr};
  std::vector<torch::nn::Conv2d> downsample_, upsample_;
};
TORCH_MODULE(UNet);

}  // namespace w4rl::learning

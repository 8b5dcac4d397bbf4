#include "learning/unet.h"

#include <torch/torch.h>

#include <algorithm>

namespace w4rl::learning {

namespace nn = torch::nn;

UNetImpl::UNetImpl(const UNetOptions& o)
    : levels_(static_cast<int>(o.channels.size())), blocksPerLevel_(o.blocksPerLevel) {
  auto hasAttention = [&o](int resolution) {
    return std::find(o.attentionResolutions.begin(), o.attentionResolutions.end(), resolution) !=
           o.attentionResolutions.end();
  };
  int ch = o.channels.front();
  int resolution = o.imageSize;
  convIn_ = register_module("conv_in", nn::Conv2d(nn::Conv2dOptions(o.inChannels, ch, 3).padding(1)));
  std::vector<int> skipChannels;
  for (int level = 0; level < levels_; ++level) {
    const int c = o.channels[static_cast<std::size_t>(level)];
    for (int b = 0; b < blocksPerLevel_; ++b) {
      down_.push_back(register_module("down" + std::to_string(down_.size()),
                                      ResBlock(ch, c, o.condDim, hasAttention(resolution))));
      ch = c;
    }
    skipChannels.push_back(ch);
    if (level + 1 < levels_) {
      downsample_.push_back(register_module("downsample" + std::to_string(level),
                                            nn::Conv2d(nn::Conv2dOptions(ch, ch, 3).stride(2).padding(1))));
      resolution /= 2;
    }
  }
  mid_ = register_module("mid", ResBlock(ch, ch, o.condDim, hasAttention(resolution)));
  for (int level = levels_ - 1; level >= 0; --level) {
    const int c = o.channels[static_cast<std::size_t>(level)];
    for (int b = 0; b < blocksPerLevel_; ++b) {
      // The level's first block also takes the skip connection from the down path.
      const int in = b == 0 ? ch + skipChannels[static_cast<std::size_t>(level)] : ch;
      up_.push_back(register_module("up" + std::to_string(up_.size()),
                                    ResBlock(in, c, o.condDim, hasAttention(resolution))));
      ch = c;
    }
    if (level > 0) {
      const int below = o.channels[static_cast<std::size_t>(level - 1)];
      upsample_.push_back(register_module("upsample" + std::to_string(level),
                                          nn::Conv2d(nn::Conv2dOptions(ch, below, 3).padding(1))));
      ch = below;
      resolution *= 2;
    }
  }
  normOut_ = register_module("norm_out", nn::GroupNorm(kGroupNormGroups, ch));
  convOut_ = register_module("conv_out", nn::Conv2d(nn::Conv2dOptions(ch, o.outChannels, 3).padding(1)));
}

torch::Tensor UNetImpl::forward(const torch::Tensor& x, const torch::Tensor& cond) {
  auto h = convIn_->forward(x);
  std::vector<torch::Tensor> skips;
  std::size_t block = 0;
  for (int level = 0; level < levels_; ++level) {
    for (int b = 0; b < blocksPerLevel_; ++b) h = down_[block++]->forward(h, cond);
    skips.push_back(h);
    if (level + 1 < levels_) h = downsample_[static_cast<std::size_t>(level)]->forward(h);
  }
  h = mid_->forward(h, cond);
  block = 0;
  std::size_t upsampler = 0;
  for (int level = levels_ - 1; level >= 0; --level) {
    for (int b = 0; b < blocksPerLevel_; ++b) {
      if (b == 0) h = torch::cat({h, skips[static_cast<std::size_t>(level)]}, 1);
      h = up_[block++]->forward(h, cond);
    }
    if (level > 0) {
      h = torch::upsample_nearest2d(h, std::vector<int64_t>{h.size(2) * 2, h.size(3) * 2});
      h = upsample_[upsampler++]->forward(h);
    }
  }
  // GroupNorm with affine weights in float: under LibTorch 1.13 CPU autocast it refuses bfloat16 input.
  return convOut_->forward(torch::silu(normOut_->forward(h.to(torch::kFloat))));
}

}  // namespace w4rl::learning

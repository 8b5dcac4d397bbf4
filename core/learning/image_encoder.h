#pragma once
// A small CNN over uint8 camera frames, shared by the policy, its critic and the success classifier:
// stride-2 4x4 convolutions with SiLU, flattened. Frames (B, S, H, W, 3) are stacked along channels.
#include <torch/nn.h>

#include <vector>

namespace w4rl::learning {

class ImageEncoderImpl : public torch::nn::Module {
 public:
  ImageEncoderImpl(int frames, int imageSize, const std::vector<int>& channels);
  // frames: uint8 (B, S, H, W, 3) -> (B, outFeatures()).
  torch::Tensor forward(const torch::Tensor& frames);
  int outFeatures() const { return outFeatures_; }

 private:
  int frames_, imageSize_, outFeatures_ = 0;
  torch::nn::Sequential layers_{nullptr};
};
TORCH_MODULE(ImageEncoder);

// DrQ-style augmentation for training on few demonstrations: pad by `pad` pixels (edge replicate) and
// crop back at a random offset per sample. frames: uint8 (B, S, H, W, 3); same shift across the stack.
torch::Tensor randomShift(const torch::Tensor& frames, int pad, at::Generator& generator);

}  // namespace w4rl::learning

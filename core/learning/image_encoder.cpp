#include "learning/image_encoder.h"

#include <torch/torch.h>

#include "common/error.h"
#include "learning/world_model.h"

namespace w4rl::learning {

namespace nn = torch::nn;

ImageEncoderImpl::ImageEncoderImpl(int frames, int imageSize, const std::vector<int>& channels)
    : frames_(frames), imageSize_(imageSize) {
  if (frames < 1 || channels.empty()) throw Error("image encoder needs >= 1 frame and >= 1 conv layer");
  if (imageSize >> channels.size() < 1 || imageSize % (1 << channels.size()) != 0)
    throw Error("image size " + std::to_string(imageSize) + " is not divisible by 2^" +
                std::to_string(channels.size()) + " (one halving per conv layer)");
  nn::Sequential layers;
  int in = 3 * frames, size = imageSize;
  for (int c : channels) {
    layers->push_back(nn::Conv2d(nn::Conv2dOptions(in, c, 4).stride(2).padding(1)));
    layers->push_back(nn::SiLU());
    in = c;
    size /= 2;
  }
  layers->push_back(nn::Flatten());
  outFeatures_ = in * size * size;
  layers_ = register_module("layers", layers);
}

torch::Tensor ImageEncoderImpl::forward(const torch::Tensor& frames) {
  if (frames.dim() != 5 || frames.size(1) != frames_ || frames.size(2) != imageSize_ ||
      frames.size(3) != imageSize_ || frames.size(4) != 3)
    throw Error("expected uint8 frames (B, " + std::to_string(frames_) + ", " + std::to_string(imageSize_) +
                ", " + std::to_string(imageSize_) + ", 3), got " + c10::str(frames.sizes()));
  return layers_->forward(framesToFloat(frames).flatten(1, 2));
}

torch::Tensor randomShift(const torch::Tensor& frames, int pad, at::Generator& generator) {
  if (pad <= 0) return frames;
  const auto b = frames.size(0), h = frames.size(2), w = frames.size(3);
  // (B, S, H, W, 3) -> (B, S*3, H, W) for padding, then crop per sample.
  auto x = frames.permute({0, 1, 4, 2, 3}).flatten(1, 2).to(torch::kFloat);
  x = torch::nn::functional::pad(
      x, torch::nn::functional::PadFuncOptions({pad, pad, pad, pad}).mode(torch::kReplicate));
  const auto offsets = torch::randint(0, 2 * pad + 1, {b, 2}, generator, torch::kLong);
  auto out = torch::empty({b, x.size(1), h, w}, x.options());
  const auto acc = offsets.accessor<std::int64_t, 2>();
  for (std::int64_t i = 0; i < b; ++i) out[i] = x[i].narrow(1, acc[i][0], h).narrow(2, acc[i][1], w);
  return out.view({b, frames.size(1), 3, h, w}).permute({0, 1, 3, 4, 2}).to(torch::kUInt8).contiguous();
}

}  // namespace w4rl::learning

#include "learning/demo_set.h"

#include <torch/torch.h>

#include <algorithm>

#include "common/error.h"

namespace w4rl::learning {

torch::Tensor DemoSet::stackedFrames(const torch::Tensor& index) const {
  const auto idx = stacks.index_select(0, index);  // (K, S)
  return frames.index_select(0, idx.flatten())
      .view({idx.size(0), idx.size(1), frames.size(1), frames.size(2), frames.size(3)});
}

torch::Tensor frameStackIndices(const std::vector<std::int64_t>& lengths, int stack) {
  if (stack < 1) throw Error("frame stack must be at least 1");
  std::int64_t total = 0;
  for (auto n : lengths) total += n;
  auto out = torch::empty({total, stack}, torch::kLong);
  auto acc = out.accessor<std::int64_t, 2>();
  std::int64_t offset = 0, row = 0;
  for (auto n : lengths) {
    for (std::int64_t t = 0; t < n; ++t, ++row)
      for (int s = 0; s < stack; ++s) acc[row][s] = offset + std::max<std::int64_t>(0, t - (stack - 1) + s);
    offset += n;
  }
  return out;
}

}  // namespace w4rl::learning

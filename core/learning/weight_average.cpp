#include "learning/weight_average.h"

#include <algorithm>
#include <string>

#include "common/error.h"

namespace w4rl::learning {
namespace {

// Applies f(to, from) to every pair of same-named tensors of the two dictionaries.
template <typename F>
void forEachPair(const torch::OrderedDict<std::string, torch::Tensor>& to,
                 const torch::OrderedDict<std::string, torch::Tensor>& from, const char* what, F&& f) {
  if (to.size() != from.size())
    throw Error(std::string("averaging weights of different models: ") + std::to_string(to.size()) + " " +
                what + " against " + std::to_string(from.size()));
  for (const auto& item : from) {
    const torch::Tensor* target = to.find(item.key());
    if (target == nullptr || !target->sizes().equals(item.value().sizes()))
      throw Error(std::string("averaging weights of different models: ") + what + " " + item.key() +
                  " has no counterpart of its shape");
    f(*target, item.value());
  }
}

}  // namespace

double averageDecay(double decay, std::int64_t step) {
  return std::min(decay, (1.0 + static_cast<double>(step)) / (10.0 + static_cast<double>(step)));
}

void updateAverage(torch::nn::Module& average, const torch::nn::Module& model, double d) {
  torch::NoGradGuard noGrad;
  forEachPair(average.named_parameters(), model.named_parameters(), "parameters",
              [d](torch::Tensor to, const torch::Tensor& from) { to.mul_(d).add_(from.detach(), 1.0 - d); });
  forEachPair(average.named_buffers(), model.named_buffers(), "buffers",
              [](torch::Tensor to, const torch::Tensor& from) { to.copy_(from); });
}

void copyWeights(torch::nn::Module& to, const torch::nn::Module& from) {
  updateAverage(to, from, 0.0);
}

}  // namespace w4rl::learning

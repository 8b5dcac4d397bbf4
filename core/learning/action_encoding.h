#pragma once
// How actions condition the world model. The paper's choice is two-hot (Eq. 5): each action dimension in
// [-1, 1] is spread over K uniform bins, with weights on the two nearest bins proportional to closeness
// and summing to 1, so a continuous action keeps its exact value (decode(encode(a)) == a). One-hot
// (nearest bin) and raw linear conditioning are kept for the paper's ablation.
#include <torch/types.h>

#include <string>

namespace w4rl::learning {

enum class ActionEncoding { TwoHot, OneHot, Linear };

std::string toString(ActionEncoding encoding);
// "two-hot", "one-hot", "linear"; throws w4rl::Error otherwise.
ActionEncoding actionEncodingFromString(const std::string& name);

class ActionEncoder {
 public:
  ActionEncoder(ActionEncoding encoding, int actionDim, int bins);

  // Size of the last dimension of encode()'s output.
  int encodedDim() const;
  // (..., actionDim) float in [-1, 1] (values outside are clamped) -> (..., encodedDim()).
  torch::Tensor encode(const torch::Tensor& actions) const;
  // The inverse for two-hot (exact), one-hot (the bin centre) and linear (identity).
  torch::Tensor decode(const torch::Tensor& encoded) const;

  ActionEncoding encoding() const { return encoding_; }
  int actionDim() const { return actionDim_; }
  int bins() const { return bins_; }

 private:
  ActionEncoding encoding_;
  int actionDim_;
  int bins_;
};

}  // namespace w4rl::learning

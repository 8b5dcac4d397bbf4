#include "learning/action_encoding.h"

#include <torch/torch.h>

#include "common/error.h"

namespace w4rl::learning {

std::string toString(ActionEncoding encoding) {
  switch (encoding) {
    case ActionEncoding::TwoHot:
      return "two-hot";
    case ActionEncoding::OneHot:
      return "one-hot";
    case ActionEncoding::Linear:
      return "linear";
  }
  return "two-hot";
}

ActionEncoding actionEncodingFromString(const std::string& name) {
  if (name == "two-hot") return ActionEncoding::TwoHot;
  if (name == "one-hot") return ActionEncoding::OneHot;
  if (name == "linear") return ActionEncoding::Linear;
  throw Error("action encoding must be two-hot, one-hot or linear, not '" + name + "'");
}

ActionEncoder::ActionEncoder(ActionEncoding encoding, int actionDim, int bins)
    : encoding_(encoding), actionDim_(actionDim), bins_(bins) {
  if (actionDim < 1 || actionDim > 64) throw Error("action dimension must be from 1 to 64");
  if (encoding != ActionEncoding::Linear && (bins < 2 || bins > 1024))
    throw Error("action bins must be from 2 to 1024");
}

int ActionEncoder::encodedDim() const {
  return encoding_ == ActionEncoding::Linear ? actionDim_ : actionDim_ * bins_;
}

torch::Tensor ActionEncoder::encode(const torch::Tensor& actions) const {
  if (actions.size(-1) != actionDim_)
    throw Error("expected actions with last dimension " + std::to_string(actionDim_) + ", got " +
                std::to_string(actions.size(-1)));
  const torch::Tensor a = actions.to(torch::kFloat).clamp(-1.0, 1.0);
  if (encoding_ == ActionEncoding::Linear) return a;
  // Position on the bin axis: 0 at -1, K-1 at +1.
  const torch::Tensor pos = (a + 1.0) * 0.5 * (bins_ - 1);
  auto shape = a.sizes().vec();
  shape.push_back(bins_);
  torch::Tensor out = torch::zeros(shape, a.options());
  if (encoding_ == ActionEncoding::OneHot) {
    out.scatter_(-1, pos.round().to(torch::kLong).unsqueeze(-1), 1.0);
  } else {
    // The lower bin is capped at K-2 so a = +1 puts all weight on the last bin via the upper weight.
    const torch::Tensor lo = pos.floor().clamp_max(bins_ - 2);
    const torch::Tensor upper = (pos - lo).unsqueeze(-1);
    const torch::Tensor loIdx = lo.to(torch::kLong).unsqueeze(-1);
    out.scatter_(-1, loIdx, 1.0 - upper);
    out.scatter_(-1, loIdx + 1, upper);
  }
  shape.pop_back();
  shape.back() = actionDim_ * bins_;
  return out.reshape(shape);
}

torch::Tensor ActionEncoder::decode(const torch::Tensor& encoded) const {
  if (encoding_ == ActionEncoding::Linear) return encoded;
  auto shape = encoded.sizes().vec();
  shape.back() = actionDim_;
  shape.push_back(bins_);
  const torch::Tensor centres = torch::linspace(-1.0, 1.0, bins_, encoded.options());
  return (encoded.reshape(shape) * centres).sum(-1);
}

}  // namespace w4rl::learning

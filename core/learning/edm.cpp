#include "learning/edm.h"

#include <torch/torch.h>

#include <cmath>

#include "common/error.h"

namespace w4rl::learning {

EdmScalings edmScalings(const torch::Tensor& sigma, double sigmaData) {
  const torch::Tensor total = sigma * sigma + sigmaData * sigmaData;
  return {sigmaData * sigmaData / total, sigma * sigmaData / total.sqrt(), total.rsqrt(), sigma.log() / 4.0};
}

torch::Tensor edmLossWeight(const torch::Tensor& sigma, double sigmaData) {
  return (sigma * sigma + sigmaData * sigmaData) / (sigma * sigmaData).pow(2);
}

torch::Tensor sampleTrainingSigmas(int64_t count, const EdmParams& p, const torch::TensorOptions& options,
                                   c10::optional<at::Generator> generator) {
  return (torch::randn({count}, generator, options) * p.pStd + p.pMean).exp();
}

torch::Tensor karrasSigmas(int steps, const EdmParams& p, const torch::TensorOptions& options) {
  if (steps < 1) throw Error("the sampler needs at least one step");
  const double minInv = std::pow(p.sigmaMin, 1.0 / p.rho), maxInv = std::pow(p.sigmaMax, 1.0 / p.rho);
  const torch::Tensor ramp =
      steps == 1 ? torch::zeros({1}, options) : torch::linspace(0.0, 1.0, steps, options);
  const torch::Tensor sigmas = (maxInv + ramp * (minInv - maxInv)).pow(p.rho);
  return torch::cat({sigmas, torch::zeros({1}, options)});
}

}  // namespace w4rl::learning

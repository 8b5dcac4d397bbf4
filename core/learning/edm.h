#pragma once
// EDM (Karras et al. 2022) preconditioning, training noise distribution, loss weighting and the sigma
// schedule of the sampler. Images live in [-1, 1].
#include <torch/types.h>

namespace w4rl::learning {

struct EdmParams {
  double sigmaData = 0.5;
  double pMean = -0.4;  // training sigmas: log-normal(pMean, pStd)
  double pStd = 1.2;
  double sigmaMin = 2e-3;  // sampler schedule
  double sigmaMax = 5.0;
  double rho = 7.0;
};

// Coefficients of D(x; sigma) = cSkip * x + cOut * F(cIn * x; cNoise), elementwise on a sigma tensor.
struct EdmScalings {
  torch::Tensor cSkip, cOut, cIn, cNoise;
};
EdmScalings edmScalings(const torch::Tensor& sigma, double sigmaData);

// lambda(sigma) = (sigma^2 + sigmaData^2) / (sigma * sigmaData)^2, which makes lambda * cOut^2 = 1.
torch::Tensor edmLossWeight(const torch::Tensor& sigma, double sigmaData);

// `count` training noise levels, log-normal.
torch::Tensor sampleTrainingSigmas(int64_t count, const EdmParams& p, const torch::TensorOptions& options,
                                   c10::optional<at::Generator> generator = c10::nullopt);

// steps + 1 decreasing sigmas from sigmaMax to sigmaMin, then 0 (Karras et al. Eq. 5).
torch::Tensor karrasSigmas(int steps, const EdmParams& p, const torch::TensorOptions& options);

}  // namespace w4rl::learning

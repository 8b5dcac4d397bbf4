#pragma once
// An exponential moving average of a model's weights, as diffusion models are usually evaluated (EDM,
// DDPM): the average of the last few thousand optimiser steps rather than the last step's weights, whose
// outcome in a dream depends on where the noisy small-batch updates happened to stop.
#include <torch/torch.h>

#include <cstdint>

namespace w4rl::learning {

// The weight of the old average after optimiser step `step` (counted from 1): min(decay, (1 + step) /
// (10 + step)), so the random initial weights leave the average within the first steps.
double averageDecay(double decay, std::int64_t step);

// average <- d * average + (1 - d) * model, parameter by parameter (matched by name); buffers are copied.
// The two modules must have the same structure.
void updateAverage(torch::nn::Module& average, const torch::nn::Module& model, double d);

// Copies every parameter and buffer of `from` into `to` (same structure).
void copyWeights(torch::nn::Module& to, const torch::nn::Module& from);

}  // namespace w4rl::learning

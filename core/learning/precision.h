#pragma once
// Numeric precision of the world model's heavy work (training steps, imagination). bfloat16 runs the
// convolutions and matrix products under CPU autocast: oneDNN in bfloat16, AMX where the CPU has it,
// while weights, optimiser state, normalisation and the EDM sampler stay float32. Measured on a 2-core
// Xeon with native bfloat16 (bench_world_model --bf16): training 1.29x, imagination at batch 32 1.37x
// faster. On a CPU without it oneDNN emulates bfloat16, and training is several times slower instead.
#include <torch/types.h>

#include <string>

namespace w4rl::learning {

enum class Precision { Float32, BFloat16 };

// "float32" or "bfloat16"; anything else is an error naming the value.
Precision parsePrecision(const std::string& text);
std::string toString(Precision precision);

// Whether this CPU computes bfloat16 natively (AVX512-BF16 or AMX-BF16 among /proc/cpuinfo's flags).
bool cpuHasNativeBfloat16();

// Refuses, naming the reason, a precision the device cannot run fast: bfloat16 on CUDA (not implemented)
// or on a CPU without native bfloat16. Called before a run writes anything.
void checkPrecision(Precision precision, const torch::Device& device);

// Autocast for one scope on the calling thread (autocast state is per thread), restored on exit; the
// casts of weights cached inside are dropped at the outermost exit, since the weights change after it.
// Float32 does nothing. BFloat16 on a CUDA device is refused: it is implemented and measured for CPUs.
class AutocastScope {
 public:
  AutocastScope(Precision precision, const torch::Device& device);
  ~AutocastScope();
  AutocastScope(const AutocastScope&) = delete;
  AutocastScope& operator=(const AutocastScope&) = delete;

 private:
  bool active_ = false;
  bool wasEnabled_ = false;
  at::ScalarType previousType_ = at::kBFloat16;
};

}  // namespace w4rl::learning

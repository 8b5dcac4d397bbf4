#include "learning/precision.h"

#include <ATen/autocast_mode.h>
#include <torch/version.h>

#include <fstream>
#include <sstream>
#include <string>

#include "common/error.h"

namespace w4rl::learning {
namespace {

// LibTorch 2.4 replaced the CPU-specific autocast functions by ones taking the device type.
#if TORCH_VERSION_MAJOR > 2 || (TORCH_VERSION_MAJOR == 2 && TORCH_VERSION_MINOR >= 4)
bool cpuAutocastEnabled() {
  return at::autocast::is_autocast_enabled(at::kCPU);
}
void setCpuAutocast(bool enabled) {
  at::autocast::set_autocast_enabled(at::kCPU, enabled);
}
at::ScalarType cpuAutocastType() {
  return at::autocast::get_autocast_dtype(at::kCPU);
}
void setCpuAutocastType(at::ScalarType t) {
  at::autocast::set_autocast_dtype(at::kCPU, t);
}
#else
bool cpuAutocastEnabled() {
  return at::autocast::is_cpu_enabled();
}
void setCpuAutocast(bool enabled) {
  at::autocast::set_cpu_enabled(enabled);
}
at::ScalarType cpuAutocastType() {
  return at::autocast::get_autocast_cpu_dtype();
}
void setCpuAutocastType(at::ScalarType t) {
  at::autocast::set_autocast_cpu_dtype(t);
}
#endif

}  // namespace

Precision parsePrecision(const std::string& text) {
  if (text == "float32") return Precision::Float32;
  if (text == "bfloat16") return Precision::BFloat16;
  throw Error("precision must be float32 or bfloat16, not '" + text + "'");
}

std::string toString(Precision precision) {
  return precision == Precision::BFloat16 ? "bfloat16" : "float32";
}

bool cpuHasNativeBfloat16() {
  std::ifstream in("/proc/cpuinfo");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("flags", 0) != 0) continue;
    std::istringstream flags(line.substr(line.find(':') + 1));
    for (std::string flag; flags >> flag;)
      if (flag == "avx512_bf16" || flag == "amx_bf16") return true;
    return false;  // every core lists the same flags
  }
  return false;
}

void checkPrecision(Precision precision, const torch::Device& device) {
  if (precision == Precision::Float32) return;
  AutocastScope cudaCheck(precision, device);
  if (!cpuHasNativeBfloat16())
    throw Error(
        "precision bfloat16 needs a CPU with native bfloat16 (AVX512-BF16 or AMX); this one has neither, "
        "and emulated bfloat16 trains several times slower than float32 (measured: under 11 samples/s "
        "against 41 on a 2-core AVX2 CPU); use precision float32");
}

AutocastScope::AutocastScope(Precision precision, const torch::Device& device) {
  if (precision == Precision::Float32) return;
  if (!device.is_cpu())
    throw Error("precision bfloat16 is implemented for CPU devices only (this run is on " + device.str() +
                "); use float32");
  wasEnabled_ = cpuAutocastEnabled();
  previousType_ = cpuAutocastType();
  setCpuAutocast(true);
  setCpuAutocastType(at::kBFloat16);
  at::autocast::increment_nesting();
  active_ = true;
}

AutocastScope::~AutocastScope() {
  if (!active_) return;
  if (at::autocast::decrement_nesting() == 0) at::autocast::clear_cache();
  setCpuAutocast(wasEnabled_);
  setCpuAutocastType(previousType_);
}

}  // namespace w4rl::learning

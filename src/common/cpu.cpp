// CPU feature detection via the compiler's cpuid wrappers.
#include "common/cpu.hpp"

namespace zstdpp {

const CpuFeatures& cpu_features() {
  static const CpuFeatures features = [] {
    CpuFeatures f;
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
    __builtin_cpu_init();
    f.bmi2 = __builtin_cpu_supports("bmi2");
    f.avx2 = __builtin_cpu_supports("avx2");
#endif
    return f;
  }();
  return features;
}

KernelVariant select_kernel_variant(bool force_portable) {
#if ZSTDPP_HAVE_BMI2_VARIANT
  if (!force_portable && cpu_features().bmi2) return KernelVariant::kBmi2;
#else
  (void)force_portable;
#endif
  return KernelVariant::kPortable;
}

}  // namespace zstdpp

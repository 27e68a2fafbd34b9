// CPU feature detection: the one process-wide cache (STYLE.md).
//
// Kernels that gain from an ISA extension are compiled twice from one template body, the
// second time with the target attribute below, and a context picks one when it is created
// (never per symbol). `DispatchMode::kPortable` forces the baseline path so the two can
// be tested and benchmarked side by side.
#pragma once

namespace zstdpp {

struct CpuFeatures {
  bool bmi2 = false;  // shlx/shrx/bzhi: variable shifts without the cl register dance
  bool avx2 = false;
};

// Detected once, on first use (thread-safe static initialisation).
const CpuFeatures& cpu_features();

enum class KernelVariant : unsigned char { kPortable = 0, kBmi2 = 1 };

// The variant to use: kBmi2 when the CPU has it and `force_portable` is false.
KernelVariant select_kernel_variant(bool force_portable);

}  // namespace zstdpp

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define ZSTDPP_HAVE_BMI2_VARIANT 1
#define ZSTDPP_TARGET_BMI2 [[gnu::target("bmi,bmi2")]]
#else
#define ZSTDPP_HAVE_BMI2_VARIANT 0
#define ZSTDPP_TARGET_BMI2
#endif
#define ZSTDPP_FORCE_INLINE inline __attribute__((always_inline))

// XXH64, the Content_Checksum hash (RFC 8878 section 3.1.1), from xxHash used header-only:
// XXH_INLINE_ALL compiles it into this translation unit's callers, so the built library
// has no runtime dependency on libxxhash.
#pragma once

#include <cstddef>
#include <cstdint>

#define XXH_INLINE_ALL
#define XXH_STATIC_LINKING_ONLY
#include <xxhash.h>

namespace zstdpp {

class Xxh64 {
 public:
  explicit Xxh64(std::uint64_t seed = 0) { reset(seed); }
  void reset(std::uint64_t seed = 0) { XXH64_reset(&state_, seed); }
  void update(const void* data, std::size_t size) {
    if (size) XXH64_update(&state_, data, size);
  }
  std::uint64_t digest() const { return XXH64_digest(&state_); }

 private:
  XXH64_state_t state_;
};

inline std::uint64_t xxh64(const void* data, std::size_t size, std::uint64_t seed = 0) {
  return XXH64(data, size, seed);
}

}  // namespace zstdpp

// Little-endian loads and stores, and the copy helpers the decode kernels share.
//
// Zstandard stores every multi-byte field little-endian (RFC 8878 section 3). Loads go
// through memcpy so they are legal at any alignment; compilers turn them into one move.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>

namespace zstdpp {

inline std::uint16_t byteswap16(std::uint16_t v) { return __builtin_bswap16(v); }
inline std::uint32_t byteswap32(std::uint32_t v) { return __builtin_bswap32(v); }
inline std::uint64_t byteswap64(std::uint64_t v) { return __builtin_bswap64(v); }

template <typename T>
inline T load_native(const void* p) {
  T v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

inline std::uint16_t load_le16(const void* p) {
  auto v = load_native<std::uint16_t>(p);
  return std::endian::native == std::endian::little ? v : byteswap16(v);
}
inline std::uint32_t load_le32(const void* p) {
  auto v = load_native<std::uint32_t>(p);
  return std::endian::native == std::endian::little ? v : byteswap32(v);
}
inline std::uint64_t load_le64(const void* p) {
  auto v = load_native<std::uint64_t>(p);
  return std::endian::native == std::endian::little ? v : byteswap64(v);
}
inline std::uint32_t load_le24(const void* p) {
  auto b = static_cast<const std::uint8_t*>(p);
  return b[0] | (std::uint32_t{b[1]} << 8) | (std::uint32_t{b[2]} << 16);
}
// Loads `size` (0..8) bytes as a little-endian integer.
inline std::uint64_t load_le_n(const void* p, std::size_t size) {
  auto b = static_cast<const std::uint8_t*>(p);
  std::uint64_t v = 0;
  for (std::size_t i = 0; i < size; ++i) v |= std::uint64_t{b[i]} << (8 * i);
  return v;
}

inline void store_le16(void* p, std::uint16_t v) {
  if constexpr (std::endian::native != std::endian::little) v = byteswap16(v);
  std::memcpy(p, &v, sizeof v);
}
inline void store_le32(void* p, std::uint32_t v) {
  if constexpr (std::endian::native != std::endian::little) v = byteswap32(v);
  std::memcpy(p, &v, sizeof v);
}
inline void store_le64(void* p, std::uint64_t v) {
  if constexpr (std::endian::native != std::endian::little) v = byteswap64(v);
  std::memcpy(p, &v, sizeof v);
}

// Index of the highest set bit; v must be non-zero.
inline unsigned highest_bit(std::uint32_t v) { return 31u - static_cast<unsigned>(std::countl_zero(v)); }
inline unsigned highest_bit64(std::uint64_t v) { return 63u - static_cast<unsigned>(std::countl_zero(v)); }

// Copies until `dst_end` is reached or passed, 16 bytes first and then 32 per step (two
// 16-byte moves: half the loop exits to mispredict on long copies): writes up to
// kWildcopySlack - 1 bytes past dst_end and reads as far past the source. Callers
// guarantee that slack. REQUIRES: src and dst 16+ bytes apart, or src after dst.
inline constexpr std::size_t kWildcopySlack = 32;
inline void wildcopy16(std::uint8_t* dst, const std::uint8_t* src, std::uint8_t* dst_end) {
  std::memcpy(dst, src, 16);
  dst += 16;
  src += 16;
  while (dst < dst_end) {
    std::memcpy(dst, src, 16);
    std::memcpy(dst + 16, src + 16, 16);
    dst += 32;
    src += 32;
  }
}

}  // namespace zstdpp

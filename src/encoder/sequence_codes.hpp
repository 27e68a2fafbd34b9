// Sequence field codes (RFC 8878 section 3.1.1.3.2.1.1): the code of a literal length,
// match length or offset value, and its extra bits. Code lookups for the small values are
// derived at compile time from the format's baseline tables, so encoder and decoder share
// one source of truth.
#pragma once

#include <array>
#include <cstdint>

#include "common/format.hpp"
#include "common/mem.hpp"

namespace zstdpp::encoder {

namespace detail {
template <std::size_t N, std::size_t M>
constexpr std::array<std::uint8_t, N> code_lookup(const std::array<std::uint32_t, M>& base, std::uint32_t bias) {
  std::array<std::uint8_t, N> table{};
  std::size_t code = 0;
  for (std::uint32_t v = 0; v < N; ++v) {
    while (code + 1 < M && base[code + 1] <= v + bias) ++code;
    table[v] = static_cast<std::uint8_t>(code);
  }
  return table;
}
inline constexpr auto kLiteralLengthCodes = code_lookup<64>(format::kLiteralLengthBase, 0);
inline constexpr auto kMatchLengthCodes = code_lookup<128>(format::kMatchLengthBase, 3);
}  // namespace detail

// Literal lengths 0..63 by table; above, codes 25+ have power-of-two baselines from 64.
inline unsigned literal_length_code(std::uint32_t ll) {
  return ll < 64 ? detail::kLiteralLengthCodes[ll] : highest_bit(ll) + 19;
}
// Match lengths (>= 3): match_length - 3 below 128 by table; above, power-of-two baselines.
inline unsigned match_length_code(std::uint32_t ml) {
  const std::uint32_t v = ml - 3;
  return v < 128 ? detail::kMatchLengthCodes[v] : highest_bit(v) + 36;
}
// Offset values (>= 1): the code is the position of the highest bit.
inline unsigned offset_code(std::uint32_t offset_value) { return highest_bit(offset_value); }

}  // namespace zstdpp::encoder

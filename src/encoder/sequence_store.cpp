// The sequence store is header-only; this file checks the code tables against the format's
// baselines at compile time, where a mismatch would make every encoded frame undecodable.
#include "encoder/sequence_store.hpp"

#include "encoder/sequence_codes.hpp"

namespace zstdpp::encoder {
namespace {

constexpr bool literal_codes_match_baselines() {
  for (std::uint32_t ll = 0; ll < 64; ++ll) {
    const unsigned code = detail::kLiteralLengthCodes[ll];
    const std::uint32_t base = format::kLiteralLengthBase[code];
    if (ll < base || ll - base >= (std::uint32_t{1} << format::kLiteralLengthBits[code])) return false;
  }
  return true;
}
constexpr bool match_codes_match_baselines() {
  for (std::uint32_t ml = 3; ml < 131; ++ml) {
    const unsigned code = detail::kMatchLengthCodes[ml - 3];
    const std::uint32_t base = format::kMatchLengthBase[code];
    if (ml < base || ml - base >= (std::uint32_t{1} << format::kMatchLengthBits[code])) return false;
  }
  return true;
}
static_assert(literal_codes_match_baselines());
static_assert(match_codes_match_baselines());
static_assert(format::kLiteralLengthBase[25] == 64 && format::kMatchLengthBase[43] == 131,
              "codes above the lookup tables must start at power-of-two baselines");

}  // namespace
}  // namespace zstdpp::encoder

// FSE (tANS) decoding side: table descriptions and decode tables (RFC 8878 section 4.1).
//
// An FSE table is described by a normalised distribution: for each symbol, how many of the
// 2^accuracy_log states it owns (-1: "less than one", a single state of full width). The
// decode table is built by spreading each symbol's states across the table with a fixed
// step, then giving every state the number of bits to read and the base of its next state.
//
// build_fse_table() is a template over the entry writer so the sequence decoder can fold
// its baseline/extra-bits tables into the same pass (one 8-byte entry per state instead
// of two lookups per symbol). It is constexpr so the predefined tables are compile-time.
#pragma once

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>

#include "common/status.hpp"

namespace zstdpp::entropy {

inline constexpr unsigned kFseMaxAccuracyLog = 9;   // largest any zstd stream uses
inline constexpr unsigned kFseMinAccuracyLog = 5;   // the description's 4-bit field adds 5
inline constexpr unsigned kFseMaxSymbols = 256;

struct NormalizedCounts {
  std::array<std::int16_t, kFseMaxSymbols> counts{};
  unsigned max_symbol = 0;    // highest symbol with a non-zero count
  unsigned accuracy_log = 0;
};

// One state of a plain FSE decode table.
struct FseDecodeEntry {
  std::uint16_t next_base;  // next state = next_base + read(nb_bits)
  std::uint8_t symbol;
  std::uint8_t nb_bits;
};

// Reads an FSE table description from the front of [src, src + size) (section 4.1.1).
// `max_symbol` and `max_accuracy_log` are the limits of the stream being described.
// On success `consumed` is the description's length in bytes.
Status read_fse_description(const std::uint8_t* src, std::size_t size, unsigned max_symbol,
                            unsigned max_accuracy_log, NormalizedCounts& out, std::size_t& consumed);

// Builds the decode table of a valid distribution (sum of counts == 2^accuracy_log, every
// count >= -1). For each state s it calls emit(s, symbol, nb_bits, next_base).
// `scratch` holds 2^accuracy_log symbols.
template <typename Emit>
constexpr void build_fse_table(const std::int16_t* counts, unsigned max_symbol, unsigned accuracy_log,
                               std::uint8_t* scratch, Emit&& emit) {
  const std::uint32_t table_size = std::uint32_t{1} << accuracy_log;
  std::uint32_t high = table_size - 1;
  std::uint16_t next_count[kFseMaxSymbols] = {};

  // "Less than one" symbols take the last states, one each, in symbol order.
  for (unsigned s = 0; s <= max_symbol; ++s) {
    if (counts[s] == -1) {
      scratch[high--] = static_cast<std::uint8_t>(s);
      next_count[s] = 1;
    } else {
      next_count[s] = static_cast<std::uint16_t>(counts[s]);
    }
  }
  // Spread the others with the format's step (coprime with the table size), skipping the
  // states the rare symbols took.
  const std::uint32_t step = (table_size >> 1) + (table_size >> 3) + 3;
  const std::uint32_t mask = table_size - 1;
  std::uint32_t pos = 0;
  for (unsigned s = 0; s <= max_symbol; ++s) {
    for (int i = 0; i < counts[s]; ++i) {
      scratch[pos] = static_cast<std::uint8_t>(s);
      do {
        pos = (pos + step) & mask;
      } while (pos > high);
    }
  }
  // Each symbol's states, in table order, take successive values of its count upwards:
  // a state numbered x (count <= x < 2 * count) reads accuracy_log - log2(x) bits.
  for (std::uint32_t state = 0; state < table_size; ++state) {
    const std::uint8_t symbol = scratch[state];
    const std::uint32_t x = next_count[symbol]++;
    const unsigned nb_bits = accuracy_log - (31u - static_cast<unsigned>(std::countl_zero(x)));
    const auto next_base = static_cast<std::uint16_t>((x << nb_bits) - table_size);
    emit(state, symbol, static_cast<std::uint8_t>(nb_bits), next_base);
  }
}

// Plain decode table (used for Huffman weights and by tests).
void build_fse_decode_table(const NormalizedCounts& norm, FseDecodeEntry* table);

}  // namespace zstdpp::entropy

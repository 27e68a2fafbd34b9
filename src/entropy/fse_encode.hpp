// FSE (tANS) encoding side (RFC 8878 section 4.1): normalisation of a histogram into a
// distribution, table descriptions, encode tables, and the encoder state.
//
// The distribution format and the state spreading are the decoder's (fse_decode.hpp:
// build_fse_table); the encoder walks the same table backwards, so a stream written with
// these tables decodes with the decoder's tables built from the same distribution.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "common/bit_writer.hpp"
#include "common/status.hpp"
#include "entropy/fse_decode.hpp"

namespace zstdpp::entropy {

// The accuracy log to normalise `total` symbols over `max_symbol + 1` values with, at most
// `max_log`: small inputs get small tables (their descriptions cost bits too).
unsigned choose_accuracy_log(std::size_t total, unsigned max_symbol, unsigned max_log);

// Normalises counts[0..max_symbol] (summing to `total` > 0, at least two symbols present)
// to a distribution summing to 2^accuracy_log in `out`. Every present symbol keeps a
// non-zero count (-1, "less than one", for the rarest when that is cheaper), so any
// histogram's symbols remain encodable; the result minimises the coded size closely
// (low-probability symbols are not starved).
Status normalize_counts(const std::uint32_t* counts, std::size_t total, unsigned max_symbol, unsigned accuracy_log,
                        NormalizedCounts& out);

// Writes the table description (section 4.1.1) of `norm`; `written` gets its size.
// Fails with kOutputTooSmall when `capacity` is too small.
Status write_fse_description(const NormalizedCounts& norm, std::uint8_t* dst, std::size_t capacity,
                             std::size_t& written);

// What the cost functions return when a counted symbol cannot be coded: far above any
// real cost, and small enough that callers may add sizes to it without overflow.
inline constexpr std::uint64_t kFseCostInfinite = std::uint64_t{1} << 60;

// Encode table for one distribution. Plain arrays, no pointers: tables are copied by
// value between blocks (repeat modes).
struct FseEncodeTable {
  unsigned accuracy_log = 0;
  unsigned max_symbol = 0;  // symbols above it have no state
  // Encoder states are kept as T + decoder state (T = 2^accuracy_log), in [T, 2T).
  // state_table lists, symbol after symbol (in symbol order), the encoder states of each
  // symbol's decoder states in table order: state_table[start(s) + k] is the k-th state of
  // s, the one the decoder numbers x = count(s) + k.
  std::array<std::uint16_t, std::size_t{1} << kFseMaxAccuracyLog> state_table{};
  struct SymbolTransform {
    std::uint32_t delta_nb_bits;    // (nb_bits_out << 16) - min_state_plus (see fse_encode.cpp)
    std::int32_t delta_find_state;  // start(s) - count(s)
  };
  std::array<SymbolTransform, kFseMaxSymbols> symbols{};
  // Average cost of each symbol in 1/256 bits (accuracy_log - log2(count)); kNoState when
  // the symbol has no state.
  static constexpr std::uint16_t kNoState = 0xFFFF;
  std::array<std::uint16_t, kFseMaxSymbols> cost_x256{};
};

void build_fse_encode_table(const NormalizedCounts& norm, FseEncodeTable& table);

// Bits needed to code `counts` with `table` (in 1/256 bit units, for cost decisions),
// or kFseCostInfinite when a counted symbol has no state in the table.
std::uint64_t fse_cost_bits_x256(const FseEncodeTable& table, const std::uint32_t* counts, unsigned max_symbol);

// One encoder state over a table. Symbols are encoded in reverse order of decoding: the
// last symbol the decoder reads is encoded first.
//
// The state is T + (the decoder's state), T = 2^accuracy_log. Encoding symbol s from
// state S emits the low nb bits of S, where nb is the one width that brings S >> nb into
// [count(s), 2 count(s)), and moves to the state of s the decoder numbers x = S >> nb:
// the decoder, in that state, reads the same nb bits back and lands on S - T. The width
// is found without a branch: (S + delta_nb_bits) >> 16 (see build_fse_encode_table).
// Defined here so the encoders' loops inline them.
class FseEncoderState {
 public:
  // Starts with the state that decodes to `first_symbol` (the last one the decoder reads).
  // It takes the symbol's first state in table order (x = count), the lowest encoder
  // state of the symbol, so the next encode emits as few bits as possible; for a symbol
  // with fewer than 2^accuracy_log states the decoder reads at least one bit leaving it
  // (the Huffman weight stream's end detection relies on that).
  void init(const FseEncodeTable& table, unsigned first_symbol) {
    table_ = &table;
    const FseEncodeTable::SymbolTransform t = table.symbols[first_symbol];
    // nb = the symbol's larger width; (nb << 16) - delta is then count << nb, and
    // (count << nb) >> nb + delta_find_state is start(s).
    const std::uint32_t nb = (t.delta_nb_bits + (1u << 15)) >> 16;
    const std::uint32_t value = (nb << 16) - t.delta_nb_bits;
    state_ = table.state_table[static_cast<std::int32_t>(value >> nb) + t.delta_find_state];
  }
  // Emits the bits that lead from the current state to `symbol`'s state.
  // REQUIRES: `symbol` has a state in the table; at most accuracy_log bits are added (the
  // caller flushes `out` as its bit budget requires).
  __attribute__((always_inline)) void encode(ForwardBitWriter& out, unsigned symbol) {
    const FseEncodeTable::SymbolTransform t = table_->symbols[symbol];
    const std::uint32_t nb = (state_ + t.delta_nb_bits) >> 16;
    out.add_bits(state_ & ((std::uint32_t{1} << nb) - 1), nb);
    state_ = table_->state_table[static_cast<std::int32_t>(state_ >> nb) + t.delta_find_state];
  }
  // Writes the final state (accuracy_log bits): the decoder's initial state.
  void flush(ForwardBitWriter& out) const {
    out.add_bits(state_ - (std::uint32_t{1} << table_->accuracy_log), table_->accuracy_log);
  }

 private:
  const FseEncodeTable* table_ = nullptr;
  std::uint32_t state_ = 0;
};

}  // namespace zstdpp::entropy

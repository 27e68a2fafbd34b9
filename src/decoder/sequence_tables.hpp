// Decode tables of the sequences section (RFC 8878 section 3.1.1.3.2).
//
// Each of the three symbol streams (literal lengths, offsets, match lengths) has an FSE
// table chosen per block: predefined, RLE (one symbol), described in the block, or the
// previous block's. A SeqSymbol folds the FSE state transition and the code's baseline
// and extra-bit count into one 8-byte entry, so decoding a field is one lookup.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "common/format.hpp"
#include "common/status.hpp"
#include "entropy/fse_decode.hpp"

namespace zstdpp::decoder {

struct SeqSymbol {
  // The next state, relative to this entry: the entry at this + next_delta + read(nb_bits).
  // Relative, so a decoder can hold its state as a pointer to the entry and needs no
  // table base in a register.
  std::int16_t next_delta;
  std::uint8_t nb_bits;      // state update bits
  std::uint8_t extra_bits;   // the field's extra bits
  std::uint32_t base_value;  // the field's baseline (offsets: 1 << code)
};

struct SeqTable {
  const SeqSymbol* entries = nullptr;  // nullptr: no table yet (repeat mode invalid)
  unsigned accuracy_log = 0;
};

enum class SeqKind : std::uint8_t { kLiteralLength = 0, kOffset = 1, kMatchLength = 2 };

// Builds the SeqSymbol table of a distribution for one stream kind; `out` holds
// 2^accuracy_log entries.
void build_seq_table(SeqKind kind, const entropy::NormalizedCounts& norm, SeqSymbol* out);

// The three predefined tables (section 3.1.1.3.2.2), built at compile time.
SeqTable predefined_seq_table(SeqKind kind);

// Per-context storage for the three streams' current tables. `current` may point into
// `own`, into a dictionary's tables or at a predefined table.
struct SeqTableSet {
  std::array<SeqSymbol, std::size_t{1} << format::kLiteralLengthMaxAccuracyLog> ll_own{};
  std::array<SeqSymbol, std::size_t{1} << format::kOffsetMaxAccuracyLog> of_own{};
  std::array<SeqSymbol, std::size_t{1} << format::kMatchLengthMaxAccuracyLog> ml_own{};
  SeqTable ll, of, ml;
};

struct SequencesHeader {
  std::size_t num_sequences = 0;
  std::size_t header_size = 0;  // bytes before the sequence bitstream
};

// Reads Number_of_Sequences, the Symbol_Compression_Modes byte and the table
// descriptions, updating `tables` for the modes in use.
Status read_sequences_header(const std::uint8_t* src, std::size_t size, SeqTableSet& tables, SequencesHeader& out);

}  // namespace zstdpp::decoder

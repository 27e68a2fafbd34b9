// Sequences section header and table selection (RFC 8878 section 3.1.1.3.2.1).
//
// Number_of_Sequences takes 1 to 3 bytes; the modes byte gives, for literal lengths,
// offsets and match lengths in that order, one of four modes (bits 7-6, 5-4, 3-2; bits
// 1-0 reserved). Table descriptions follow in the same order. The predefined tables are
// constexpr data, so selecting them costs a pointer assignment.
#include "decoder/sequence_tables.hpp"

namespace zstdpp::decoder {
namespace {

struct KindInfo {
  bool is_offset;  // offsets have no tables: base = 1 << code, extra bits = code
  const std::uint32_t* base;
  const std::uint8_t* bits;
  unsigned max_symbol;
  unsigned max_accuracy_log;
  const char* name;
};

constexpr KindInfo kind_info(SeqKind kind) {
  switch (kind) {
    case SeqKind::kLiteralLength:
      return {false, format::kLiteralLengthBase.data(), format::kLiteralLengthBits.data(),
              format::kMaxLiteralLengthCode,
              format::kLiteralLengthMaxAccuracyLog, "literal lengths"};
    case SeqKind::kOffset:
      return {true, nullptr, nullptr, format::kMaxOffsetCode, format::kOffsetMaxAccuracyLog, "offsets"};
    case SeqKind::kMatchLength:
      break;
  }
  return {false, format::kMatchLengthBase.data(), format::kMatchLengthBits.data(), format::kMaxMatchLengthCode,
          format::kMatchLengthMaxAccuracyLog, "match lengths"};
}

constexpr SeqSymbol make_symbol(SeqKind kind, unsigned code, std::uint8_t nb_bits, std::uint32_t state,
                                std::uint16_t next_base) {
  const KindInfo info = kind_info(kind);
  const auto delta = static_cast<std::int16_t>(static_cast<int>(next_base) - static_cast<int>(state));
  if (info.is_offset)
    return SeqSymbol{delta, nb_bits, static_cast<std::uint8_t>(code), std::uint32_t{1} << code};
  return SeqSymbol{delta, nb_bits, info.bits[code], info.base[code]};
}

template <std::size_t N, std::size_t Log>
constexpr std::array<SeqSymbol, std::size_t{1} << Log> make_predefined(SeqKind kind,
                                                                       const std::array<std::int16_t, N>& counts) {
  std::array<SeqSymbol, std::size_t{1} << Log> table{};
  std::uint8_t scratch[std::size_t{1} << Log] = {};
  entropy::build_fse_table(counts.data(), N - 1, Log, scratch,
                           [&](std::uint32_t state, std::uint8_t symbol, std::uint8_t nb_bits, std::uint16_t next) {
                             table[state] = make_symbol(kind, symbol, nb_bits, state, next);
                           });
  return table;
}

constexpr auto kPredefinedLiteralLengths = make_predefined<36, format::kLiteralLengthDefaultAccuracyLog>(
    SeqKind::kLiteralLength, format::kLiteralLengthDefaultNorm);
constexpr auto kPredefinedOffsets =
    make_predefined<29, format::kOffsetDefaultAccuracyLog>(SeqKind::kOffset, format::kOffsetDefaultNorm);
constexpr auto kPredefinedMatchLengths = make_predefined<53, format::kMatchLengthDefaultAccuracyLog>(
    SeqKind::kMatchLength, format::kMatchLengthDefaultNorm);

SeqSymbol* own_storage(SeqTableSet& set, SeqKind kind) {
  switch (kind) {
    case SeqKind::kLiteralLength: return set.ll_own.data();
    case SeqKind::kOffset: return set.of_own.data();
    case SeqKind::kMatchLength: break;
  }
  return set.ml_own.data();
}

SeqTable& current(SeqTableSet& set, SeqKind kind) {
  switch (kind) {
    case SeqKind::kLiteralLength: return set.ll;
    case SeqKind::kOffset: return set.of;
    case SeqKind::kMatchLength: break;
  }
  return set.ml;
}

Status select_table(SeqKind kind, format::SymbolMode mode, const std::uint8_t* src, std::size_t size,
                    SeqTableSet& set, std::size_t& consumed) {
  const KindInfo info = kind_info(kind);
  SeqTable& table = current(set, kind);
  consumed = 0;
  switch (mode) {
    case format::SymbolMode::kPredefined:
      table = predefined_seq_table(kind);
      return Status::success();
    case format::SymbolMode::kRle: {
      if (size < 1) return Status::fail(ErrorCode::kCorruptedData, "RLE sequence table byte missing");
      if (src[0] > info.max_symbol)
        return Status::fail(ErrorCode::kCorruptedData, "RLE code {v} exceeds the maximum {l}", src[0], info.max_symbol);
      SeqSymbol* out = own_storage(set, kind);
      out[0] = make_symbol(kind, src[0], 0, 0, 0);
      table = SeqTable{out, 0};
      consumed = 1;
      return Status::success();
    }
    case format::SymbolMode::kFse: {
      entropy::NormalizedCounts norm;
      ZSTDPP_TRY(entropy::read_fse_description(src, size, info.max_symbol, info.max_accuracy_log, norm, consumed));
      SeqSymbol* out = own_storage(set, kind);
      build_seq_table(kind, norm, out);
      table = SeqTable{out, norm.accuracy_log};
      return Status::success();
    }
    case format::SymbolMode::kRepeat:
      if (table.entries == nullptr)
        return Status::fail(ErrorCode::kCorruptedData, "repeat mode for a sequence table with no previous table");
      return Status::success();
  }
  return Status::success();
}

}  // namespace

void build_seq_table(SeqKind kind, const entropy::NormalizedCounts& norm, SeqSymbol* out) {
  std::uint8_t scratch[std::size_t{1} << entropy::kFseMaxAccuracyLog];
  entropy::build_fse_table(norm.counts.data(), norm.max_symbol, norm.accuracy_log, scratch,
                           [&](std::uint32_t state, std::uint8_t symbol, std::uint8_t nb_bits, std::uint16_t next) {
                             out[state] = make_symbol(kind, symbol, nb_bits, state, next);
                           });
}

SeqTable predefined_seq_table(SeqKind kind) {
  switch (kind) {
    case SeqKind::kLiteralLength:
      return {kPredefinedLiteralLengths.data(), format::kLiteralLengthDefaultAccuracyLog};
    case SeqKind::kOffset:
      return {kPredefinedOffsets.data(), format::kOffsetDefaultAccuracyLog};
    case SeqKind::kMatchLength:
      break;
  }
  return {kPredefinedMatchLengths.data(), format::kMatchLengthDefaultAccuracyLog};
}

Status read_sequences_header(const std::uint8_t* src, std::size_t size, SeqTableSet& tables, SequencesHeader& out) {
  if (size < 1) return Status::fail(ErrorCode::kCorruptedData, "sequences section missing");
  std::size_t pos = 0;
  const std::uint8_t b0 = src[pos++];
  if (b0 < 128) {
    out.num_sequences = b0;
  } else if (b0 < 255) {
    if (size < 2) return Status::fail(ErrorCode::kCorruptedData, "Number_of_Sequences truncated");
    out.num_sequences = (static_cast<std::size_t>(b0 - 128) << 8) + src[pos++];
  } else {
    if (size < 3) return Status::fail(ErrorCode::kCorruptedData, "Number_of_Sequences truncated");
    out.num_sequences = src[1] + (static_cast<std::size_t>(src[2]) << 8) + 0x7F00;
    pos += 2;
  }
  if (out.num_sequences == 0) {
    out.header_size = pos;
    return Status::success();
  }
  if (pos >= size) return Status::fail(ErrorCode::kCorruptedData, "Symbol_Compression_Modes byte missing");
  const std::uint8_t modes = src[pos++];
  if (modes & 3) return Status::fail(ErrorCode::kCorruptedData, "reserved bits set in Symbol_Compression_Modes");
  static constexpr SeqKind kOrder[3] = {SeqKind::kLiteralLength, SeqKind::kOffset, SeqKind::kMatchLength};
  for (unsigned i = 0; i < 3; ++i) {
    const auto mode = static_cast<format::SymbolMode>((modes >> (6 - 2 * i)) & 3);
    std::size_t consumed = 0;
    ZSTDPP_TRY(select_table(kOrder[i], mode, src + pos, size - pos, tables, consumed));
    pos += consumed;
  }
  out.header_size = pos;
  return Status::success();
}

}  // namespace zstdpp::decoder

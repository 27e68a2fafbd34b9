// Dictionary parsing (RFC 8878 section 5).
//
// Checks what a decoder relies on: every table description valid for its stream, and
// repeat offsets non-zero and within the content (a repeat offset is usable from the
// first sequence of a frame, so it must land inside the dictionary's content).
#include "dict/format/dictionary.hpp"

#include "common/format.hpp"
#include "common/mem.hpp"

namespace zstdpp::dict {

Status parse_dictionary(const std::uint8_t* src, std::size_t size, DictKind kind, ParsedDictionary& out) {
  out = ParsedDictionary{};
  const bool has_magic = size >= 8 && load_le32(src) == format::kDictionaryMagic;
  if (kind == DictKind::kRawContent || (kind == DictKind::kAuto && !has_magic)) {
    out.content = src;
    out.content_size = size;
    return Status::success();
  }
  if (!has_magic)
    return Status::fail(ErrorCode::kDictionaryCorrupted, "dictionary does not start with the zstd dictionary magic");

  out.has_entropy = true;
  out.id = load_le32(src + 4);
  std::size_t pos = 8;
  std::size_t consumed = 0;
  Status s = entropy::read_huffman_weights(src + pos, size - pos, out.literals, consumed);
  if (!s.ok()) {
    s.code = ErrorCode::kDictionaryCorrupted;
    return s;
  }
  pos += consumed;

  struct Table {
    entropy::NormalizedCounts* counts;
    unsigned max_symbol;
    unsigned max_log;
  };
  const Table tables[3] = {
      {&out.offsets, format::kMaxOffsetCode, format::kOffsetMaxAccuracyLog},
      {&out.match_lengths, format::kMaxMatchLengthCode, format::kMatchLengthMaxAccuracyLog},
      {&out.literal_lengths, format::kMaxLiteralLengthCode, format::kLiteralLengthMaxAccuracyLog},
  };
  for (const Table& t : tables) {
    s = entropy::read_fse_description(src + pos, size - pos, t.max_symbol, t.max_log, *t.counts, consumed);
    if (!s.ok()) {
      s.code = ErrorCode::kDictionaryCorrupted;
      return s;
    }
    pos += consumed;
  }
  if (size - pos < 12)
    return Status::fail(ErrorCode::kDictionaryCorrupted, "dictionary ends before its repeat offsets");
  for (unsigned i = 0; i < 3; ++i) out.repeat_offsets[i] = load_le32(src + pos + 4 * i);
  pos += 12;
  out.content = src + pos;
  out.content_size = size - pos;
  for (std::uint32_t rep : out.repeat_offsets) {
    if (rep == 0 || rep > out.content_size)
      return Status::fail(ErrorCode::kDictionaryCorrupted,
                          "dictionary repeat offset {v} is outside its {l} bytes of content", rep, out.content_size);
  }
  return Status::success();
}

}  // namespace zstdpp::dict

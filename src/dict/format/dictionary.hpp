// The zstd dictionary format (RFC 8878 section 5), codec-neutral.
//
// A zstd dictionary is: magic 0xEC30A437, a 4-byte Dictionary_ID, entropy tables (a
// Huffman tree description for literals, FSE descriptions for offsets, match lengths and
// literal lengths, in that order), three 4-byte repeat offsets, then content. Anything
// not starting with the magic is "raw content": history only, ID 0.
//
// parse_dictionary() reads the tables as distributions and weights, not as decode or
// encode tables, so the decoder and the encoder each build what they need from it.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "common/status.hpp"
#include "entropy/fse_decode.hpp"
#include "entropy/huf_decode.hpp"

namespace zstdpp::dict {

enum class DictKind : std::uint8_t { kAuto = 0, kRawContent = 1, kFull = 2 };

struct ParsedDictionary {
  bool has_entropy = false;  // false for raw content
  std::uint32_t id = 0;
  entropy::HuffmanWeights literals;
  entropy::NormalizedCounts offsets, match_lengths, literal_lengths;
  std::array<std::uint32_t, 3> repeat_offsets{1, 4, 8};
  const std::uint8_t* content = nullptr;  // points into the parsed bytes
  std::size_t content_size = 0;
};

// Parses `src` (which must outlive `out`, whose content points into it).
Status parse_dictionary(const std::uint8_t* src, std::size_t size, DictKind kind, ParsedDictionary& out);

}  // namespace zstdpp::dict

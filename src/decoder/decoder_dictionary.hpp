// A dictionary prepared for decoding: decode tables built once from the parsed
// dictionary, shared read-only by every frame and context that uses it.
#pragma once

#include <cstddef>
#include <cstdint>

#include "dict/format/dictionary.hpp"
#include "decoder/literals.hpp"
#include "decoder/sequence_exec.hpp"
#include "decoder/sequence_tables.hpp"

namespace zstdpp::decoder {

struct DecoderDictionary {
  std::uint32_t id = 0;
  const std::uint8_t* content = nullptr;  // owned by whoever owns the dictionary bytes
  std::size_t content_size = 0;
  bool has_entropy = false;
  entropy::HuffmanDecodeTable literals;
  SeqTableSet sequences;  // `own` arrays filled, `ll`/`of`/`ml` point at them
  RepeatOffsets repeat_offsets{1, 4, 8};
};

// Builds the decode tables of `parsed`. The result must not be copied or moved after
// this call (its table pointers point into itself): hold it behind a pointer.
void prepare_decoder_dictionary(const dict::ParsedDictionary& parsed, DecoderDictionary& out);

}  // namespace zstdpp::decoder

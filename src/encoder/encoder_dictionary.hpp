// A dictionary prepared for compression (RFC 8878 section 5): its content primes the
// history, its repeat offsets the first sequences, and its entropy tables are offered to
// the first block as "previous" tables (used only where they are cheaper than new ones).
// Built once from the parsed dictionary and shared read-only by every frame that uses it.
#pragma once

#include <cstddef>
#include <cstdint>

#include "dict/format/dictionary.hpp"
#include "encoder/entropy_stage.hpp"
#include "encoder/sequence_store.hpp"

namespace zstdpp::encoder {

struct EncoderDictionary {
  std::uint32_t id = 0;
  const std::uint8_t* content = nullptr;  // owned by whoever owns the dictionary bytes
  std::size_t content_size = 0;
  RepeatHistory repeat_offsets{1, 4, 8};
  EntropyTables tables;  // all invalid for raw content
};

// Builds the encoder's view of `parsed`. A table the dictionary carries that cannot encode
// (for instance a Huffman table longer than the encoder writes) is left out.
void prepare_encoder_dictionary(const dict::ParsedDictionary& parsed, EncoderDictionary& out);

}  // namespace zstdpp::encoder

// What a ZstdCompressionDict shares between its copies: the bytes, their parse, and the
// decode and encode tables (built once, used read-only by any number of contexts).
#pragma once

#include <memory>

#include <zstdpp/bytes.hpp>
#include <zstdpp/dict.hpp>

#include "decoder/decoder_dictionary.hpp"
#include "encoder/encoder_dictionary.hpp"
#include "dict/format/dictionary.hpp"

namespace zstdpp::detail {

struct DictionaryState {
  Bytes bytes;
  dict::ParsedDictionary parsed;  // points into `bytes`
  decoder::DecoderDictionary decoder;  // points into `bytes` and itself: never moved
  encoder::EncoderDictionary encoder;  // points into `bytes`
};

}  // namespace zstdpp::detail

// What a ZstdCompressionDict shares between its copies: the bytes, their parse, and the
// decode and encode tables (built once, used read-only by any number of contexts).
#pragma once

#include <memory>
#include <mutex>

#include <zstdpp/bytes.hpp>
#include <zstdpp/dict.hpp>

#include "decoder/decoder_dictionary.hpp"
#include "encoder/compressor.hpp"
#include "encoder/encoder_dictionary.hpp"
#include "dict/format/dictionary.hpp"

namespace zstdpp::detail {

struct DictionaryState {
  Bytes bytes;
  dict::ParsedDictionary parsed;  // points into `bytes`
  decoder::DecoderDictionary decoder;  // points into `bytes` and itself: never moved
  encoder::EncoderDictionary encoder;  // points into `bytes`

  // precompute_compress() results. Written under `primed_mutex`; a compressor takes a
  // shared_ptr copy at frame start, so a later precompute never frees tables in use.
  mutable std::mutex primed_mutex;
  mutable std::shared_ptr<const encoder::PrimedDictionary> primed;
  std::shared_ptr<const encoder::PrimedDictionary> primed_tables() const {
    std::lock_guard<std::mutex> lock(primed_mutex);
    return primed;
  }
};

}  // namespace zstdpp::detail

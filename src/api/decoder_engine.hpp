// What a ZstdDecompressor is inside, shared with its stream objects (src/api only).
//
// The engine lives on the heap, so a stream object keeps pointing at it when the
// ZstdDecompressor itself is moved. Stream objects call step() under their
// OperationLease, which resets the stream when taken and given back; the decompressor's
// public calls check that no lease is held first.
#pragma once

#include <zstdpp/decompressor.hpp>
#include <zstdpp/operation_lease.hpp>

#include "decoder/stream_decoder.hpp"

namespace zstdpp::detail {

class DecoderEngine {
 public:
  explicit DecoderEngine(const decoder::StreamOptions& options) : stream(options) {
    use.context = this;
    use.reset_context = [](void* engine) noexcept { static_cast<DecoderEngine*>(engine)->stream.reset(); };
  }
  DecoderEngine(const DecoderEngine&) = delete;  // `use` points at this engine
  DecoderEngine& operator=(const DecoderEngine&) = delete;
  // The streaming step of ZstdDecompressor::decompress_stream, without the busy checks.
  StreamProgress step(InBuffer& in, OutBuffer& out);

  decoder::StreamDecoder stream;
  UseState use;
};

struct DecompressorAccess {
  static DecoderEngine& engine(ZstdDecompressor& d) { return *d.engine_; }
};

}  // namespace zstdpp::detail

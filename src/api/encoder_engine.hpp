// What a ZstdCompressor is inside, shared with its stream objects (src/api only).
//
// The engine lives on the heap and holds everything, options included, so a stream object
// keeps pointing at it when the ZstdCompressor itself is moved. Stream objects call
// step() under their OperationLease, which abandons any frame in progress when taken and
// given back; the compressor's public calls check that no lease is held first.
#pragma once

#include <cstdint>
#include <memory>

#include <zstdpp/compressor.hpp>
#include <zstdpp/operation_lease.hpp>

#include "encoder/compressor.hpp"
#include "encoder/frame_writer.hpp"

namespace zstdpp::detail {

class EncoderEngine {
 public:
  explicit EncoderEngine(CompressorOptions o) : options(std::move(o)) {
    use.context = this;
    use.reset_context = [](void* engine) noexcept { static_cast<EncoderEngine*>(engine)->reset_stream(); };
  }
  EncoderEngine(const EncoderEngine&) = delete;  // `use` points at this engine
  EncoderEngine& operator=(const EncoderEngine&) = delete;

  // The streaming step of ZstdCompressor::compress_stream, without the busy checks.
  std::size_t step(InBuffer& in, OutBuffer& out, StreamMode mode);
  // One whole frame of `data` into `dst`, content size pledged; returns its size.
  std::size_t compress_frame(ByteView data, MutableByteView dst);
  // Takes the lease for `operation` (which abandons any frame in progress) and pledges the
  // first frame's content size (CONTENTSIZE_UNKNOWN: none).
  OperationLease begin_operation(const char* operation, std::uint64_t size);
  // The next frame's content size; kWrongState inside a frame.
  void set_pledged_input_size(std::uint64_t size);
  // Abandons a frame in progress.
  void reset_stream() noexcept;

  CompressorOptions options;
  encoder::FrameCompressor frame;
  std::shared_ptr<const encoder::PrimedDictionary> primed;  // kept alive for the frame
  bool in_frame = false;
  std::uint64_t pledged = CONTENTSIZE_UNKNOWN;
  std::uint64_t ingested = 0;
  UseState use;
};

struct CompressorAccess {
  static EncoderEngine& engine(ZstdCompressor& c) { return *c.engine_; }
};

}  // namespace zstdpp::detail

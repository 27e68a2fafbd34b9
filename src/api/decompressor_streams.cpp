// ZstdDecompressor's stream methods: decompressobj, stream_reader, stream_writer,
// read_to_iter and copy_stream, each a thin loop over the engine's streaming step.
//
// Every one takes the decompressor's OperationLease first (one operation at a time, as
// python-zstandard requires of a decompressor), validates its sizes, and resets the
// stream so that a frame abandoned by an earlier operation cannot leak into it.
// read_to_iter and copy_stream decode every frame of their input, as python-zstandard's
// do; a source that ends inside a frame is ZstdError(kTruncatedInput).
#include <zstdpp/decompressor.hpp>

#include <algorithm>
#include <string>

#include "api/decoder_engine.hpp"
#include "api/input_source.hpp"
#include "api/raise.hpp"

namespace zstdpp {
namespace {

void check_size(std::size_t size, const char* call, const char* name) {
  if (size == 0)
    api::raise(ErrorCode::kParameterOutOfBounds, std::string(call) + ": " + name + " must be positive");
}

// read_to_iter's producer: reads the source read_size bytes at a time (or decodes bytes
// in memory in place) and yields a chunk when it is full (write_size bytes) or when the
// input is used up with some output in it, so a chunk is never empty.
class DecompressChunks final : public ChunkRange::Producer {
 public:
  DecompressChunks(detail::DecoderEngine& engine, detail::OperationLease&& lease, Reader* source, ByteView memory,
                   std::size_t read_size, std::size_t write_size, std::size_t skip_bytes)
      : engine_(&engine), lease_(std::move(lease)), input_(source, memory, read_size), write_size_(write_size) {
    input_.skip(skip_bytes, "read_to_iter");
  }
  bool next(Bytes& chunk) override {
    detail::CallGuard guard(engine_->use, "read_to_iter");
    chunk.resize(write_size_);
    OutBuffer out{MutableByteView(chunk)};
    try {
      for (;;) {
        engine_->step(input_.in(), out);
        if (out.pos == out.dst.size()) break;
        if (!input_.used_up()) continue;  // stopped at a frame end: go on
        if (out.pos > 0) break;           // input used up: hand out what there is
        if (!input_.refill()) {
          if (!engine_->stream.at_frame_boundary())
            api::raise(ErrorCode::kTruncatedInput,
                       "read_to_iter: the compressed input ends inside a frame: the data is truncated");
          lease_.release();
          return false;
        }
      }
    } catch (...) {
      lease_.release();
      throw;
    }
    chunk.resize(out.pos);
    return true;
  }

 private:
  detail::DecoderEngine* engine_;
  detail::OperationLease lease_;
  api::InputSource input_;
  std::size_t write_size_;
};

void check_skip(std::size_t read_size, std::size_t write_size, std::size_t skip_bytes) {
  check_size(read_size, "read_to_iter", "read_size");
  check_size(write_size, "read_to_iter", "write_size");
  if (skip_bytes >= read_size)
    api::raise(ErrorCode::kParameterOutOfBounds, "read_to_iter: skip_bytes (" + std::to_string(skip_bytes) +
                                                     ") must be smaller than read_size (" +
                                                     std::to_string(read_size) + ")");
}

}  // namespace

ZstdDecompressionObj ZstdDecompressor::decompressobj(std::size_t write_size, bool read_across_frames) {
  check_size(write_size, "decompressobj", "write_size");
  detail::OperationLease lease(engine_->use, "decompressobj");
  return ZstdDecompressionObj(*engine_, std::move(lease), write_size, read_across_frames);
}

ZstdDecompressionWriter ZstdDecompressor::stream_writer(Writer& writer, std::size_t write_size,
                                                        bool write_return_read, bool closefd) {
  check_size(write_size, "stream_writer", "write_size");
  detail::OperationLease lease(engine_->use, "stream_writer");
  return ZstdDecompressionWriter(*engine_, std::move(lease), writer, write_size, write_return_read, closefd);
}

ChunkRange ZstdDecompressor::read_to_iter(Reader& reader, std::size_t read_size, std::size_t write_size,
                                          std::size_t skip_bytes) {
  check_skip(read_size, write_size, skip_bytes);
  detail::OperationLease lease(engine_->use, "read_to_iter");
  return ChunkRange(std::make_unique<DecompressChunks>(*engine_, std::move(lease), &reader, ByteView{}, read_size,
                                                       write_size, skip_bytes));
}

ChunkRange ZstdDecompressor::read_to_iter(ByteView data, std::size_t read_size, std::size_t write_size,
                                          std::size_t skip_bytes) {
  check_skip(read_size, write_size, skip_bytes);
  detail::OperationLease lease(engine_->use, "read_to_iter");
  return ChunkRange(std::make_unique<DecompressChunks>(*engine_, std::move(lease), nullptr, data, read_size,
                                                       write_size, skip_bytes));
}

CopyStreamResult ZstdDecompressor::copy_stream(Reader& ifh, Writer& ofh, std::size_t read_size,
                                               std::size_t write_size) {
  check_size(read_size, "copy_stream", "read_size");
  check_size(write_size, "copy_stream", "write_size");
  detail::OperationLease lease(engine_->use, "copy_stream");
  detail::CallGuard guard(engine_->use, "copy_stream");
  Bytes in_buffer(read_size), out_buffer(write_size);
  CopyStreamResult result;
  for (;;) {
    const std::size_t got = ifh.read(MutableByteView(in_buffer));
    if (got == 0) break;
    result.read += got;
    InBuffer in{ByteView(in_buffer.data(), got)};
    for (;;) {
      OutBuffer out{MutableByteView(out_buffer)};
      engine_->step(in, out);
      if (out.pos > 0) {
        ofh.write(ByteView(out_buffer.data(), out.pos));
        result.written += out.pos;
      }
      if (in.pos == in.src.size() && out.pos < out.dst.size()) break;
    }
  }
  if (!engine_->stream.at_frame_boundary())
    api::raise(ErrorCode::kTruncatedInput, "copy_stream: the compressed input ends inside a frame (after " +
                                               std::to_string(result.read) + " bytes): the data is truncated");
  return result;
}

ZstdDecompressionReader ZstdDecompressor::stream_reader(Reader& source, std::size_t read_size, bool read_across_frames,
                                                        bool closefd) {
  check_size(read_size, "stream_reader", "read_size");
  detail::OperationLease lease(engine_->use, "stream_reader");
  return ZstdDecompressionReader(*engine_, std::move(lease), &source, {}, read_size, read_across_frames, closefd);
}

ZstdDecompressionReader ZstdDecompressor::stream_reader(ByteView source, std::size_t read_size,
                                                        bool read_across_frames) {
  check_size(read_size, "stream_reader", "read_size");
  detail::OperationLease lease(engine_->use, "stream_reader");
  return ZstdDecompressionReader(*engine_, std::move(lease), nullptr, source, read_size, read_across_frames, false);
}

}  // namespace zstdpp

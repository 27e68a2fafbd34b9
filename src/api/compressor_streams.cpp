// ZstdCompressor's stream methods: stream_writer, stream_reader, read_to_iter,
// copy_stream and chunker, with python-zstandard's defaults and argument rules.
//
// Every method takes the compressor's OperationLease first (so a second operation is
// refused before anything changes), then starts a fresh frame with the pledged size. The
// stream objects keep an EncoderEngine*, not the ZstdCompressor, so they survive a move
// of the compressor.
#include <zstdpp/compressor.hpp>

#include <memory>
#include <string>

#include <zstdpp/compression_chunker.hpp>
#include <zstdpp/compression_reader.hpp>

#include "api/encoder_engine.hpp"
#include "api/input_source.hpp"
#include "api/raise.hpp"

namespace zstdpp {
namespace {

void check_size_argument(std::size_t value, const char* method, const char* name) {
  if (value == 0)
    api::raise(ErrorCode::kParameterOutOfBounds,
               std::string(method) + ": " + name + " must be greater than 0");
}

// read_to_iter's producer: reads the source read_size bytes at a time (or compresses
// bytes in memory in place) and yields a chunk when it is full (write_size bytes) or when
// the input read so far is used up with some output in it, so a chunk is never empty;
// once the source has ended it ends the frame.
class CompressChunks final : public ChunkRange::Producer {
 public:
  CompressChunks(detail::EncoderEngine& engine, detail::OperationLease&& lease, Reader* source, ByteView memory,
                 std::size_t read_size, std::size_t write_size)
      : engine_(&engine), lease_(std::move(lease)), input_(source, memory, read_size), write_size_(write_size) {}

  bool next(Bytes& chunk) override {
    if (finished_) return false;
    detail::CallGuard guard(engine_->use, "read_to_iter");
    chunk.resize(write_size_);
    OutBuffer out{MutableByteView(chunk)};
    try {
      while (out.pos < out.dst.size()) {
        if (input_.done()) {
          if (engine_->step(input_.in(), out, StreamMode::FLUSH_FRAME) == 0) {
            finished_ = true;
            lease_.release();
            break;
          }
          continue;
        }
        engine_->step(input_.in(), out, StreamMode::CONTINUE);
        if (out.pos > 0) break;  // full, or the input is used up: hand out what there is
        input_.refill();         // at the source's end, done(): the next step ends the frame
      }
    } catch (...) {
      finished_ = true;
      lease_.release();  // abandons the frame
      throw;
    }
    chunk.resize(out.pos);
    return !chunk.empty();
  }

 private:
  detail::EncoderEngine* engine_;
  detail::OperationLease lease_;
  api::InputSource input_;
  std::size_t write_size_;
  bool finished_ = false;
};

}  // namespace

ZstdCompressionReader ZstdCompressor::stream_reader(Reader& source, std::uint64_t size, std::size_t read_size,
                                                    bool closefd) {
  check_size_argument(read_size, "stream_reader", "read_size");
  return ZstdCompressionReader(*engine_, engine_->begin_operation("stream_reader", size), &source, {}, read_size,
                               closefd);
}

ZstdCompressionReader ZstdCompressor::stream_reader(ByteView source, std::size_t read_size) {
  check_size_argument(read_size, "stream_reader", "read_size");
  return ZstdCompressionReader(*engine_, engine_->begin_operation("stream_reader", source.size()), nullptr, source,
                               read_size, false);
}

ZstdCompressionChunker ZstdCompressor::chunker(std::uint64_t size, std::size_t chunk_size) {
  check_size_argument(chunk_size, "chunker", "chunk_size");
  return ZstdCompressionChunker(*engine_, engine_->begin_operation("chunker", size), chunk_size);
}

ChunkRange ZstdCompressor::read_to_iter(Reader& reader, std::uint64_t size, std::size_t read_size,
                                        std::size_t write_size) {
  check_size_argument(read_size, "read_to_iter", "read_size");
  check_size_argument(write_size, "read_to_iter", "write_size");
  return ChunkRange(std::make_unique<CompressChunks>(*engine_, engine_->begin_operation("read_to_iter", size),
                                                     &reader, ByteView{}, read_size, write_size));
}

ChunkRange ZstdCompressor::read_to_iter(ByteView data, std::size_t read_size, std::size_t write_size) {
  check_size_argument(read_size, "read_to_iter", "read_size");
  check_size_argument(write_size, "read_to_iter", "write_size");
  return ChunkRange(std::make_unique<CompressChunks>(*engine_, engine_->begin_operation("read_to_iter", data.size()),
                                                     nullptr, data, read_size, write_size));
}

CopyStreamResult ZstdCompressor::copy_stream(Reader& ifh, Writer& ofh, std::uint64_t size, std::size_t read_size,
                                             std::size_t write_size) {
  check_size_argument(read_size, "copy_stream", "read_size");
  check_size_argument(write_size, "copy_stream", "write_size");
  detail::OperationLease lease = engine_->begin_operation("copy_stream", size);
  detail::CallGuard guard(engine_->use, "copy_stream");
  Bytes in_buffer(read_size), out_buffer(write_size);
  CopyStreamResult result;
  OutBuffer out{MutableByteView(out_buffer)};
  const auto drain = [&] {
    ofh.write(ByteView(out_buffer.data(), out.pos));
    result.written += out.pos;
    out.pos = 0;
  };
  for (;;) {
    const std::size_t got = ifh.read(MutableByteView(in_buffer));
    result.read += got;
    InBuffer in{ByteView(in_buffer.data(), got)};
    const StreamMode mode = got == 0 ? StreamMode::FLUSH_FRAME : StreamMode::CONTINUE;
    for (;;) {
      const std::size_t remaining = engine_->step(in, out, mode);
      if (out.pos == out.dst.size()) drain();
      if (mode == StreamMode::CONTINUE ? in.pos == in.src.size() : remaining == 0) break;
    }
    if (got == 0) break;
  }
  if (out.pos > 0) drain();
  return result;
}

ZstdCompressionWriter ZstdCompressor::stream_writer(Writer& writer, std::uint64_t size, std::size_t write_size,
                                                    bool write_return_read, bool closefd) {
  check_size_argument(write_size, "stream_writer", "write_size");
  return ZstdCompressionWriter(*engine_, engine_->begin_operation("stream_writer", size), writer, write_size,
                               write_return_read, closefd);
}

}  // namespace zstdpp

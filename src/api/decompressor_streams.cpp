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
#include "api/raise.hpp"

namespace zstdpp {
namespace {

void check_size(std::size_t size, const char* call, const char* name) {
  if (size == 0)
    api::raise(ErrorCode::kParameterOutOfBounds, std::string(call) + ": " + name + " must be positive");
}

}  // namespace

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

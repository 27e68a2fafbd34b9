// ZstdDecompressionReader: python-zstandard's stream_reader() object on the decompressor
// side, a Reader whose bytes are the decompressed form of a source's bytes.
//
//   zstdpp::PathReader file("data.zst");
//   zstdpp::ZstdDecompressionReader r = decompressor.stream_reader(file);
//   zstdpp::Bytes head = r.read(100);     // up to 100 decompressed bytes
//   r.seek(1 << 20, SEEK_SET);            // forward only: reads and discards
//   zstdpp::Bytes rest = r.readall();
//
// How it works: compressed input is pulled from the source read_size bytes at a time into
// one buffer (one virtual call per chunk, never per byte) and the decompressor's streaming
// step decodes from that buffer straight into the caller's destination, so no output is
// copied twice. A source given as bytes in memory is decoded in place, with no buffer.
//
// Frames: with read_across_frames false (python-zstandard's default) the stream ends at
// the end of the first frame, as libzstd's streaming call stops there (a skippable frame
// counts as a frame, as it does there); bytes after it are never read. With
// read_across_frames true it continues through every frame, skippable frames included,
// until the source ends. A source that ends inside a frame is ZstdError(kTruncatedInput):
// truncated data is never passed off as a complete stream.
//
// Seeking: forward only, by reading and discarding (SEEK_SET to a position >= tell(),
// SEEK_CUR with an offset >= 0). Backwards and SEEK_END would need the data again or its
// total size, which a stream does not have: both are ZstdError(kWrongState) naming why.
// seekable() is false, as python-zstandard answers, since random access is not offered.
//
// Lifetime: the reader holds its decompressor's lease (other operations on that
// decompressor are refused) until the stream ends, it is closed or destroyed; the
// decompressor and the source must outlive it. Destruction closes it (RAII for
// python's `with`): with closefd, the source is closed too.
//
// Thread safety: one reader must not be used from two threads at once (detected where
// cheap: a second concurrent call is ZstdError(kWrongState)).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <memory>

#include <zstdpp/bytes.hpp>
#include <zstdpp/io.hpp>
#include <zstdpp/stream_reader_base.hpp>

namespace zstdpp {

class ZstdDecompressor;
namespace detail {
class DecoderEngine;
class OperationLease;
}  // namespace detail

/// A Reader of decompressed bytes over a Reader (or bytes in memory) of compressed ones;
/// made by ZstdDecompressor::stream_reader(). Move-only. Not thread-safe: one thread at
/// a time (a concurrent second call is detected and refused).
class ZstdDecompressionReader final : public StreamReaderBase {
 public:
  ~ZstdDecompressionReader() override;
  ZstdDecompressionReader(ZstdDecompressionReader&&) noexcept;
  ZstdDecompressionReader& operator=(ZstdDecompressionReader&&) noexcept;

  // read, read1 (size < 0: up to DECOMPRESSION_RECOMMENDED_OUTPUT_SIZE), readinto,
  // readinto1, readall: see StreamReaderBase. read1 comes back empty before the end when
  // its one read of the source gave only part of a block.

  /// Decompressed bytes handed out so far (seek() counts the bytes it discards).
  std::uint64_t tell() const;
  /// Moves forward by reading and discarding: whence SEEK_SET with pos >= tell(), or
  /// SEEK_CUR with pos >= 0; returns the new position (short of the target only when the
  /// stream ends first). Backwards or SEEK_END: ZstdError(kWrongState); another whence:
  /// kParameterOutOfBounds.
  std::uint64_t seek(std::int64_t pos, int whence = SEEK_SET);

  /// Ends the stream: releases the decompressor and, with closefd, closes the source.
  /// Idempotent. Any read or seek afterwards is ZstdError(kWrongState).
  void close() override;
  bool closed() const;
  bool eof() const override;

 private:
  friend class ZstdDecompressor;
  struct State;
  ZstdDecompressionReader(detail::DecoderEngine& engine, detail::OperationLease&& lease, Reader* source,
                          ByteView memory, std::size_t read_size, bool read_across_frames, bool closefd);
  /// Decodes into `dst`; with `single_read`, reads the source at most once.
  std::size_t fill(MutableByteView dst, bool single_read, const char* call) override;
  std::unique_ptr<State> state_;
};

}  // namespace zstdpp

// ZstdCompressionReader: python-zstandard's stream_reader() object on the compressor side,
// a Reader whose bytes are one Zstandard frame holding a source's bytes.
//
//   zstdpp::PathReader file("data.txt");
//   zstdpp::ZstdCompressionReader r = compressor.stream_reader(file, file_size);
//   zstdpp::Bytes frame = r.readall();
//
// How it works: input is pulled from the source read_size bytes at a time into one buffer
// (one virtual call per chunk) and the compressor's streaming step writes straight into
// the caller's destination. When the source ends, the frame is ended; the stream then
// ends too (one frame per reader, as python-zstandard). A source given as bytes in memory
// is compressed in place, with no buffer.
//
// Lifetime: the reader holds its compressor's lease (other operations on that compressor
// are refused) until the frame has been read to its end, the reader is closed or is
// destroyed; the compressor and the source must outlive it. Destruction closes it (RAII
// for python's `with`): with closefd, the source is closed too.
//
// Thread safety: one reader must not be used from two threads at once (detected where
// cheap: a second concurrent call is ZstdError(kWrongState)).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>

#include <zstdpp/bytes.hpp>
#include <zstdpp/io.hpp>
#include <zstdpp/stream_reader_base.hpp>

namespace zstdpp {

namespace detail {
class EncoderEngine;
class OperationLease;
}  // namespace detail

/// A Reader of one compressed frame over a Reader (or bytes in memory) of the content;
/// made by ZstdCompressor::stream_reader(). Move-only. Not seekable.
class ZstdCompressionReader final : public StreamReaderBase {
 public:
  ~ZstdCompressionReader() override;
  ZstdCompressionReader(ZstdCompressionReader&&) noexcept;
  ZstdCompressionReader& operator=(ZstdCompressionReader&&) noexcept;

  // read, read1 (size < 0: up to COMPRESSION_RECOMMENDED_OUTPUT_SIZE), readinto,
  // readinto1, readall: see StreamReaderBase. read1 often comes back empty before the end:
  // the compressor holds input back until it has a block's worth.

  /// Compressed bytes handed out so far.
  std::uint64_t tell() const;

  /// Ends the stream: releases the compressor (an unfinished frame is abandoned) and, with
  /// closefd, closes the source. Idempotent. Any read afterwards is ZstdError(kWrongState).
  void close() override;
  bool closed() const;
  bool eof() const override;

 private:
  friend class ZstdCompressor;
  struct State;
  ZstdCompressionReader(detail::EncoderEngine& engine, detail::OperationLease&& lease, Reader* source,
                        ByteView memory, std::size_t read_size, bool closefd);
  std::size_t fill(MutableByteView dst, bool single_read, const char* call) override;
  std::unique_ptr<State> state_;
};

}  // namespace zstdpp

// ZstdDecompressionWriter: python-zstandard's stream_writer() on the decompressor side, a
// Writer that decompresses what is written to it into another Writer.
//
//   zstdpp::PathWriter file("data.bin");
//   auto w = decompressor.stream_writer(file);
//   w.write(compressed_piece);   // any pieces; returns the compressed bytes taken
//   w.close();                   // closes `file` too (closefd)
//
// Each write() decodes all of its input at once, handing the inner writer pieces of at
// most write_size bytes from one output buffer (one virtual call per piece, never per
// byte); nothing decoded is held back, so every byte a write() decoded has reached the
// inner writer when it returns. Many frames one after another are decoded in turn,
// skippable frames skipped.
//
// Closing in the middle of a frame: python-zstandard's close() does not check, but a
// stream that stops inside a frame is truncated data. close() still flushes and closes
// everything (nothing decoded is lost: it was all written already), then reports the
// truncation as ZstdError(kTruncatedInput) so it is never silent. The destructor closes
// and never throws (call close() to see its errors).
//
// A failing inner writer: its exception reaches the caller of write(); the decoded piece
// it refused is lost, so the stream is broken from then on: later writes and flushes are
// ZstdError(kWrongState) saying so (close() still closes).
//
// Lifetime: holds its decompressor's lease until closed or destroyed; the decompressor
// and the inner writer must outlive it. Thread safety: not to be used from two threads at
// once (a concurrent second call is detected and refused).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>

#include <zstdpp/bytes.hpp>
#include <zstdpp/io.hpp>

namespace zstdpp {

class ZstdDecompressor;
namespace detail {
class DecoderEngine;
class OperationLease;
}  // namespace detail

/// A Writer decompressing into another Writer; made by ZstdDecompressor::stream_writer().
/// Move-only. Not thread-safe: one thread at a time.
class ZstdDecompressionWriter : public Writer {
 public:
  ~ZstdDecompressionWriter() override;
  ZstdDecompressionWriter(ZstdDecompressionWriter&&) noexcept;
  ZstdDecompressionWriter& operator=(ZstdDecompressionWriter&&) noexcept;

  /// Decodes all of `src`, writing the output on; returns src.size() with
  /// write_return_read (the default), else the decompressed bytes written on by this call.
  std::size_t write(ByteView src) override;
  /// Flushes the inner writer (all decoded output has already been written to it).
  void flush() override;
  /// Flushes, releases the decompressor and, with closefd, closes the inner writer;
  /// idempotent. Closing inside a frame: everything is closed, then
  /// ZstdError(kTruncatedInput) reports it.
  void close() override;
  bool closed() const;
  /// Decompressed bytes written to the inner writer so far.
  std::uint64_t tell() const;
  /// Bytes of memory the decompression context and this writer's buffer hold.
  std::size_t memory_size() const;
  bool readable() const { return false; }
  bool writable() const { return true; }
  bool seekable() const { return false; }

 private:
  friend class ZstdDecompressor;
  struct State;
  ZstdDecompressionWriter(detail::DecoderEngine& engine, detail::OperationLease&& lease, Writer& writer,
                          std::size_t write_size, bool write_return_read, bool closefd);
  std::unique_ptr<State> state_;
};

}  // namespace zstdpp

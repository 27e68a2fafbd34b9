// ZstdCompressionWriter: python-zstandard's stream_writer, a Writer that compresses what
// is written to it and passes the compressed bytes on to another Writer.
//
//   zstdpp::Bytes out;
//   zstdpp::VectorWriter sink(out);
//   {
//     auto w = compressor.stream_writer(sink);
//     w.write(part1);
//     w.write(part2);
//     w.close();                        // ends the frame (the destructor would too)
//   }
//
// Why it is shaped so: compressed output collects in one buffer of write_size bytes and
// goes to the inner writer when that buffer is full or a flush asks for it, so a program
// writing many small pieces makes one virtual call per write_size bytes, not one per
// piece. flush(FLUSH_BLOCK) makes everything written so far decodable; flush(FLUSH_FRAME)
// ends the frame, and a later write() starts a new one, so one writer can produce many
// frames. The pledged `size` applies to the first frame only (python-zstandard's rule):
// later frames have no content size in their header.
//
// Errors: an error of the engine (for example more or fewer bytes than the pledged size)
// or of the inner writer reaches the caller; the frame in progress is then abandoned, and
// the writer refuses further write() and flush() with kWrongState. close() still closes
// the inner writer (with closefd) and releases the compressor.
#pragma once

#include <cstddef>
#include <cstdint>

#include <zstdpp/bytes.hpp>
#include <zstdpp/constants.hpp>
#include <zstdpp/io.hpp>
#include <zstdpp/operation_lease.hpp>

namespace zstdpp {

namespace detail {
class EncoderEngine;
}

/// A Writer compressing into another Writer (ZstdCompressor::stream_writer).
///
/// It holds its ZstdCompressor from creation until close() or destruction: the
/// compressor must outlive it and refuses other operations meanwhile (it may be moved).
/// Thread safety: one thread at a time; a second thread calling into the same writer (or
/// its compressor) while a call is in progress gets ZstdError(kWrongState).
class ZstdCompressionWriter final : public Writer {
 public:
  /// Closes (ending the frame) if close() was not called. It never throws: errors are
  /// swallowed, so a caller who wants to see a final error (a failing inner writer, a
  /// pledged size not reached) calls close() itself.
  ~ZstdCompressionWriter() override;
  ZstdCompressionWriter(ZstdCompressionWriter&& other) noexcept;
  ZstdCompressionWriter& operator=(ZstdCompressionWriter&& other) noexcept;
  ZstdCompressionWriter(const ZstdCompressionWriter&) = delete;
  ZstdCompressionWriter& operator=(const ZstdCompressionWriter&) = delete;

  /// Compresses all of `data`. Returns data.size() with write_return_read, else the
  /// compressed bytes passed to the inner writer during this call (often 0: output is
  /// buffered). After close(): kWrongState.
  std::size_t write(ByteView data) override;

  /// FLUSH_BLOCK: everything written so far becomes decodable (the frame goes on).
  /// FLUSH_FRAME: ends the frame; the next write() begins another. Writes the buffered
  /// output on, then flushes the inner writer. Returns the compressed bytes written on
  /// during this call. A flush with nothing written since the frame ended does nothing.
  std::size_t flush(int flush_mode);
  /// flush(FLUSH_BLOCK).
  void flush() override;

  /// Ends the frame (flush(FLUSH_FRAME), also when nothing was written: an empty frame),
  /// closes the inner writer when closefd, and releases the compressor. Idempotent.
  void close() override;
  /// True after close().
  bool closed() const { return closed_; }

  /// Compressed bytes produced so far (the position in the compressed stream), including
  /// those still buffered.
  std::uint64_t tell() const { return produced_; }
  /// Bytes of memory held: the compression context and the output buffer.
  std::size_t memory_size() const;

  /// As Python's io: a writer is writable only, and not seekable.
  bool readable() const { return false; }
  bool writable() const { return true; }
  bool seekable() const { return false; }

 private:
  friend class ZstdCompressor;
  ZstdCompressionWriter(detail::EncoderEngine& engine, detail::OperationLease lease, Writer& inner,
                        std::size_t write_size, bool write_return_read, bool closefd);

  void check_usable(const char* call) const;
  /// Runs the engine in `mode` until `in` is consumed (and, for a flush, nothing is left
  /// to flush), handing full buffers to the inner writer; returns the bytes written on.
  std::size_t drive(InBuffer& in, StreamMode mode);
  std::size_t drain();
  void destroy() noexcept;

  detail::EncoderEngine* engine_ = nullptr;  ///< null once moved from
  detail::OperationLease lease_;
  Writer* inner_ = nullptr;
  Bytes out_;                  ///< write_size bytes; out_[0, out_pos_) not yet written on
  std::size_t out_pos_ = 0;
  std::uint64_t produced_ = 0;
  bool write_return_read_ = true;
  bool closefd_ = true;
  bool frame_open_ = true;     ///< a frame is begun (or due: a new writer owes one frame)
  bool failed_ = false;        ///< an error abandoned the frame
  bool closed_ = false;
};

}  // namespace zstdpp

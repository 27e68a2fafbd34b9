// ZstdCompressor: writing Zstandard frames, as python-zstandard's object of that name.
//
//   zstdpp::ZstdCompressor c({.level = 3});
//   zstdpp::Bytes frame = c.compress(data);                  // content size in the header
//
//   auto obj = c.compressobj();                              // incremental
//   zstdpp::Bytes part = obj.compress(chunk);
//   zstdpp::Bytes tail = obj.flush();                        // COMPRESSOBJ_FLUSH_FINISH
//
// Streaming: compress_stream() is the one call every stream object loops over, in the
// modes of Python's compression.zstd: CONTINUE, FLUSH_BLOCK, FLUSH_FRAME. A frame starts
// with the first call after the previous one ended; set_pledged_input_size() before it
// writes the content size into the header (and makes a different size an error).
//
// One compressor holds one compression context: use it for one operation at a time, not
// from two threads at once.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>

#include <zstdpp/buffers.hpp>
#include <zstdpp/bytes.hpp>
#include <zstdpp/chunk_range.hpp>
#include <zstdpp/compression_chunker.hpp>
#include <zstdpp/compression_reader.hpp>
#include <zstdpp/compression_writer.hpp>
#include <zstdpp/constants.hpp>
#include <zstdpp/dict.hpp>
#include <zstdpp/io.hpp>
#include <zstdpp/operation_lease.hpp>
#include <zstdpp/parameters.hpp>

namespace zstdpp {

namespace detail {
class EncoderEngine;
struct CompressorAccess;
}

struct CompressorOptions {
  /// Compression level (-131072..22); default 3. Exclusive with compression_params.
  std::optional<int> level;
  std::optional<ZstdCompressionDict> dict_data;
  /// Every parameter explicitly; exclusive with level, write_* and threads.
  std::optional<ZstdCompressionParameters> compression_params;
  std::optional<bool> write_checksum;      ///< default false
  std::optional<bool> write_content_size;  ///< default true: written whenever the size is known
  std::optional<bool> write_dict_id;       ///< default true
  std::optional<int> threads;              ///< default 0 (multithreading: not built yet)
};


struct FrameProgression {
  std::uint64_t ingested = 0;  ///< input bytes taken in
  std::uint64_t consumed = 0;  ///< input bytes compressed
  std::uint64_t produced = 0;  ///< output bytes handed out
};

class ZstdCompressionObj;

class ZstdCompressor {
 public:
  /// Throws ZstdError (kParameterOutOfBounds) for a bad or conflicting option, and
  /// kNotImplemented for an option whose machinery is not built yet.
  explicit ZstdCompressor(CompressorOptions options = {});
  ~ZstdCompressor();
  ZstdCompressor(ZstdCompressor&&) noexcept;
  ZstdCompressor& operator=(ZstdCompressor&&) noexcept;

  /// One frame holding `data`, with its content size in the header.
  Bytes compress(ByteView data);
  /// The same into a caller's buffer; returns the frame size. Needs compress_bound(size).
  std::size_t compress_into(ByteView data, MutableByteView dst);

  /// Streaming step (see the file comment). Returns the bytes still to flush for `mode`'s
  /// goal: 0 when reached (for FLUSH_FRAME: the frame is complete).
  std::size_t compress_stream(InBuffer& in, OutBuffer& out, StreamMode mode = StreamMode::CONTINUE);
  /// The next frame's content size (CONTENTSIZE_UNKNOWN: none); only between frames.
  void set_pledged_input_size(std::uint64_t size);
  /// Abandons a frame in progress.
  void reset_stream();

  /// Incremental compression of one frame of `size` bytes (CONTENTSIZE_UNKNOWN: not
  /// known; a known size is written into the header and enforced).
  ZstdCompressionObj compressobj(std::uint64_t size = CONTENTSIZE_UNKNOWN);

  /// A Writer that compresses what is written to it into `writer`. `size`: the content
  /// size of the first frame when known. `write_size`: bytes buffered before a write to
  /// `writer`. write_return_read: write() returns the input bytes taken (else the
  /// compressed bytes written on). closefd: close() closes `writer` too.
  ZstdCompressionWriter stream_writer(Writer& writer, std::uint64_t size = CONTENTSIZE_UNKNOWN,
                                      std::size_t write_size = COMPRESSION_RECOMMENDED_OUTPUT_SIZE,
                                      bool write_return_read = true, bool closefd = true);

  /// A Reader of one frame holding `source`'s bytes. `size`: the content size when known
  /// (written into the header and enforced). `read_size`: bytes asked of `source` at a
  /// time. closefd: close() closes `source` too.
  ZstdCompressionReader stream_reader(Reader& source, std::uint64_t size = CONTENTSIZE_UNKNOWN,
                                      std::size_t read_size = COMPRESSION_RECOMMENDED_INPUT_SIZE,
                                      bool closefd = true);
  /// The same over bytes in memory (borrowed); their size is the content size.
  ZstdCompressionReader stream_reader(ByteView source, std::size_t read_size = COMPRESSION_RECOMMENDED_INPUT_SIZE);

  /// One frame of `size` bytes (CONTENTSIZE_UNKNOWN: not known) compressed into chunks of
  /// exactly `chunk_size` bytes, the last of each flush() or finish() possibly shorter.
  ZstdCompressionChunker chunker(std::uint64_t size = CONTENTSIZE_UNKNOWN,
                                 std::size_t chunk_size = COMPRESSION_RECOMMENDED_OUTPUT_SIZE);

  /// Compresses all of `reader` into one frame, as a range of chunks of at most
  /// `write_size` bytes (never empty). `size`: the content size when known.
  ChunkRange read_to_iter(Reader& reader, std::uint64_t size = CONTENTSIZE_UNKNOWN,
                          std::size_t read_size = COMPRESSION_RECOMMENDED_INPUT_SIZE,
                          std::size_t write_size = COMPRESSION_RECOMMENDED_OUTPUT_SIZE);
  /// The same over bytes in memory (borrowed); their size is the content size.
  ChunkRange read_to_iter(ByteView data, std::size_t read_size = COMPRESSION_RECOMMENDED_INPUT_SIZE,
                          std::size_t write_size = COMPRESSION_RECOMMENDED_OUTPUT_SIZE);

  /// Compresses all of `ifh` into one frame written to `ofh` in pieces of up to
  /// `write_size` bytes; returns (bytes read, bytes written). `size`: the content size
  /// when known.
  CopyStreamResult copy_stream(Reader& ifh, Writer& ofh, std::uint64_t size = CONTENTSIZE_UNKNOWN,
                               std::size_t read_size = COMPRESSION_RECOMMENDED_INPUT_SIZE,
                               std::size_t write_size = COMPRESSION_RECOMMENDED_OUTPUT_SIZE);

  /// Compresses each input into a frame of its own (content size in the header unless
  /// write_content_size is false), in input order, over `threads` threads (0 or 1: the
  /// calling thread; negative: one per CPU; never more than the inputs). The calling
  /// thread uses this compressor's context, each other thread one of its own built from
  /// the same options, so the frames are those compress() gives, whatever the form of
  /// the inputs and the thread count. The result holds one buffer per thread, its
  /// segments in input order. No inputs: ZstdError(kParameterOutOfBounds); a stream object
  /// holding the compressor: kWrongState. When inputs fail, the error of the lowest
  /// failing index is thrown, whatever the thread count, its message naming it
  /// ("multi_compress_to_buffer: input 7: ...").
  BufferWithSegmentsCollection multi_compress_to_buffer(const BufferWithSegments& inputs, int threads = 0);
  BufferWithSegmentsCollection multi_compress_to_buffer(const BufferWithSegmentsCollection& inputs, int threads = 0);
  BufferWithSegmentsCollection multi_compress_to_buffer(std::span<const ByteView> inputs, int threads = 0);

  FrameProgression frame_progression() const;
  std::size_t memory_size() const;

 private:
  friend struct detail::CompressorAccess;
  std::unique_ptr<detail::EncoderEngine> engine_;
};

/// Incremental compression of one frame (python-zstandard's ZstdCompressionObj).
class ZstdCompressionObj {
 public:
  /// Compresses `data`; returns whatever output is ready (possibly nothing).
  Bytes compress(ByteView data);
  /// COMPRESSOBJ_FLUSH_FINISH: ends the frame (then the object is finished);
  /// COMPRESSOBJ_FLUSH_BLOCK: emits everything buffered as complete blocks.
  Bytes flush(int mode = COMPRESSOBJ_FLUSH_FINISH);

 private:
  friend class ZstdCompressor;
  ZstdCompressionObj(detail::EncoderEngine& engine, detail::OperationLease lease)
      : engine_(&engine), lease_(std::move(lease)) {}
  Bytes drive(ByteView data, StreamMode mode);
  detail::EncoderEngine* engine_;
  detail::OperationLease lease_;
  bool finished_ = false;
};

/// Largest frame compress() (or streaming without FLUSH_BLOCK) produces for `size` input
/// bytes. Each FLUSH_BLOCK may end a block early and add a 3-byte block header beyond it.
std::size_t compress_bound(std::size_t size);

}  // namespace zstdpp

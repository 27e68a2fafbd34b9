// ZstdDecompressor: decoding Zstandard frames, as python-zstandard's object of that name.
//
// One decompressor owns one decoding context (window buffer, entropy tables). It may be
// reused for any number of operations one after another, but not from two threads at once.
//
//   zstdpp::ZstdDecompressor d;
//   zstdpp::Bytes out = d.decompress(frame);                     // content size in header
//   zstdpp::Bytes big = d.decompress(frame, {.max_output_size = 1 << 20});
//
// Streaming: decompress_stream() is the one call every stream object loops over. It
// consumes input and produces output in pieces of any size, with memory bounded by the
// frame's window plus one block, and stops at each frame's end so callers can tell where
// a frame ended.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>

#include <span>

#include <zstdpp/buffers.hpp>
#include <zstdpp/bytes.hpp>
#include <zstdpp/chunk_range.hpp>
#include <zstdpp/constants.hpp>
#include <zstdpp/decompression_obj.hpp>
#include <zstdpp/decompression_reader.hpp>
#include <zstdpp/decompression_writer.hpp>
#include <zstdpp/dict.hpp>
#include <zstdpp/io.hpp>

namespace zstdpp {

namespace detail {
class DecoderEngine;
struct DecompressorAccess;
}

struct DecompressorOptions {
  std::optional<ZstdCompressionDict> dict_data;
  /// Largest window a frame may ask for; 0 means DEFAULT_MAX_WINDOW_SIZE (128 MiB).
  std::uint64_t max_window_size = 0;
  Format format = FORMAT_ZSTD1;
  /// Skip the XXH64 content checksum check (the checksum is still read).
  bool skip_checksum = false;
  /// Use the portable kernels even where the CPU offers faster ones (BMI2), e.g. to
  /// benchmark the two paths side by side.
  bool force_portable = false;
};

struct DecompressOptions {
  /// Output limit; required when the frame header has no content size. 0: none given.
  std::size_t max_output_size = 0;
  /// Decode every frame in `data` (concatenated output) instead of the first only.
  bool read_across_frames = false;
  /// When false, bytes after the decoded frame(s) are an error.
  bool allow_extra_data = true;
};

struct StreamProgress {
  /// True when the call stopped at the end of a frame (zstd or skippable): in.pos is just
  /// past it, and all of its content has been written to `out`.
  bool frame_done = false;
  /// Bytes of input that would let the decoder make progress; 0 right after a frame end.
  std::size_t input_hint = 0;
};

class ZstdDecompressor {
 public:
  explicit ZstdDecompressor(DecompressorOptions options = {});
  ~ZstdDecompressor();
  ZstdDecompressor(ZstdDecompressor&&) noexcept;
  ZstdDecompressor& operator=(ZstdDecompressor&&) noexcept;

  /// One-shot decode. Throws ZstdError with kContentSizeUnknown when the header has no
  /// content size and no max_output_size was given, kOutputTooSmall when the content is
  /// larger than max_output_size, kExtraData when trailing bytes are not allowed.
  Bytes decompress(ByteView data, const DecompressOptions& options = {});

  /// One-shot decode into a caller's buffer (no allocation, no zero-fill); returns the
  /// bytes written. The buffer's size is the output limit (kOutputTooSmall past it); frames
  /// without a content size are accepted since the limit is known. 32 spare bytes past the
  /// content let the copy loops run at full speed to the last byte.
  std::size_t decompress_into(ByteView data, MutableByteView dst, const DecompressOptions& options = {});

  /// Streaming step: see the file comment. Throws ZstdError on malformed input; the
  /// decoder is then reset and ready for a new frame.
  StreamProgress decompress_stream(InBuffer& in, OutBuffer& out);
  /// True between frames (nothing buffered, no frame started).
  bool at_frame_boundary() const;
  /// Abandons any frame in progress.
  void reset_stream();

  /// Incremental decompression (python-zstandard's decompressobj): decompress() takes
  /// any pieces of input and returns output in pieces of up to `write_size` bytes. Stops
  /// at the end of the first frame unless read_across_frames.
  ZstdDecompressionObj decompressobj(std::size_t write_size = DECOMPRESSION_RECOMMENDED_OUTPUT_SIZE,
                                     bool read_across_frames = false);

  /// A Reader of the decompressed form of `source`'s bytes. `read_size`: bytes asked of
  /// `source` at a time. Stops at the end of the first frame unless read_across_frames.
  /// closefd: close() closes `source` too.
  ZstdDecompressionReader stream_reader(Reader& source, std::size_t read_size = DECOMPRESSION_RECOMMENDED_INPUT_SIZE,
                                        bool read_across_frames = false, bool closefd = true);
  /// The same over bytes in memory (borrowed).
  ZstdDecompressionReader stream_reader(ByteView source, std::size_t read_size = DECOMPRESSION_RECOMMENDED_INPUT_SIZE,
                                        bool read_across_frames = false);

  /// A Writer that decompresses what is written to it into `writer`, `write_size` bytes
  /// at a time. write_return_read: write() returns the compressed bytes taken (else the
  /// decompressed bytes written on). closefd: close() closes `writer` too.
  ZstdDecompressionWriter stream_writer(Writer& writer, std::size_t write_size = DECOMPRESSION_RECOMMENDED_OUTPUT_SIZE,
                                        bool write_return_read = true, bool closefd = true);

  /// Decompresses `reader` (every frame in it) into a range of chunks of at most
  /// `write_size` bytes, after skipping `skip_bytes` bytes of its input.
  ChunkRange read_to_iter(Reader& reader, std::size_t read_size = DECOMPRESSION_RECOMMENDED_INPUT_SIZE,
                          std::size_t write_size = DECOMPRESSION_RECOMMENDED_OUTPUT_SIZE, std::size_t skip_bytes = 0);
  ChunkRange read_to_iter(ByteView data, std::size_t read_size = DECOMPRESSION_RECOMMENDED_INPUT_SIZE,
                          std::size_t write_size = DECOMPRESSION_RECOMMENDED_OUTPUT_SIZE, std::size_t skip_bytes = 0);

  /// Decompresses all of `ifh` (every frame) into `ofh`; returns (read, written).
  CopyStreamResult copy_stream(Reader& ifh, Writer& ofh, std::size_t read_size = DECOMPRESSION_RECOMMENDED_INPUT_SIZE,
                               std::size_t write_size = DECOMPRESSION_RECOMMENDED_OUTPUT_SIZE);

  /// Decompresses each frame into a segment of its own, in input order, over `threads`
  /// threads (0 or 1: the calling thread; negative: one per CPU; never more than the
  /// frames), the calling thread with this decompressor's context, each other thread with
  /// one of its own built from the same options. The result holds one buffer per thread.
  /// Each segment holds exactly one zstd frame (kExtraData after it). `decompressed_sizes`
  /// (one per frame, else kParameterOutOfBounds) gives each frame's size; without it every
  /// frame header must hold its content size (kContentSizeUnknown). A frame with more
  /// content than its size is kOutputTooSmall, with less kContentSizeMismatch; a size more
  /// than the frame's bytes could decode to is refused (kContentSizeMismatch) before any
  /// allocation. No frames: kParameterOutOfBounds; a stream object holding the
  /// decompressor: kWrongState. When frames fail, the error of the lowest failing index is
  /// thrown, whatever the thread count, its message naming it
  /// ("multi_decompress_to_buffer: frame 7: ...").
  BufferWithSegmentsCollection multi_decompress_to_buffer(const BufferWithSegments& frames,
                                                          std::span<const std::uint64_t> decompressed_sizes = {},
                                                          int threads = 0);
  BufferWithSegmentsCollection multi_decompress_to_buffer(const BufferWithSegmentsCollection& frames,
                                                          std::span<const std::uint64_t> decompressed_sizes = {},
                                                          int threads = 0);
  BufferWithSegmentsCollection multi_decompress_to_buffer(std::span<const ByteView> frames,
                                                          std::span<const std::uint64_t> decompressed_sizes = {},
                                                          int threads = 0);

  /// Decodes a content-dictionary chain: frame 0 is a plain frame, and frame i > 0 was
  /// compressed with frame i-1's content as a raw-content dictionary (an empty content:
  /// none). Returns the last frame's content. Every frame must hold its content size
  /// (kContentSizeUnknown) and nothing after it (kExtraData); errors name the frame
  /// ("chain frame 3 ..."). No frames: kParameterOutOfBounds. This decompressor's
  /// dict_data is not used; its format and skip_checksum are.
  Bytes decompress_content_dict_chain(std::span<const ByteView> frames);

  /// Bytes of memory this decompressor holds now.
  std::size_t memory_size() const;

  const DecompressorOptions& options() const { return options_; }

 private:
  friend struct detail::DecompressorAccess;
  template <typename Sink>
  void decode_frames(ByteView data, const DecompressOptions& options, Sink& sink);

  DecompressorOptions options_;
  std::unique_ptr<detail::DecoderEngine> engine_;
};

}  // namespace zstdpp

// Streaming decoder: input and output in pieces of any size, memory bounded by the
// frame's window plus one block.
//
// Decoded blocks land in a ring of window + Block_Maximum_Size (+ slack) bytes and are
// copied out as the caller's buffer allows. A block is decoded only when everything before
// it has been handed out, so the ring never holds more than the history plus one block.
// When a block might not fit before the ring's end, writing restarts at the ring's start
// and the older segment becomes the "ext" history the sequence executor already handles
// for dictionaries: a match whose offset is at most the window never reads a byte the new
// segment has overwritten, because the wrap happens only once the older segment is longer
// than the window (plus the executor's overshoot).
//
// The block's compressed content is decoded straight from the caller's input when it is
// all there, and gathered into a block buffer otherwise.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>

#include "common/status.hpp"
#include "common/xxhash64.hpp"
#include "decoder/block_decoder.hpp"
#include "decoder/decoder_dictionary.hpp"
#include "decoder/frame_header.hpp"

namespace zstdpp::decoder {

struct StreamOptions {
  std::uint64_t max_window_size = std::uint64_t{1} << 27;
  bool magicless = false;
  bool verify_checksum = true;
  bool force_portable = false;  // use the baseline kernels even when the CPU has BMI2
};

struct StreamStep {
  bool frame_done = false;     // stopped right after a frame (zstd or skippable) ended
  std::size_t input_hint = 0;  // input bytes that would let it progress
};

class StreamDecoder {
 public:
  explicit StreamDecoder(const StreamOptions& options);

  // `dict` (may be null) is borrowed and must outlive its use; takes effect at the next frame.
  void set_dictionary(const DecoderDictionary* dict) { dict_ = dict; }
  void set_options(const StreamOptions& options) {
    options_ = options;
    blocks_.set_variant(select_kernel_variant(options.force_portable));
  }
  // Abandons any frame in progress.
  void reset() noexcept;

  // Consumes src[src_pos..size) and produces into dst[dst_pos..capacity), advancing both.
  // Returns when the input is used up, the output is full, or a frame has ended (so the
  // caller learns where it ended). After a failure the decoder is reset.
  Status decompress(const std::uint8_t* src, std::size_t size, std::size_t& src_pos, std::uint8_t* dst,
                    std::size_t capacity, std::size_t& dst_pos, StreamStep& step);

  // True when no frame is in progress and no output is pending.
  bool at_frame_boundary() const { return stage_ == Stage::kFrameHeader && header_have_ == 0; }
  std::size_t memory_size() const;
  // memory_size() at its largest for frames of this window (input arriving in pieces, so
  // the block buffer exists too).
  static std::size_t memory_needed(std::uint64_t window_size);
  // The block decoder, for one-shot decoding while no frame is in progress.
  BlockDecoder& block_decoder() { return blocks_; }

 private:
  enum class Stage : std::uint8_t { kFrameHeader, kSkipPayload, kBlockHeader, kBlockContent, kChecksum, kFrameEnd };

  Status step(const std::uint8_t* src, std::size_t size, std::size_t& src_pos, StreamStep& out, bool& progress);
  Status start_frame();
  Status decode_block(const std::uint8_t* content);
  Status finish_frame();
  // Copies up to `want - have` bytes of input into `buf`; true once `have == want`.
  static bool gather(std::uint8_t* buf, std::size_t& have, std::size_t want, const std::uint8_t* src,
                     std::size_t size, std::size_t& src_pos);

  StreamOptions options_;
  const DecoderDictionary* dict_ = nullptr;
  const DecoderDictionary* frame_dict_ = nullptr;  // the dictionary of the frame in progress
  BlockDecoder blocks_;

  Stage stage_ = Stage::kFrameHeader;
  FrameHeader frame_;
  BlockHeader block_;
  std::uint64_t block_index_ = 0;
  std::uint64_t frame_produced_ = 0;
  std::uint64_t skip_left_ = 0;
  Xxh64 hash_;

  std::uint8_t header_[format::kFrameHeaderMaxSize] = {};  // frame, block or checksum bytes
  std::size_t header_have_ = 0;
  std::unique_ptr<std::uint8_t[]> block_buffer_;  // kBlockSizeMax, allocated on first need
  std::size_t block_have_ = 0;

  std::unique_ptr<std::uint8_t[]> window_;  // the ring: window + block + 2 * slack
  std::size_t window_capacity_ = 0;
  std::size_t write_pos_ = 0;  // next byte of the ring to write
  std::size_t flush_pos_ = 0;  // next byte of the ring to hand out
  const std::uint8_t* ext_end_ = nullptr;
  std::size_t ext_size_ = 0;
};

}  // namespace zstdpp::decoder

// The compression context: frames from blocks, one-shot or streamed.
//
// One-shot (compress_frame) matches directly over the caller's input: no copy, the input
// itself is the history. Streaming (compress) copies input into a window buffer: a
// window of history, room for new input (at least a window and at least the match tables'
// entry count), and a block; when it fills, the last window of bytes moves to the front
// and the match state rebases its tables by the same amount, so indices stay small however
// long the stream, at the cost of at most one byte moved and one entry rebased per byte
// of input. Blocks are cut at Block_Maximum_Size (the window, at most 128 KiB) or at a
// flush, matched, entropy-coded, and stored raw or RLE when that is smaller. With
// long-distance matching on (EncoderSettings::ldm), a block's long matches come first
// (match/ldm.hpp) and the strategy's matcher runs over the gaps between them only; the
// long-distance table slides and rebases with the match state.
//
// The streaming call is the one every public stream object loops over:
//   compress(input, output, mode) with mode continue / flush / end.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>

#include <zstdpp/parameters.hpp>

#include "common/status.hpp"
#include "common/xxhash64.hpp"
#include "encoder/encoder_dictionary.hpp"
#include "encoder/entropy_stage.hpp"
#include "encoder/frame_writer.hpp"
#include "encoder/match/ldm.hpp"
#include "encoder/match/match_state.hpp"
#include "encoder/sequence_store.hpp"

namespace zstdpp::encoder {

struct EncoderSettings {
  MatchParams match;
  Strategy strategy = Strategy::dfast;
  LdmParams ldm;  // long-distance matching ahead of the strategy's matcher, when enabled
  EntropyOptions entropy;
  bool checksum = false;
  bool content_size = true;  // written when the size is known
  bool dict_id = true;
  bool magicless = false;
};

enum class EndMode : unsigned char { kContinue = 0, kFlush = 1, kEnd = 2 };

// A dictionary's content already indexed into match tables for one strategy and set of
// match parameters: copied at each frame start instead of indexing the content again,
// which dominates when many small records are compressed with one dictionary.
struct PrimedDictionary {
  Strategy strategy;
  MatchParams match;
  MatchState tables;  // indices only (no base): copied into each frame's state
  bool fits(const EncoderSettings& s) const { return s.strategy == strategy && s.match == match; }
};
std::unique_ptr<PrimedDictionary> prime_dictionary(const EncoderDictionary& dict, const EncoderSettings& settings);

class FrameCompressor {
 public:
  FrameCompressor();

  // Starts a frame. `pledged_size` (kUnknownSize if unknown) is written into the header and
  // enforced. `dict` (may be null) must outlive the frame.
  Status begin(const EncoderSettings& settings, std::uint64_t pledged_size, const EncoderDictionary* dict = nullptr,
               const PrimedDictionary* primed = nullptr);

  // One-shot: the whole frame for [src, src + size) into [dst, dst + capacity).
  // REQUIRES: begin() with pledged_size == size or kUnknownSize. Needs compress_bound(size).
  Status compress_frame(const std::uint8_t* src, std::size_t size, std::uint8_t* dst, std::size_t capacity,
                        std::size_t& written);

  // Streaming step: consumes src[src_pos..size), produces into dst[dst_pos..capacity).
  // kFlush emits everything buffered as complete blocks; kEnd also ends the frame.
  // `remaining` is what is still to be flushed (0 when the step's goal is reached).
  Status compress(const std::uint8_t* src, std::size_t size, std::size_t& src_pos, std::uint8_t* dst,
                  std::size_t capacity, std::size_t& dst_pos, EndMode mode, std::size_t& remaining);

  std::uint64_t consumed() const { return consumed_; }
  std::uint64_t produced() const { return produced_; }
  bool frame_ended() const { return stage_ == Stage::kDone; }
  std::size_t memory_size() const;

 private:
  enum class Stage : unsigned char { kIdle, kOpen, kDone };

  // Compresses one block of input at `block` (inside the history `ms_.base` indexes) into
  // [dst, dst + capacity); returns the bytes written (header included).
  Status write_block(const std::uint8_t* block, std::size_t size, bool last, std::uint8_t* dst, std::size_t capacity,
                     std::size_t& written);
  // Fills store_ for one block with long matches and, in the gaps between them, the
  // strategy's matcher; returns the trailing literal count (as a BlockMatcher does).
  std::size_t match_with_long_matches(const std::uint8_t* block, std::size_t size);
  Status emit_buffered_block(bool last);
  // Allocates the window buffer on first use; before `incoming` bytes are appended, slides
  // it (and rebases the match state) when they would not fit.
  void prepare_window(std::size_t incoming);
  FrameHeaderFields header_fields() const;
  std::size_t block_size_max() const;

  // Copies the dictionary's content in front of the frame's input and indexes it.
  void load_dictionary();

  EncoderSettings settings_;
  const EncoderDictionary* dict_ = nullptr;
  const PrimedDictionary* primed_ = nullptr;  // used when it fits settings_
  BlockMatcher matcher_ = nullptr;
  MatchState ms_;
  LongDistanceMatcher ldm_;  // allocated and used only when settings_.ldm.enabled
  SequenceStore store_;
  EntropyTables tables_[2];  // [current] is usable by the next block
  unsigned current_tables_ = 0;
  EntropyScratch scratch_;
  Xxh64 hash_;
  Stage stage_ = Stage::kIdle;
  std::uint64_t pledged_ = kUnknownSize;
  std::uint64_t consumed_ = 0;
  std::uint64_t produced_ = 0;
  bool header_written_ = false;
  bool last_block_written_ = false;
  bool checksum_written_ = false;

  // Streaming buffers.
  std::unique_ptr<std::uint8_t[]> window_;
  std::size_t window_capacity_ = 0;
  bool window_ready_ = false;     // allocated and primed for the current frame
  std::size_t window_end_ = 0;    // bytes of history + pending input in window_
  std::size_t block_start_ = 0;   // first byte of input not yet compressed
  std::unique_ptr<std::uint8_t[]> out_;  // one compressed block (or header / checksum) waiting
  std::size_t out_size_ = 0, out_pos_ = 0;
};

}  // namespace zstdpp::encoder

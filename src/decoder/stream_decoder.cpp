// Streaming decoder state machine; see the header for the window ring's design.
#include "decoder/stream_decoder.hpp"

#include <algorithm>
#include <cstring>
#include <new>

#include "common/format.hpp"
#include "common/mem.hpp"
#include "decoder/frame_decoder.hpp"
#include "decoder/sequence_exec.hpp"

namespace zstdpp::decoder {
namespace {

std::size_t ring_size(std::uint64_t window_size) {
  const std::uint64_t block = window_size < format::kBlockSizeMax ? window_size : format::kBlockSizeMax;
  return static_cast<std::size_t>(window_size + block) + 3 * kOutputSlack;
}

}  // namespace

StreamDecoder::StreamDecoder(const StreamOptions& options)
    : options_(options), blocks_(select_kernel_variant(options.force_portable)) {}

void StreamDecoder::reset() noexcept {
  stage_ = Stage::kFrameHeader;
  header_have_ = 0;
  block_have_ = 0;
  write_pos_ = flush_pos_ = 0;
  frame_dict_ = nullptr;
}

std::size_t StreamDecoder::memory_size() const {
  return sizeof(*this) + blocks_.heap_size() + window_capacity_ + (block_buffer_ ? format::kBlockSizeMax : 0);
}

std::size_t StreamDecoder::memory_needed(std::uint64_t window_size) {
  return sizeof(StreamDecoder) + format::kBlockSizeMax + kLiteralsSlack + ring_size(window_size) +
         format::kBlockSizeMax;
}

bool StreamDecoder::gather(std::uint8_t* buf, std::size_t& have, std::size_t want, const std::uint8_t* src,
                           std::size_t size, std::size_t& src_pos) {
  const std::size_t take = std::min(want - have, size - src_pos);
  std::memcpy(buf + have, src + src_pos, take);
  have += take;
  src_pos += take;
  return have == want;
}

Status StreamDecoder::decompress(const std::uint8_t* src, std::size_t size, std::size_t& src_pos, std::uint8_t* dst,
                                 std::size_t capacity, std::size_t& dst_pos, StreamStep& out) {
  out = StreamStep{};
  for (;;) {
    // Hand out what the last block produced before decoding anything more.
    if (flush_pos_ < write_pos_) {
      const std::size_t n = std::min(write_pos_ - flush_pos_, capacity - dst_pos);
      std::memcpy(dst + dst_pos, window_.get() + flush_pos_, n);
      flush_pos_ += n;
      dst_pos += n;
      if (flush_pos_ < write_pos_) {
        out.input_hint = 0;
        return Status::success();
      }
    }
    if (stage_ == Stage::kFrameEnd) {
      stage_ = Stage::kFrameHeader;
      out.frame_done = true;
      return Status::success();
    }
    bool progress = false;
    Status s = step(src, size, src_pos, out, progress);
    if (!s.ok()) {
      reset();
      return s;
    }
    if (!progress) return Status::success();
  }
}

Status StreamDecoder::step(const std::uint8_t* src, std::size_t size, std::size_t& src_pos, StreamStep& out,
                           bool& progress) {
  switch (stage_) {
    case Stage::kFrameHeader: {
      // Gather bytes until the header parses; each failed parse says how many it needs.
      for (;;) {
        std::size_t needed = 0;
        Status s = parse_frame_header(header_, header_have_, options_.magicless, frame_, needed);
        if (s.ok()) break;
        if (s.code != ErrorCode::kTruncatedInput) return s;
        if (src_pos == size) {
          out.input_hint = needed - header_have_;
          return Status::success();
        }
        gather(header_, header_have_, needed, src, size, src_pos);
      }
      progress = true;
      if (frame_.skippable) {
        skip_left_ = frame_.skippable_size;
        stage_ = Stage::kSkipPayload;
        return Status::success();
      }
      return start_frame();
    }
    case Stage::kSkipPayload: {
      const auto take = static_cast<std::size_t>(std::min<std::uint64_t>(skip_left_, size - src_pos));
      src_pos += take;
      skip_left_ -= take;
      if (skip_left_ == 0) {
        header_have_ = 0;
        stage_ = Stage::kFrameEnd;
        progress = true;
      } else {
        out.input_hint = static_cast<std::size_t>(std::min<std::uint64_t>(skip_left_, format::kBlockSizeMax));
      }
      return Status::success();
    }
    case Stage::kBlockHeader: {
      if (!gather(header_, header_have_, format::kBlockHeaderSize, src, size, src_pos)) {
        out.input_hint = format::kBlockHeaderSize - header_have_;
        return Status::success();
      }
      header_have_ = 0;
      Status s = parse_block_header(header_, frame_.block_max(), block_);
      if (!s.ok()) return s.at_block(block_index_);
      stage_ = Stage::kBlockContent;
      progress = true;
      return Status::success();
    }
    case Stage::kBlockContent: {
      const std::size_t content_size = block_.content_size();
      if (block_have_ == 0 && size - src_pos >= content_size) {
        const std::uint8_t* content = src + src_pos;  // decode in place: no copy
        src_pos += content_size;
        progress = true;
        return decode_block(content);
      }
      if (!block_buffer_) block_buffer_.reset(new std::uint8_t[format::kBlockSizeMax]);
      if (!gather(block_buffer_.get(), block_have_, content_size, src, size, src_pos)) {
        out.input_hint = content_size - block_have_;
        return Status::success();
      }
      block_have_ = 0;
      progress = true;
      return decode_block(block_buffer_.get());
    }
    case Stage::kChecksum: {
      if (!gather(header_, header_have_, format::kChecksumSize, src, size, src_pos)) {
        out.input_hint = format::kChecksumSize - header_have_;
        return Status::success();
      }
      header_have_ = 0;
      if (options_.verify_checksum) {
        const std::uint32_t expected = load_le32(header_);
        const auto actual = static_cast<std::uint32_t>(hash_.digest());
        if (expected != actual)
          return Status::fail(ErrorCode::kChecksumMismatch, "content checksum {V} differs from the frame's {L}",
                              actual, expected);
      }
      stage_ = Stage::kFrameEnd;
      progress = true;
      return Status::success();
    }
    case Stage::kFrameEnd:
      break;
  }
  return Status::success();
}

Status StreamDecoder::start_frame() {
  header_have_ = 0;
  if (frame_.window_size > options_.max_window_size)
    return Status::fail(ErrorCode::kWindowTooLarge, "frame needs a window of {v} bytes, over the limit of {l}",
                        frame_.window_size, options_.max_window_size);
  ZSTDPP_TRY(check_dictionary(frame_, dict_));
  frame_dict_ = dict_;

  // The ring: the window, one block, and the executor's overshoot: kOutputSlack past the
  // block's end, and twice more so that a wrap leaves an older segment longer than the
  // window by at least that overshoot.
  const std::size_t needed = ring_size(frame_.window_size);
  if (window_capacity_ < needed) {
    window_.reset();
    window_capacity_ = 0;
    window_.reset(new (std::nothrow) std::uint8_t[needed]);
    if (!window_) return Status::fail(ErrorCode::kAllocationFailed, "cannot allocate a {v}-byte window", needed);
    window_capacity_ = needed;
  }
  write_pos_ = flush_pos_ = 0;
  ext_end_ = frame_dict_ ? frame_dict_->content + frame_dict_->content_size : nullptr;
  ext_size_ = frame_dict_ ? frame_dict_->content_size : 0;
  blocks_.start_frame(frame_dict_);
  hash_.reset();
  block_index_ = 0;
  frame_produced_ = 0;
  stage_ = Stage::kBlockHeader;
  return Status::success();
}

Status StreamDecoder::decode_block(const std::uint8_t* content) {
  const std::size_t block_max = frame_.block_max();
  std::uint8_t* const ring = window_.get();
  // Restart at the ring's start when a whole block (plus overshoot) might not fit; the
  // segment written so far becomes the ext history.
  if (write_pos_ + block_max + 2 * kOutputSlack > window_capacity_) {
    ext_end_ = ring + write_pos_;
    ext_size_ = write_pos_;
    write_pos_ = flush_pos_ = 0;
  }
  BlockOutput out;
  out.op = ring + write_pos_;
  out.oend = out.op + block_max;
  out.writable_end = ring + window_capacity_;
  out.prefix_start = ring;
  out.ext_end = ext_end_;
  out.ext_size = ext_size_;
  // After a wrap the ext is the window's older part; the dictionary is out of reach.
  const bool dict_in_reach = ext_end_ != nullptr && frame_dict_ != nullptr &&
                             ext_end_ == frame_dict_->content + frame_dict_->content_size;
  out.offset_limit = block_offset_limit(dict_in_reach ? frame_dict_ : nullptr, frame_produced_, frame_.window_size);

  std::size_t produced = 0;
  Status s = blocks_.decode_block(block_, content, block_max, out, produced);
  if (!s.ok()) return s.at_block(block_index_);
  if (frame_.has_checksum && options_.verify_checksum) hash_.update(out.op, produced);
  write_pos_ += produced;
  frame_produced_ += produced;
  if (frame_.content_size != kUnknownContentSize && frame_produced_ > frame_.content_size)
    return Status::fail(ErrorCode::kContentSizeMismatch, "frame content exceeds its declared size of {v} bytes",
                        frame_.content_size)
        .at_block(block_index_);
  ++block_index_;
  if (!block_.last) {
    stage_ = Stage::kBlockHeader;
    return Status::success();
  }
  return finish_frame();
}

Status StreamDecoder::finish_frame() {
  if (frame_.content_size != kUnknownContentSize && frame_produced_ != frame_.content_size)
    return Status::fail(ErrorCode::kContentSizeMismatch, "frame decodes to {v} bytes but declares {l}",
                        frame_produced_, frame_.content_size);
  stage_ = frame_.has_checksum ? Stage::kChecksum : Stage::kFrameEnd;
  return Status::success();
}

}  // namespace zstdpp::decoder

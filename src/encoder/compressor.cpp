// FrameCompressor: see the header for the buffer layout and the streaming contract.
#include "encoder/compressor.hpp"

#include <algorithm>
#include <cstring>

#include "common/format.hpp"
#include "common/mem.hpp"

namespace zstdpp::encoder {
namespace {

constexpr std::size_t kOutCapacity = format::kBlockHeaderSize + format::kBlockSizeMax + format::kFrameHeaderMaxSize + 8;

// A compressed block must save this much over raw or the block is stored raw (bytes):
// decoding a compressed block costs more than copying one.
std::size_t min_block_gain(std::size_t size) { return (size >> 6) + 2; }

bool all_same_byte(const std::uint8_t* p, std::size_t size) {
  if (size < 2) return false;
  const std::uint8_t b = p[0];
  for (std::size_t i = 1; i < size; ++i)
    if (p[i] != b) return false;
  return true;
}

// The block compressor of a strategy (null only for a value outside the enum).
BlockMatcher matcher_for(Strategy strategy) {
  switch (strategy) {
    case Strategy::fast: return match_fast;
    case Strategy::dfast: return match_dfast;
    case Strategy::greedy: return match_greedy;
    case Strategy::lazy: return match_lazy;
    case Strategy::lazy2: return match_lazy2;
    case Strategy::btlazy2: return match_btlazy2;
    case Strategy::btopt: return match_btopt;
    case Strategy::btultra: return match_btultra;
    case Strategy::btultra2: return match_btultra2;
    default: return nullptr;
  }
}

}  // namespace

FrameCompressor::FrameCompressor() : out_(new std::uint8_t[kOutCapacity]) {}

std::size_t FrameCompressor::memory_size() const {
  return sizeof(*this) + ms_.memory_size() + ldm_.memory_size() + window_capacity_ + kOutCapacity +
         format::kBlockSizeMax + SequenceStore::kMaxSequences * (sizeof(StoredSequence) + 3);
}

Status FrameCompressor::begin(const EncoderSettings& settings, std::uint64_t pledged_size,
                              const EncoderDictionary* dict, const PrimedDictionary* primed) {
  matcher_ = matcher_for(settings.strategy);
  if (matcher_ == nullptr) {
    stage_ = Stage::kIdle;
    return Status::fail(ErrorCode::kParameterOutOfBounds, "strategy {v} does not exist",
                        static_cast<unsigned>(settings.strategy));
  }
  settings_ = settings;
  dict_ = dict;
  primed_ = dict != nullptr && primed != nullptr && primed->fits(settings) ? primed : nullptr;
  pledged_ = pledged_size;
  consumed_ = produced_ = 0;
  header_written_ = last_block_written_ = checksum_written_ = false;
  ms_.reset(settings.match, /*clear=*/primed_ == nullptr);
  if (settings.ldm.enabled) ldm_.reset(settings.ldm, block_size_max());
  store_.reset();
  store_.set_rep(dict_ ? dict_->repeat_offsets
                       : RepeatHistory{format::kInitialRepeatOffsets[0], format::kInitialRepeatOffsets[1],
                                       format::kInitialRepeatOffsets[2]});
  tables_[0] = dict_ ? dict_->tables : EntropyTables{};
  tables_[1] = EntropyTables{};
  current_tables_ = 0;
  hash_.reset();
  window_end_ = block_start_ = 0;
  window_ready_ = false;
  out_size_ = out_pos_ = 0;
  stage_ = Stage::kOpen;
  return Status::success();
}

std::size_t FrameCompressor::block_size_max() const {
  // Block_Maximum_Size (RFC 8878 section 3.1.1.2.4): the window, at most 128 KiB.
  const std::size_t window = std::size_t{1} << settings_.match.window_log;
  return std::min(window, format::kBlockSizeMax);
}

FrameHeaderFields FrameCompressor::header_fields() const {
  FrameHeaderFields f;
  f.content_size = settings_.content_size ? pledged_ : kUnknownSize;
  f.window_log = settings_.match.window_log;
  f.dict_id = dict_ != nullptr && settings_.dict_id ? dict_->id : 0;
  f.checksum = settings_.checksum;
  f.magicless = settings_.magicless;
  return f;
}

Status FrameCompressor::write_block(const std::uint8_t* block, std::size_t size, bool last, std::uint8_t* dst,
                                    std::size_t capacity, std::size_t& written) {
  if (capacity < format::kBlockHeaderSize + size)
    return Status::fail(ErrorCode::kOutputTooSmall, "output of {v} bytes cannot hold a block of {l}", capacity, size);
  if (all_same_byte(block, size)) {
    write_block_header(dst, last, format::BlockType::kRle, size);
    dst[format::kBlockHeaderSize] = block[0];
    written = format::kBlockHeaderSize + 1;
    return Status::success();
  }
  const RepeatHistory rep_before = store_.rep();
  std::size_t body = 0;
  const std::size_t gain = min_block_gain(size);
  if (size > gain + 16) {
    store_.reset();
    const std::size_t last_literals =
        settings_.ldm.enabled ? match_with_long_matches(block, size) : matcher_(ms_, store_, block, size);
    store_.add_last_literals(block + size - last_literals, last_literals);
    const EntropyTables& prev = tables_[current_tables_];
    EntropyTables& next = tables_[current_tables_ ^ 1];
    const std::size_t max_body = size - gain;
    ZSTDPP_TRY(write_compressed_block_body(store_, prev, next, settings_.entropy, scratch_,
                                           dst + format::kBlockHeaderSize, max_body, body));
  }
  if (body != 0 && body < size - gain) {
    write_block_header(dst, last, format::BlockType::kCompressed, body);
    current_tables_ ^= 1;
    written = format::kBlockHeaderSize + body;
    return Status::success();
  }
  // Stored raw: the decoder sees none of this block's sequences, so neither do the
  // repeat offsets of the next block.
  store_.set_rep(rep_before);
  write_block_header(dst, last, format::BlockType::kRaw, size);
  if (size != 0) std::memcpy(dst + format::kBlockHeaderSize, block, size);  // block may be null when empty
  written = format::kBlockHeaderSize + size;
  return Status::success();
}

std::size_t FrameCompressor::match_with_long_matches(const std::uint8_t* block, std::size_t size) {
  const std::span<const LongMatch> long_matches = ldm_.find_matches(ms_, block, size);
  if (settings_.strategy >= Strategy::btopt) {
    // The optimal parsers weigh each long match against their own candidates: taking
    // them as they come made level 19 --long=27 0.6% larger than without LDM on 3 MB of
    // each corpus file concatenated (and 1.8% larger than libzstd's on the whole set).
    ms_.long_matches = long_matches;
    const std::size_t trailing = matcher_(ms_, store_, block, size);
    ms_.long_matches = {};
    return trailing;
  }
  // Each long match becomes one sequence whose literals are what the strategy's matcher
  // left at the end of the gap before it; the matcher sees the gaps only, so it never
  // searches bytes a long match already covers.
  const std::uint8_t* ip = block;
  for (const LongMatch& m : long_matches) {
    const std::size_t trailing = matcher_(ms_, store_, ip, m.literals);
    ip += m.literals;
    store_.add_sequence(ip - trailing, trailing, m.offset, m.length);
    ip += m.length;
  }
  return matcher_(ms_, store_, ip, static_cast<std::size_t>(block + size - ip));
}

Status FrameCompressor::compress_frame(const std::uint8_t* src, std::size_t size, std::uint8_t* dst,
                                       std::size_t capacity, std::size_t& written) {
  if (stage_ != Stage::kOpen || header_written_)
    return Status::fail(ErrorCode::kWrongState, "compress_frame needs a frame just begun");
  if (pledged_ != kUnknownSize && pledged_ != size)
    return Status::fail(ErrorCode::kParameterOutOfBounds, "input of {v} bytes differs from the pledged size {l}", size,
                        pledged_);
  // The history must be contiguous: with a dictionary, or past 32-bit match indices,
  // the input goes through the window buffer instead of being matched in place.
  if (dict_ != nullptr || size > (std::size_t{1} << 30)) {
    std::size_t src_pos = 0, dst_pos = 0, remaining = 0;
    ZSTDPP_TRY(compress(src, size, src_pos, dst, capacity, dst_pos, EndMode::kEnd, remaining));
    if (remaining != 0) return Status::fail(ErrorCode::kOutputTooSmall, "output too small for the frame");
    written = dst_pos;
    return Status::success();
  }
  pledged_ = size;
  if (capacity < format::kFrameHeaderMaxSize)
    return Status::fail(ErrorCode::kOutputTooSmall, "output of {v} bytes cannot hold a frame header", capacity);
  std::uint8_t* op = dst;
  std::uint8_t* const oend = dst + capacity;
  op += write_frame_header(op, header_fields());
  header_written_ = true;
  ms_.base = src;
  const std::uint8_t* ip = src;
  std::size_t left = size;
  const std::size_t block_max = block_size_max();
  do {
    const std::size_t block = std::min(left, block_max);
    std::size_t w = 0;
    ZSTDPP_TRY(write_block(ip, block, block == left, op, static_cast<std::size_t>(oend - op), w));
    op += w;
    ip += block;
    left -= block;
  } while (left != 0);
  if (settings_.checksum) {
    if (oend - op < 4) return Status::fail(ErrorCode::kOutputTooSmall, "output too small for the checksum");
    store_le32(op, static_cast<std::uint32_t>(xxh64(src, size)));
    op += 4;
  }
  consumed_ = size;
  written = static_cast<std::size_t>(op - dst);
  produced_ = written;
  stage_ = Stage::kDone;
  return Status::success();
}

void FrameCompressor::prepare_window(std::size_t incoming) {
  const std::size_t window = std::size_t{1} << settings_.match.window_log;
  if (!window_ready_) {
    // History of a window, then room for new input before the buffer must slide, then the
    // block being gathered. A slide moves a window of bytes and rebases every table entry,
    // so the room is at least the window and at least the tables' entry count: each input
    // byte then pays for at most one byte moved and one entry rebased. Only the known size
    // is allocated when it is smaller.
    const std::size_t dict_size = dict_ ? dict_->content_size : 0;
    const std::size_t table_entries =
        ms_.hash_size() + ms_.chain_size() + ms_.hash3_size() + (settings_.ldm.enabled ? ldm_.entry_count() : 0);
    std::size_t capacity = dict_size + window + std::max(window, table_entries) + format::kBlockSizeMax;
    if (pledged_ != kUnknownSize && dict_size + pledged_ + format::kBlockSizeMax < capacity)
      capacity = dict_size + static_cast<std::size_t>(pledged_) + format::kBlockSizeMax;
    if (window_capacity_ < capacity) {
      window_.reset();
      window_.reset(new std::uint8_t[capacity]);
      window_capacity_ = capacity;
    }
    ms_.base = window_.get();
    if (dict_) load_dictionary();
    window_ready_ = true;
  }
  if (window_end_ + incoming <= window_capacity_) return;
  // Keep the last window of history before the pending block, and the block.
  const std::size_t keep_from = block_start_ > window ? block_start_ - window : 0;
  if (keep_from == 0) return;
  std::memmove(window_.get(), window_.get() + keep_from, window_end_ - keep_from);
  window_end_ -= keep_from;
  block_start_ -= keep_from;
  ms_.rebase(static_cast<std::uint32_t>(keep_from));
  if (settings_.ldm.enabled) ldm_.rebase(static_cast<std::uint32_t>(keep_from));
}

namespace {

// Indexes [ms.base, end) (a dictionary's content) as the strategy's own insertions would.
void index_dictionary(MatchState& ms, Strategy strategy, const std::uint8_t* end) {
  const std::size_t size = static_cast<std::size_t>(end - ms.base);
  if (size < 8) return;
  const MatchParams& p = ms.params();
  if (strategy >= Strategy::btopt) {
    index_optimal_tables(ms, end);
    return;
  }
  if (strategy >= Strategy::greedy) {
    index_lazy_tables(ms, strategy == Strategy::btlazy2, end);
    return;
  }
  const unsigned mls = std::clamp(p.min_match, 4u, 7u);
  std::uint32_t* const hash = ms.hash_table();
  std::uint32_t* const chain = ms.chain_table();
  for (std::size_t i = 0; i + 8 <= size; ++i) {
    const std::uint8_t* at = ms.base + i;
    if (strategy == Strategy::dfast) {
      hash[hash_bytes(at, 8, p.hash_log)] = static_cast<std::uint32_t>(i);
      chain[hash_bytes(at, mls, p.chain_log)] = static_cast<std::uint32_t>(i);
    } else {
      hash[hash_bytes(at, mls, p.hash_log)] = static_cast<std::uint32_t>(i);
    }
  }
}

}  // namespace

std::unique_ptr<PrimedDictionary> prime_dictionary(const EncoderDictionary& dict, const EncoderSettings& settings) {
  auto primed = std::make_unique<PrimedDictionary>();
  primed->strategy = settings.strategy;
  primed->match = settings.match;
  primed->tables.reset(settings.match);
  primed->tables.base = dict.content;
  index_dictionary(primed->tables, settings.strategy, dict.content + dict.content_size);
  primed->tables.base = nullptr;  // only the indices are kept; a frame's copy has its own base
  return primed;
}

void FrameCompressor::load_dictionary() {
  const std::size_t size = dict_->content_size;
  std::memcpy(window_.get(), dict_->content, size);
  window_end_ = block_start_ = size;
  if (primed_ != nullptr) {
    ms_.copy_tables_from(primed_->tables);
  } else {
    index_dictionary(ms_, settings_.strategy, window_.get() + size);
  }
}

Status FrameCompressor::emit_buffered_block(bool last) {
  const std::size_t size = window_end_ - block_start_;
  std::size_t w = 0;
  ZSTDPP_TRY(write_block(window_.get() + block_start_, size, last, out_.get(), kOutCapacity, w));
  out_size_ = w;
  out_pos_ = 0;
  block_start_ = window_end_;
  if (last) last_block_written_ = true;
  return Status::success();
}

Status FrameCompressor::compress(const std::uint8_t* src, std::size_t size, std::size_t& src_pos, std::uint8_t* dst,
                                 std::size_t capacity, std::size_t& dst_pos, EndMode mode, std::size_t& remaining) {
  if (stage_ == Stage::kIdle) return Status::fail(ErrorCode::kWrongState, "no frame begun");
  for (;;) {
    if (out_pos_ < out_size_) {
      const std::size_t n = std::min(out_size_ - out_pos_, capacity - dst_pos);
      std::memcpy(dst + dst_pos, out_.get() + out_pos_, n);
      out_pos_ += n;
      dst_pos += n;
      produced_ += n;
      if (out_pos_ < out_size_) {
        remaining = out_size_ - out_pos_;
        return Status::success();
      }
    }
    if (stage_ == Stage::kDone) {
      remaining = 0;
      return Status::success();
    }
    if (!header_written_) {
      out_size_ = write_frame_header(out_.get(), header_fields());
      out_pos_ = 0;
      header_written_ = true;
      continue;
    }
    if (!window_ready_) prepare_window(0);
    const std::size_t block_max = block_size_max();
    std::size_t pending = window_end_ - block_start_;
    if (src_pos < size && pending < block_max) {
      const std::size_t take = std::min(size - src_pos, block_max - pending);
      prepare_window(take);
      std::memcpy(window_.get() + window_end_, src + src_pos, take);
      if (settings_.checksum) hash_.update(src + src_pos, take);
      window_end_ += take;
      src_pos += take;
      consumed_ += take;
      pending += take;
      if (pledged_ != kUnknownSize && consumed_ > pledged_)
        return Status::fail(ErrorCode::kParameterOutOfBounds, "input exceeds the pledged size of {v} bytes", pledged_);
    }
    if (pending == block_max && src_pos < size) {  // more input follows: not the last
      ZSTDPP_TRY(emit_buffered_block(false));
      continue;
    }
    if (src_pos < size) continue;
    if (mode == EndMode::kContinue) {
      remaining = 0;
      return Status::success();
    }
    if (mode == EndMode::kFlush) {
      if (pending > 0) {
        ZSTDPP_TRY(emit_buffered_block(false));
        continue;
      }
      remaining = 0;
      return Status::success();
    }
    // End of frame.
    if (!last_block_written_) {
      if (pledged_ != kUnknownSize && consumed_ != pledged_)
        return Status::fail(ErrorCode::kParameterOutOfBounds, "frame ends after {v} bytes but {l} were pledged",
                            consumed_, pledged_);
      ZSTDPP_TRY(emit_buffered_block(true));
      continue;
    }
    if (settings_.checksum && !checksum_written_) {
      store_le32(out_.get(), static_cast<std::uint32_t>(hash_.digest()));
      out_size_ = 4;
      out_pos_ = 0;
      checksum_written_ = true;
      continue;
    }
    stage_ = Stage::kDone;
  }
}

}  // namespace zstdpp::encoder

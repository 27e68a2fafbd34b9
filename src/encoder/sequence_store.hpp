// Sequence store: what a match finder produces for one block (RFC 8878 section 3.1.1.3).
//
// Literals are appended to one buffer and sequences record (literal length, offset value,
// match length). The store owns the repeat-offset history: add_sequence() turns a raw
// match offset into the format's Offset_Value, using a repeat code whenever the offset
// equals one the decoder will hold at that point (with the literal-length-zero shift of
// section 3.1.1.5), and updates the history exactly as the decoder will. Match finders
// read rep() to try repeat offsets first.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>

#include "common/format.hpp"

namespace zstdpp::encoder {

struct StoredSequence {
  std::uint32_t lit_length;
  std::uint32_t match_length;  // >= 3
  std::uint32_t offset_value;  // 1..3: repeat codes; otherwise offset + 3
};

using RepeatHistory = std::array<std::uint32_t, 3>;

// The Offset_Value that codes `offset` after `lit_length` literals given the history, and
// the history after it (section 3.1.1.5).
inline std::uint32_t encode_offset(std::uint32_t offset, std::uint32_t lit_length, RepeatHistory& rep) {
  if (lit_length != 0) {
    if (offset == rep[0]) return 1;
    if (offset == rep[1]) {
      rep = {rep[1], rep[0], rep[2]};
      return 2;
    }
    if (offset == rep[2]) {
      rep = {rep[2], rep[0], rep[1]};
      return 3;
    }
  } else {
    if (offset == rep[1]) {
      rep = {rep[1], rep[0], rep[2]};
      return 1;
    }
    if (offset == rep[2]) {
      rep = {rep[2], rep[0], rep[1]};
      return 2;
    }
    if (offset == rep[0] - 1) {
      rep = {rep[0] - 1, rep[0], rep[1]};
      return 3;
    }
  }
  rep = {offset, rep[0], rep[1]};
  return offset + 3;
}

class SequenceStore {
 public:
  // Most sequences a block can hold: each takes at least 3 bytes of match.
  static constexpr std::size_t kMaxSequences = format::kBlockSizeMax / format::kMinMatch + 1;

  SequenceStore()
      : literals_(new std::uint8_t[format::kBlockSizeMax + 32]), sequences_(new StoredSequence[kMaxSequences]) {}

  // Empties the store for a new block, keeping the repeat history.
  void reset() {
    lit_size_ = 0;
    count_ = 0;
  }
  void set_rep(const RepeatHistory& rep) { rep_ = rep; }
  const RepeatHistory& rep() const { return rep_; }

  // A sequence: `lit_length` literals from `lit`, then `match_length` bytes from `offset`
  // back. REQUIRES: offset >= 1, match_length >= 3, block limits respected by the caller.
  void add_sequence(const std::uint8_t* lit, std::size_t lit_length, std::uint32_t offset, std::size_t match_length) {
    if (lit_length != 0) std::memcpy(literals_.get() + lit_size_, lit, lit_length);
    lit_size_ += lit_length;
    StoredSequence& s = sequences_[count_++];
    s.lit_length = static_cast<std::uint32_t>(lit_length);
    s.match_length = static_cast<std::uint32_t>(match_length);
    s.offset_value = encode_offset(offset, s.lit_length, rep_);
  }
  // The block's trailing literals (after the last sequence).
  void add_last_literals(const std::uint8_t* lit, std::size_t size) {
    if (size != 0) std::memcpy(literals_.get() + lit_size_, lit, size);
    lit_size_ += size;
  }

  const std::uint8_t* literals() const { return literals_.get(); }
  std::size_t literals_size() const { return lit_size_; }
  const StoredSequence* sequences() const { return sequences_.get(); }
  std::size_t sequence_count() const { return count_; }

 private:
  std::unique_ptr<std::uint8_t[]> literals_;
  std::unique_ptr<StoredSequence[]> sequences_;
  std::size_t lit_size_ = 0;
  std::size_t count_ = 0;
  RepeatHistory rep_{format::kInitialRepeatOffsets[0], format::kInitialRepeatOffsets[1],
                     format::kInitialRepeatOffsets[2]};
};

}  // namespace zstdpp::encoder

// Row-based search for the greedy, lazy and lazy2 strategies (row variant).
//
// The table is cut into rows of 2^row_log entries (16, 32 or 64). A position's hash picks
// a row and gives an 8-bit tag; inserting writes the position and its tag at the row's
// head, which moves back one slot (mod the row size) so the row is a ring, newest first
// from the head. A search compares the row's tags with the position's tag all at once
// (SSE2 on x86-64, an 8-byte-word bit trick elsewhere), giving a bit mask of candidates
// that share 8 more bits of hash than the row index: most candidates a hash chain would
// reject after a memory load are rejected by the compare. Candidates are then checked
// newest first, at most 2^min(search_log, row_log) of them.
//
// Why rows: a chain walk is a dependent load per candidate, a cache miss each on large
// windows; a row is one or two cache lines of tags and the candidates' positions next to
// each other. Same insertion rule as the hash chain (every position, lazily), except
// across a long gap (a long match, or data skipped as incompressible) where only its
// start and end are inserted: the middle of a long match seldom starts a better one.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "common/mem.hpp"
#include "encoder/match/match_state.hpp"

namespace zstdpp::encoder {

// Bit i set when tags[i] == tag, for i < 2^row_log (row_log 4..6): the portable version.
inline std::uint64_t row_tag_mask_portable(const std::uint8_t* tags, std::uint8_t tag, unsigned row_log) {
  constexpr std::uint64_t kLow7 = 0x7F7F7F7F7F7F7F7Full;
  constexpr std::uint64_t kGather = 0x0102040810204080ull;  // bit 8k -> bit 56 + k, no carries
  const std::uint64_t spread = 0x0101010101010101ull * tag;
  std::uint64_t mask = 0;
  const unsigned words = (1u << row_log) / 8;
  for (unsigned w = 0; w < words; ++w) {
    const std::uint64_t v = load_le64(tags + 8 * w) ^ spread;  // zero bytes where equal
    // 0x80 exactly in the zero bytes: adding 0x7F sets bit 7 of every byte with low bits
    // set, with no carry between bytes.
    const std::uint64_t zero = ~(((v & kLow7) + kLow7) | v | kLow7);
    mask |= (((zero >> 7) * kGather) >> 56) << (8 * w);
  }
  return mask;
}

#if defined(__SSE2__)
inline std::uint64_t row_tag_mask_sse2(const std::uint8_t* tags, std::uint8_t tag, unsigned row_log) {
  const __m128i needle = _mm_set1_epi8(static_cast<char>(tag));
  std::uint64_t mask = 0;
  const unsigned chunks = (1u << row_log) / 16;
  for (unsigned c = 0; c < chunks; ++c) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(tags + 16 * c));
    mask |= static_cast<std::uint64_t>(static_cast<std::uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, needle))))
            << (16 * c);
  }
  return mask;
}
#endif

inline std::uint64_t row_tag_mask(const std::uint8_t* tags, std::uint8_t tag, unsigned row_log) {
#if defined(__SSE2__)
  return row_tag_mask_sse2(tags, tag, row_log);
#else
  return row_tag_mask_portable(tags, tag, row_log);
#endif
}

template <unsigned kMls, unsigned kRowLog>
class RowFinder {
 public:
  static constexpr unsigned kRowEntries = 1u << kRowLog;
  static constexpr unsigned kRowMask = kRowEntries - 1;
  static constexpr unsigned kTagBits = 8;
  // Gaps longer than this are inserted at their start and end only (kGapEdge each).
  static constexpr std::uint32_t kLongGap = 384;
  static constexpr std::uint32_t kGapEdge = 96;

  // `iend`: the end of the readable bytes (the block's end, or a dictionary's).
  RowFinder(MatchState& ms, const std::uint8_t* iend)
      : ms_(ms),
        last_hashable_(static_cast<std::uint32_t>(iend - 8 - ms.base)),
        base_(ms.base),
        entries_(ms.hash_table()),
        tags_(ms.row_tags()),
        heads_(ms.row_heads()),
        hash_bits_(ms.params().hash_log - kRowLog + kTagBits),
        attempts_(1u << (ms.params().search_log < kRowLog ? ms.params().search_log : kRowLog)) {}

  void update(const std::uint8_t* target) {
    const auto end = static_cast<std::uint32_t>(target - base_);
    std::uint32_t i = ms_.next_to_update;
    if (end > i + kLongGap) {
      for (const std::uint32_t stop = i + kGapEdge; i < stop; ++i) insert(i);
      i = end - kGapEdge;
    }
    for (; i < end; ++i) insert(i);
    if (end > ms_.next_to_update) ms_.next_to_update = end;
  }

  // As HashChainFinder::index: every position, no gap skipped.
  void index(const std::uint8_t* end) {
    const auto stop = static_cast<std::uint32_t>(end - 8 - base_);
    for (std::uint32_t i = ms_.next_to_update; i < stop; ++i) insert(i);
    if (stop > ms_.next_to_update) ms_.next_to_update = stop;
  }

  // As HashChainFinder::find.
  std::size_t find(const std::uint8_t* ip, const std::uint8_t* iend, std::uint32_t low, std::uint32_t& offset) {
    update(ip);
    const auto current = static_cast<std::uint32_t>(ip - base_);
    const std::uint32_t h = next_hash(current);
    const std::size_t row = h >> kTagBits;
    const auto tag = static_cast<std::uint8_t>(h);
    std::uint32_t* const entries = entries_ + (row << kRowLog);
    std::uint8_t* const tags = tags_ + (row << kRowLog);
    const unsigned head = heads_[row];
    // Rotate so that bit k is slot (head + k): newest first.
    std::uint64_t matches = row_tag_mask(tags, tag, kRowLog);
    if constexpr (kRowEntries == 64) {
      matches = std::rotr(matches, static_cast<int>(head));
    } else {
      constexpr std::uint64_t kAll = (std::uint64_t{1} << kRowEntries) - 1;
      matches = ((matches >> head) | (matches << (kRowEntries - head))) & kAll;
    }
    // Gather the candidates first and prefetch their bytes, so their cache misses overlap
    // instead of following one another.
    std::uint32_t candidates[kRowEntries];
    unsigned count = 0;
    for (unsigned left = attempts_; matches != 0 && left != 0; --left) {
      const unsigned slot = (head + static_cast<unsigned>(std::countr_zero(matches))) & kRowMask;
      matches &= matches - 1;
      const std::uint32_t candidate = entries[slot];
      if (candidate < low) break;  // newest first: the rest are older still
      __builtin_prefetch(base_ + candidate);
      candidates[count++] = candidate;
    }
    const std::size_t max_length = static_cast<std::size_t>(iend - ip);
    std::size_t best = 3;
    for (unsigned i = 0; i < count; ++i) {
      const std::uint8_t* match = base_ + candidates[i];
      if (match[best] == ip[best] && load_native<std::uint32_t>(match) == load_native<std::uint32_t>(ip)) {
        const std::size_t length = 4 + common_length(ip + 4, match + 4, iend);
        if (length > best) {
          best = length;
          offset = current - candidates[i];
          if (length == max_length) break;
        }
      }
    }
    insert_at(row, tag, current);
    ms_.next_to_update = current + 1;
    return best > 3 ? best : 0;
  }

 private:
  void insert(std::uint32_t index) {
    const std::uint32_t h = next_hash(index);
    insert_at(h >> kTagBits, static_cast<std::uint8_t>(h), index);
  }
  // Rows are scattered over a table far larger than the cache, so the hash of each
  // position is computed kAhead positions early and its row prefetched then: by the time
  // the position is inserted or searched, the row is in the cache. Positions are hashed
  // in increasing order; a jump (a skipped gap) refills the ring.
  std::uint32_t next_hash(std::uint32_t index) {
    if (index != cache_next_) {
      for (std::uint32_t p = index; p < index + kAhead && p <= last_hashable_; ++p) cache_hash(p);
    }
    const std::uint32_t h = cache_[index & (kAhead - 1)];
    if (index + kAhead <= last_hashable_) cache_hash(index + kAhead);
    cache_next_ = index + 1;
    return h;
  }
  void cache_hash(std::uint32_t p) {
    const std::uint32_t h = hash_bytes(base_ + p, kMls, hash_bits_);
    cache_[p & (kAhead - 1)] = h;
    const std::size_t row = h >> kTagBits;
    __builtin_prefetch(tags_ + (row << kRowLog));
    __builtin_prefetch(entries_ + (row << kRowLog));
  }
  void insert_at(std::size_t row, std::uint8_t tag, std::uint32_t index) {
    const unsigned head = (heads_[row] - 1u) & kRowMask;
    heads_[row] = static_cast<std::uint8_t>(head);
    tags_[(row << kRowLog) + head] = tag;
    entries_[(row << kRowLog) + head] = index;
  }

  static constexpr std::uint32_t kAhead = 8;  // a power of two

  MatchState& ms_;
  const std::uint32_t last_hashable_;  // the last position with 8 readable bytes
  std::uint32_t cache_[kAhead];
  std::uint32_t cache_next_ = 0xFFFFFFFFu;  // the position the ring's order expects next
  const std::uint8_t* const base_;
  std::uint32_t* const entries_;
  std::uint8_t* const tags_;
  std::uint8_t* const heads_;
  const unsigned hash_bits_;
  const unsigned attempts_;
};

}  // namespace zstdpp::encoder

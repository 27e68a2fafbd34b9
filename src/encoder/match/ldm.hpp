// Long-distance matching (LDM): matches of at least ldm_min_match bytes as far back as the
// window reaches (up to 2 GiB), found with a table far smaller than the window, ahead of
// the strategy's own block matcher.
//
// Why: the block matchers index every position (or most) in tables of 2^hash_log entries,
// so they only remember the last few MiB at best; a repeat 100 MiB back is invisible to
// them. LDM indexes about one position in 2^hash_rate_log, chosen by the content, so a
// table of 2^ldm_hash_log entries covers a window 2^hash_rate_log times larger (the
// defaults, window_log - 7 and 7, cover the whole window), and only long repeats are
// worth the bits of a far offset anyway.
//
// The algorithm:
//   1. Split points. A gear hash rolls over the input: h = (h << 1) + gear[byte], so the
//      byte d positions back has been shifted left d times and h's top bits depend on the
//      last 64 bytes only. A position is a split point when h's top hash_rate_log bits are
//      zero: about one in 2^hash_rate_log, decided by the bytes themselves, so two copies
//      of the same content have split points at the same places whatever their distance
//      or alignment (content-defined chunking).
//   2. Fingerprint. At a split point e, the min_match bytes ending there, [e - min_match,
//      e), are hashed (XXH64): the top ldm_hash_log - bucket_size_log bits pick a bucket,
//      the low 32 bits are a checksum that rejects almost every wrong candidate without
//      touching the history.
//   3. Lookup. The bucket's 2^bucket_size_log entries (split position + checksum) with the
//      same checksum are verified byte by byte: forward from e to the block's end, and
//      backward from e down to the block's current anchor (the end of the previous long
//      match, or the block's start) and never below the window's lowest index
//      (ms.window_low of the block's end, the bound the block matchers use). The longest
//      wins if it is at least min_match bytes; the anchor moves to its end. Split points
//      inside a match found are not looked up.
//   4. Insert. Every split point (matched or not) replaces the oldest entry of its
//      bucket, round robin: the one with the smallest position, as positions only grow
//      (a separate array of per-bucket cursors measured 4% of the time on the corpus
//      concatenated, a cache miss of its own per insert). Copies of the same content thus share a
//      bucket, and a lookup verifies each of them: their continuations differ, and the
//      longest wins (replacing the same checksum's entry instead, so a bucket keeps one
//      copy per content, verified 5x fewer candidates on nci but lost 7% in size there).
//
// Split points are found in batches of kBatch: the gear pass records them, their
// fingerprints are computed and their buckets prefetched, then they are looked up and
// inserted in order. A bucket is one random access into a table of megabytes, a cache
// miss each; batching lets those misses overlap instead of stalling the loop one by one
// (the matcher alone on the Silesia files concatenated: 163 ms without the prefetches,
// 96 with; prefetching the candidates' history bytes too, a few split points ahead of
// their lookups, measured no gain and was dropped). A bucket of 8 entries is one 64-byte
// cache line (the table is line-aligned).
//
// Output, per block: a list of long matches (literals before, offset, length) in order;
// the compressor runs the strategy's block matcher over each gap before a match and over
// the block's tail. Positions are 32-bit indices from ms.base, like MatchState's; the
// streaming compressor's slides call rebase() beside ms.rebase(). An empty entry has
// position 0, which no split point can have (a split point is at least min_match >= 4).
//
// Costs: the gear pass is a load and a shift-add per byte; fingerprints and lookups run at
// split points only. Memory: memory_needed() (the table and one block's matches).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <new>
#include <span>

#include "encoder/match/match_state.hpp"

namespace zstdpp::encoder {

// What the matcher needs of the parameters (resolved by params.cpp's resolve_ldm).
struct LdmParams {
  bool enabled = false;
  unsigned hash_log = 20;        // 2^hash_log entries in the table
  unsigned min_match = 64;       // shortest long match; also the bytes fingerprinted at a split point
  unsigned bucket_size_log = 3;  // 2^bucket_size_log entries per bucket (<= hash_log)
  unsigned hash_rate_log = 7;    // about one split point every 2^hash_rate_log positions
  bool operator==(const LdmParams&) const = default;
};

// LongMatch (one long match of a block) is declared in match_state.hpp, where the
// optimal parsers take a block's long matches as candidates.

class LongDistanceMatcher {
 public:
  // Split points gathered before their fingerprints and lookups (see the banner): enough
  // to overlap the bucket misses, small enough to live on the stack.
  static constexpr std::size_t kBatch = 64;

  // Starts a frame: sizes the table for `params` and empties it. Blocks given to
  // find_matches() are at most `block_size_max` bytes. REQUIRES: params.enabled,
  // bucket_size_log <= hash_log <= 30, min_match >= 4, hash_rate_log <= 63.
  void reset(const LdmParams& params, std::size_t block_size_max);

  // The long matches of [src, src + size) (src inside the history ms.base indexes, with
  // the bytes before it already given to find_matches, or not at all), and inserts the
  // block's split points. The span stays valid until the next call.
  // REQUIRES: reset() called, size <= block_size_max.
  std::span<const LongMatch> find_matches(const MatchState& ms, const std::uint8_t* src, std::size_t size);

  // Every position drops by `shift` (entries at or below it become empty): the caller has
  // moved the bytes back by `shift` under the same base, as for MatchState::rebase.
  void rebase(std::uint32_t shift);

  const LdmParams& params() const { return params_; }
  std::size_t entry_count() const { return std::size_t{1} << params_.hash_log; }
  // What this matcher holds (its largest allocation so far).
  std::size_t memory_size() const {
    return entry_capacity_ * sizeof(Entry) + match_capacity_ * sizeof(LongMatch);
  }
  // What a matcher with these parameters holds: the table and one block's matches (each
  // at least min_match bytes, so at most block / min_match + 1).
  static std::size_t memory_needed(const LdmParams& params, std::size_t block_size_max) {
    return (sizeof(Entry) << params.hash_log) + (block_size_max / params.min_match + 1) * sizeof(LongMatch);
  }

 private:
  struct Entry {
    std::uint32_t position;  // split point (end of the fingerprinted bytes); 0: empty
    std::uint32_t checksum;  // low 32 bits of the fingerprint
  };
  // A bucket of 8 entries fills one line: the table is allocated on a line boundary.
  static constexpr std::size_t kCacheLine = 64;
  struct AlignedDelete {
    void operator()(Entry* p) const { ::operator delete[](p, std::align_val_t{kCacheLine}); }
  };

  // Looks the split point `e` up in its bucket and appends the longest verified match of
  // at least min_match bytes; returns the new anchor (the match's end, or `anchor`).
  std::uint32_t match_at(const std::uint8_t* base, const Entry* bucket, std::uint32_t e, std::uint32_t checksum,
                         std::uint32_t anchor, std::uint32_t low, std::uint32_t end);

  LdmParams params_;
  std::unique_ptr<Entry[], AlignedDelete> entries_;
  std::unique_ptr<LongMatch[]> matches_;     // the current block's
  std::size_t entry_capacity_ = 0, match_capacity_ = 0;
  std::size_t match_count_ = 0;
};

}  // namespace zstdpp::encoder

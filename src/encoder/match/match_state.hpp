// Match-finding state shared by every strategy: the history window and the hash tables.
//
// Positions are 32-bit indices from `base`: position i is base[i]. The history a match may
// use is [low_limit, current): low_limit starts at the dictionary's start (or the frame's
// first byte) and, once more than a window has passed, trails the current position by the
// window size. The streaming encoder slides its buffer by moving its bytes back and
// subtracting the same amount from every table entry (rebase()), so indices stay far from
// 2^32 however long the stream runs; entries that fall below the new origin become 0.
//
// Empty table entries are 0, which names a real position: a candidate is always verified
// by comparing bytes, so a stale or empty entry costs a comparison, never a wrong match.
//
// Tables by layout. kHashOnly (fast): one table of positions. kHashAndChain: dfast's long
// and short tables; the lazy strategies' hash heads and chain (chain[slot(p)] is the
// previous position with p's hash); btlazy2's heads and binary tree (two entries per
// node, smaller and larger child). kRows: the row-based table of the lazy strategies,
// 2^(hash_log - row_log) rows of 2^row_log positions, each with a one-byte tag per entry
// and the row's head (its newest entry). Chain and tree slots are positions modulo the
// table's size; a slide keeps every slot where it was by adding the shift to a phase
// (chain_slot()), so the links stay valid without moving the table.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>

#include "common/mem.hpp"
#include "encoder/match/optimal_state.hpp"
#include "encoder/sequence_store.hpp"

namespace zstdpp::encoder {

enum class TableLayout : std::uint8_t { kHashOnly, kHashAndChain, kRows };

// What a strategy needs of the parameters (RFC-independent meanings, as the reference's).
struct MatchParams {
  unsigned window_log = 19;
  unsigned hash_log = 14;
  unsigned chain_log = 13;   // dfast: the short-match table's log
  unsigned search_log = 1;
  unsigned min_match = 6;
  unsigned target_length = 0;  // fast: the step's acceleration (negative levels)
  TableLayout layout = TableLayout::kHashAndChain;
  unsigned row_log = 4;  // kRows: log2 of the entries per row (4..6)
  unsigned hash3_log = 0;  // optimal parsers with min_match 3: the 3-byte table's log (0: none)
  bool operator==(const MatchParams&) const = default;
};

// One long match of a block (ldm.hpp): `literals` bytes after the previous match (or the
// block's start), then `length` bytes copied from `offset` bytes back.
struct LongMatch {
  std::uint32_t literals;
  std::uint32_t offset;  // >= 1, the source within the window
  std::uint32_t length;  // >= min_match
};

class MatchState {
 public:
  // Sizes the tables for `params`; contents are cleared unless the caller is about to
  // overwrite them whole (`clear` false).
  void reset(const MatchParams& params, bool clear = true);

  const MatchParams& params() const { return params_; }
  std::uint32_t* hash_table() { return hash_.get(); }
  std::uint32_t* chain_table() { return chain_.get(); }
  std::uint8_t* row_tags() { return tags_.get(); }    // kRows: one tag per hash entry
  std::uint8_t* row_heads() { return heads_.get(); }  // kRows: one head per row
  std::uint32_t* hash3_table() { return hash3_.get(); }  // hash3_log != 0: newest position per 3-byte hash
  std::size_t hash3_size() const { return params_.hash3_log != 0 ? std::size_t{1} << params_.hash3_log : 0; }
  std::size_t hash_size() const { return std::size_t{1} << params_.hash_log; }
  std::size_t chain_size() const {
    return params_.layout == TableLayout::kHashAndChain ? std::size_t{1} << params_.chain_log : 0;
  }
  std::size_t row_count() const {
    return params_.layout == TableLayout::kRows ? hash_size() >> params_.row_log : 0;
  }
  // The chain (or tree node) slot of position `index` in a table of 2^log entries.
  std::size_t chain_slot(std::uint32_t index, unsigned log) const {
    return (index + chain_phase_) & ((std::size_t{1} << log) - 1);
  }

  // The window: base pointer and the lowest usable index.
  const std::uint8_t* base = nullptr;
  std::uint32_t dict_limit = 0;   // first index of the current frame's content (dictionary below)
  std::uint32_t low_limit = 0;    // lowest index a match may start at
  std::uint32_t next_to_update = 0;  // first position not yet inserted (strategies that fill lazily)
  // The long-distance matcher's matches for the block being matched, from its first byte:
  // the optimal parsers price them as candidates beside their own (the other strategies
  // get the gaps between them instead). Empty without long-distance matching.
  std::span<const LongMatch> long_matches;

  // The lowest valid match index for a match starting at `current`.
  std::uint32_t window_low(std::uint32_t current) const {
    const std::uint32_t max_distance = std::uint32_t{1} << params_.window_log;
    const std::uint32_t trailing = current > max_distance ? current - max_distance : 0;
    return trailing > low_limit ? trailing : low_limit;
  }

  // Every index drops by `shift` (entries below it become 0): the caller has moved the
  // bytes back by `shift` under the same base.
  void rebase(std::uint32_t shift);

  // Empties every table, keeping the window indices (btultra2's second pass over a
  // first block, which indexes it again).
  void clear_tables();

  // Copies every table and the window indices of `other` (same params): a prepared
  // dictionary's tables become this frame's starting point.
  void copy_tables_from(const MatchState& other);

  std::size_t memory_size() const {
    return (hash_size() + chain_size() + hash3_size()) * sizeof(std::uint32_t) +
           (params_.layout == TableLayout::kRows ? hash_size() + row_count() : 0) +
           (optimal_ ? sizeof(OptimalState) + OptimalState::kHeapBytes : 0);
  }

  // The optimal parsers' statistics and path, kept across the blocks of a frame;
  // allocated on first use, and their statistics cleared by reset().
  OptimalState& optimal_state();

 private:
  MatchParams params_;
  std::unique_ptr<std::uint32_t[]> hash_;
  std::unique_ptr<std::uint32_t[]> chain_;
  std::unique_ptr<std::uint8_t[]> tags_, heads_;
  std::unique_ptr<std::uint32_t[]> hash3_;
  std::size_t hash_capacity_ = 0, chain_capacity_ = 0, tags_capacity_ = 0, heads_capacity_ = 0, hash3_capacity_ = 0;
  std::unique_ptr<OptimalState> optimal_;
  std::uint32_t chain_phase_ = 0;  // sum of the shifts since the tables were cleared
};

// Hashes of the first `mls` bytes at p (mls 4..8), `bits` wide. Multiplicative hashing:
// the top bits of (bytes * odd constant) mix every input byte into the index.
inline std::uint32_t hash_bytes(const std::uint8_t* p, unsigned mls, unsigned bits) {
  constexpr std::uint64_t kPrime64 = 0x9E3779B185EBCA87ull;
  const std::uint64_t v = load_le64(p) << (8 * (8 - mls));
  return static_cast<std::uint32_t>((v * kPrime64) >> (64 - bits));
}

// Length of the common prefix of [a, a_end) and b. REQUIRES: b has as many readable bytes.
inline std::size_t common_length(const std::uint8_t* a, const std::uint8_t* b, const std::uint8_t* a_end) {
  const std::uint8_t* const start = a;
  while (a + 8 <= a_end) {
    const std::uint64_t diff = load_native<std::uint64_t>(a) ^ load_native<std::uint64_t>(b);
    if (diff) return static_cast<std::size_t>(a - start) + (static_cast<unsigned>(__builtin_ctzll(diff)) >> 3);
    a += 8;
    b += 8;
  }
  while (a < a_end && *a == *b) {
    ++a;
    ++b;
  }
  return static_cast<std::size_t>(a - start);
}

// What the hash-chain and binary-tree finders read of the state, loaded into members
// once per block so the search loops keep them in registers.
class ChainedFinderBase {
 protected:
  explicit ChainedFinderBase(MatchState& ms)
      : ms_(ms),
        base_(ms.base),
        hash_(ms.hash_table()),
        chain_(ms.chain_table()),
        hash_log_(ms.params().hash_log),
        attempts_(1u << ms.params().search_log) {}

  MatchState& ms_;
  const std::uint8_t* const base_;
  std::uint32_t* const hash_;
  std::uint32_t* const chain_;  // the chain, or the tree's nodes
  const unsigned hash_log_;
  const unsigned attempts_;  // candidates per search: 2^search_log
};

// A block compressor: finds sequences for [src, src + size) (indices from ms.base),
// appends them to `store`, and returns the number of trailing literals (left at the end
// of the block, not yet stored). Chosen once per block; no virtual call per position.
using BlockMatcher = std::size_t (*)(MatchState& ms, SequenceStore& store, const std::uint8_t* src, std::size_t size);

// The match finders, one per strategy (lazy.cpp holds greedy, lazy, lazy2, btlazy2).
std::size_t match_fast(MatchState& ms, SequenceStore& store, const std::uint8_t* src, std::size_t size);
std::size_t match_dfast(MatchState& ms, SequenceStore& store, const std::uint8_t* src, std::size_t size);
std::size_t match_greedy(MatchState& ms, SequenceStore& store, const std::uint8_t* src, std::size_t size);
std::size_t match_lazy(MatchState& ms, SequenceStore& store, const std::uint8_t* src, std::size_t size);
std::size_t match_lazy2(MatchState& ms, SequenceStore& store, const std::uint8_t* src, std::size_t size);
std::size_t match_btlazy2(MatchState& ms, SequenceStore& store, const std::uint8_t* src, std::size_t size);
// optimal.cpp: the price-based parsers.
std::size_t match_btopt(MatchState& ms, SequenceStore& store, const std::uint8_t* src, std::size_t size);
std::size_t match_btultra(MatchState& ms, SequenceStore& store, const std::uint8_t* src, std::size_t size);
std::size_t match_btultra2(MatchState& ms, SequenceStore& store, const std::uint8_t* src, std::size_t size);

// Inserts the positions [ms.next_to_update, end - 8) into the tables of a greedy / lazy /
// lazy2 / btlazy2 finder (`binary_tree` for btlazy2) as its searches would, `end` being
// the last readable byte + 1 (a dictionary's content before the frame's input).
void index_lazy_tables(MatchState& ms, bool binary_tree, const std::uint8_t* end);
// The same for btopt, btultra and btultra2.
void index_optimal_tables(MatchState& ms, const std::uint8_t* end);

}  // namespace zstdpp::encoder

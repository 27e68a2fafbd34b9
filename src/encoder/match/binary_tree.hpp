// Binary-tree search for btlazy2.
//
// Each hash bucket (hash_log bits over `kMls` bytes) roots a binary search tree of the
// positions that share the hash, ordered by the bytes that follow them (suffix order).
// Inserting a position walks down from the root as a search would: every node visited is
// compared with the new position, the longest common prefix seen is the match found, and
// the node goes to the new position's smaller or larger side, so the new position becomes
// the root with the old tree split under it (as in LZMA's bt4). The search and the
// insertion are the same walk, bounded by 2^search_log nodes. The prefix common to the
// whole subtree (the smaller of the two bounds' common lengths) is skipped in every
// comparison, which is what makes long repeated data affordable.
//
// Nodes live in the chain table, two entries (smaller, larger) per position at slot
// position mod 2^(chain_log - 1); nodes older than that are overwritten, so the walk
// compares such a position (still history) but goes no further. Index 0 marks an empty
// link: position 0 itself is never a candidate.
//
// Positions are inserted lazily, as the hash chain does, but sparsely inside the body of
// a match (see update()), and not at all inside a very long match where the walk of each
// position would find the same match again (kSkipAfter), keeping runs of one byte linear.
#pragma once

#include <cstddef>
#include <cstdint>

#include "encoder/match/match_state.hpp"

namespace zstdpp::encoder {

// The tree itself: hash heads and nodes, and the walk that inserts a position while
// reporting every match longer than the ones met before it. The btlazy2 finder keeps the
// longest; the optimal parsers' collector (optimal.cpp) keeps them all.
template <unsigned kMls>
class BinaryTree : protected ChainedFinderBase {
 protected:
  explicit BinaryTree(MatchState& ms) : ChainedFinderBase(ms), tree_log_(ms.params().chain_log - 1) {}

  // Inserts `index` as its bucket's root, comparing at most `attempts` nodes at or above
  // `low`, and calls on_longer(length, candidate) for each match longer than every one
  // before it. Returns the longest length.
  template <class OnLonger>
  std::size_t walk(std::uint32_t index, const std::uint8_t* iend, std::uint32_t low, unsigned attempts,
                   OnLonger&& on_longer) {
    const std::uint8_t* const ip = base_ + index;
    std::uint32_t& root = hash_[hash_bytes(ip, kMls, hash_log_)];
    std::uint32_t candidate = root;
    root = index;
    // A node at or below tree_low has had its slot taken by a newer position, but the
    // position itself is still history: it is compared, its children are not followed.
    // Bucket roots and the last links often reach that far, and on nci at level 16 (a
    // tree of half the window) those candidates were worth 1.6%.
    const std::uint32_t tree_size = 1u << tree_log_;
    const std::uint32_t tree_low = index > tree_size ? index - tree_size : 0;
    const std::uint32_t lowest = low > 1 ? low : 1;
    std::uint32_t detached = 0;  // where links go once the walk has left the tree
    std::uint32_t* smaller = node(index);      // where the next smaller node is attached
    std::uint32_t* larger = node(index) + 1;   // where the next larger node is attached
    std::size_t common_smaller = 0, common_larger = 0;
    const std::size_t max_length = static_cast<std::size_t>(iend - ip);
    std::size_t best = 0;
    for (unsigned left = attempts; left != 0 && candidate >= lowest; --left) {
      std::uint32_t* const next = node(candidate);
      const std::uint8_t* const match = base_ + candidate;
      std::size_t length = common_smaller < common_larger ? common_smaller : common_larger;
      length += common_length(ip + length, match + length, iend);
      if (length > best) {
        best = length;
        on_longer(length, candidate);
      }
      if (length == max_length) break;  // equal up to the end: no order to keep; drop the rest
      if (match[length] < ip[length]) {
        *smaller = candidate;  // candidate and its smaller side are below the new position
        common_smaller = length;
        if (candidate <= tree_low) {
          smaller = &detached;
          break;
        }
        smaller = next + 1;
        candidate = next[1];
      } else {
        *larger = candidate;
        common_larger = length;
        if (candidate <= tree_low) {
          larger = &detached;
          break;
        }
        larger = next;
        candidate = next[0];
      }
    }
    *smaller = *larger = 0;
    return best;
  }

  std::uint32_t* node(std::uint32_t index) { return chain_ + 2 * ms_.chain_slot(index, tree_log_); }

  const unsigned tree_log_;
};

template <unsigned kMls>
class BinaryTreeFinder : BinaryTree<kMls> {
  using Tree = BinaryTree<kMls>;
  using Tree::attempts_;
  using Tree::base_;
  using Tree::ms_;
 public:
  // A match this long found while inserting skips the positions it covers, but these.
  static constexpr std::size_t kSkipAfter = 256;
  static constexpr std::uint32_t kDenseEdge = 8;

  BinaryTreeFinder(MatchState& ms, const std::uint8_t* /*iend*/)
      : Tree(ms),
        sparse_stride_(ms.params().search_log <= 4 ? 4 : 2) {}

  // Inserts [next_to_update, target); matches compare up to iend. Inside a long gap (the
  // body of a match just taken) only every sparse_stride_-th position goes in, except the
  // last kDenseEdge before the target, where the next matches are most likely to start:
  // a tree walk per position is the finder's whole cost, and a position inside a match
  // mostly repeats what its neighbours already index. Measured on 2 MB of nci at level 13
  // (search_log 4): stride 2 runs 1.68x fewer instructions for 0.3% in size, stride 4
  // 2.5x for 1.3%, still 1.2% smaller than the reference's; at search_log 6 (level 15)
  // stride 4 cost 1% and made the output larger than the reference's, stride 2 did not.
  void update(const std::uint8_t* target, const std::uint8_t* iend) {
    const auto end = static_cast<std::uint32_t>(target - base_);
    std::uint32_t i = ms_.next_to_update;
    const std::uint32_t dense_from = end > kDenseEdge ? end - kDenseEdge : 0;
    while (i < end) {  // a skip may overshoot `end`: the loop just stops
      std::uint32_t unused;
      const std::size_t length = insert(i, iend, ms_.window_low(i), unused, attempts_);
      std::uint32_t step = i < dense_from ? sparse_stride_ : 1;
      if (length > kSkipAfter) step = static_cast<std::uint32_t>(length - kSkipAfter);
      i += step;
    }
    // Never past the target: the search there must insert (and find) its own position.
    if (end > ms_.next_to_update) ms_.next_to_update = end;
  }

  // As HashChainFinder::index.
  void index(const std::uint8_t* end) { update(end - 8, end); }

  // As HashChainFinder::find.
  std::size_t find(const std::uint8_t* ip, const std::uint8_t* iend, std::uint32_t low, std::uint32_t& offset) {
    update(ip, iend);
    const auto current = static_cast<std::uint32_t>(ip - base_);
    const std::size_t length = insert(current, iend, low, offset, attempts_);
    ms_.next_to_update = current + 1;
    return length >= 4 ? length : 0;
  }

 private:
  // Inserts `index` as its bucket's root; returns the longest match met (0 if none).
  std::size_t insert(std::uint32_t index, const std::uint8_t* iend, std::uint32_t low, std::uint32_t& offset,
                     unsigned attempts) {
    return this->walk(index, iend, low, attempts,
                      [&](std::size_t, std::uint32_t candidate) { offset = index - candidate; });
  }

  const std::uint32_t sparse_stride_;
};

}  // namespace zstdpp::encoder

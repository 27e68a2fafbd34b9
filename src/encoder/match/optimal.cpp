// The optimal parsers: btopt, btultra, btultra2 (levels 16-22).
//
// Instead of deciding match by match, the parser prices whole paths. From a start
// position it walks forward one position at a time, keeping for each position ahead the
// cheapest way found to reach it (a node: price so far, and the literal or match that
// arrived there). At each position it collects every useful match (below) and relaxes
// the nodes they reach: a match of length L found at position p offers, for every length
// from the minimum up to L, a path to p + length at the node's price plus the match's
// price. A literal offers p + 1. Prices come from the statistics of optimal_state.hpp.
// Forward order makes this exact: every transition goes forward, so a node is final when
// the walk reaches it (a shortest path over a DAG in topological order).
//
// Repeat offsets make the price of an offset depend on the path: each node carries the
// repeat history of its own path, derived when the walk reaches it from the node it came
// from, and matches found there are priced with the repeat code that history gives.
//
// The walk commits when it reaches the furthest position any match has offered (no path
// crosses it, so the cheapest path to it is the cheapest there is), when a match longer
// than target_length turns up (taken at once: "good enough"; a long match is almost
// always right, and pricing every length of it would cost more than it could save), or
// when the path array is full. The path is read back from the end, its sequences stored
// and counted into the statistics, and a new walk starts at the end.
//
// Match collection at a position: the three repeat offsets first (the history's meaning
// after zero literals shifts, section 3.1.1.5), then, with min_match 3, the newest
// position with the same first 3 bytes (a small hash table: 3-byte matches only pay at
// short distances, and the tree is hashed on 4), then the binary tree of
// binary_tree.hpp, whose insertion walk reports each match longer than those before it.
// Every position is inserted (the parser searches them all), except inside a very long
// match taken at once.
//
// btopt prices in whole bits, btultra in fractional bits; btultra2 also parses a frame's
// first block twice, the first time only to learn its statistics, so that even a single
// block is priced from its own data rather than from the format's default distributions.
#include <algorithm>
#include <climits>
#include <cstring>
#include <span>

#include "encoder/match/binary_tree.hpp"
#include "encoder/match/match_state.hpp"
#include "encoder/match/optimal_state.hpp"

namespace zstdpp::encoder {
namespace {

// A match this long found while inserting skips the positions it covers, but these (the
// tree then holds the match's start and end, where the next matches are found).
constexpr std::size_t kSkipAfter = 384;

// btultra2's first-block pass is skipped below this size: a block this small is cheap
// either way, and its statistics are too thin to learn from.
constexpr std::size_t kTwoPassMinSize = 1024;

// 3-byte matches further back than this are not offered: their offset costs more than
// the three literals. Measured at level 19 on 3 MB each of xml, ooffice and dickens:
// 2^16 +0.05%, 2^18 +0.02%, 2^20 and 2^24 the same.
constexpr unsigned kHash3MaxDistanceLog = 20;

// Binary tree hashed on max(kMls, 4) bytes, plus the 3-byte table when kMls is 3.
template <unsigned kMls>
class MatchCollector : BinaryTree<(kMls < 4 ? 4 : kMls)> {
  using Tree = BinaryTree<(kMls < 4 ? 4 : kMls)>;
  using Tree::attempts_;
  using Tree::base_;
  using Tree::ms_;

 public:
  // Matches shorter than this are never offered. It is not the hashed length: with
  // min_match 5 or 6 the tree still meets 4-byte matches among a bucket's positions, and
  // a 4-byte repeat match is about the cheapest match there is (0.1% on nci at level 16,
  // min_match 5).
  static constexpr std::size_t kShortestMatch = kMls == 3 ? 3 : 4;

  MatchCollector(MatchState& ms, std::size_t sufficient)
      : Tree(ms),
        hash3_(ms.hash3_table()),
        hash3_log_(ms.params().hash3_log),
        sufficient_(sufficient) {}

  // Inserts [next_to_update, end), every position but those a long match skips.
  void update(std::uint32_t end, const std::uint8_t* iend) {
    std::uint32_t i = ms_.next_to_update;
    while (i < end) {
      insert_hash3(i);
      const std::size_t length =
          this->walk(i, iend, ms_.window_low(i), attempts_, [](std::size_t, std::uint32_t) {});
      i += length > kSkipAfter ? static_cast<std::uint32_t>(length - kSkipAfter) : 1;
    }
    if (end > ms_.next_to_update) ms_.next_to_update = end;
  }

  // The matches at `current` (inserting it), in strictly increasing lengths of at least
  // min_match, into `out`; returns their count. `rep` and `ll0` (no literal before the
  // match) give the repeat offsets' meaning. REQUIRES: base_ + current + 8 <= iend.
  std::size_t collect(std::uint32_t current, const std::uint8_t* iend, const RepeatHistory& rep, bool ll0,
                      MatchCandidate* out) {
    // The window at this position (a block may be longer than the window).
    const std::uint32_t low = ms_.window_low(current);
    update(current, iend);
    const std::uint8_t* const ip = base_ + current;
    std::size_t count = 0;
    std::size_t best = kShortestMatch - 1;
    auto offer = [&](std::uint32_t offset, std::size_t length) {
      if (length <= best || count == OptimalState::kMaxCandidates) return;
      out[count++] = {offset, static_cast<std::uint32_t>(length)};
      best = length;
    };
    for (unsigned r = 0; r < 3; ++r) {
      const std::uint32_t offset = !ll0 ? rep[r] : r < 2 ? rep[r + 1] : rep[0] - 1;
      if (offset == 0 || offset > current - low) continue;
      const std::uint8_t* const match = ip - offset;
      if (load_native<std::uint16_t>(match) != load_native<std::uint16_t>(ip) || match[2] != ip[2]) continue;
      offer(offset, 3 + common_length(ip + 3, match + 3, iend));
    }
    // Taken at once: the search would not change the choice. next_to_update is still
    // `current` (update() stopped there), so the next update inserts it.
    if (best > sufficient_) return count;
    if constexpr (kMls == 3) {
      const std::uint32_t candidate = insert_hash3(current);
      const std::uint32_t h3_low = current > (1u << kHash3MaxDistanceLog) ? current - (1u << kHash3MaxDistanceLog) : 0;
      if (candidate != 0 && candidate >= low && candidate >= h3_low && best < 3) {
        const std::uint8_t* const match = base_ + candidate;
        if (load_native<std::uint16_t>(match) == load_native<std::uint16_t>(ip) && match[2] == ip[2])
          offer(current - candidate, 3 + common_length(ip + 3, match + 3, iend));
      }
    }
    this->walk(current, iend, low, attempts_,
               [&](std::size_t length, std::uint32_t candidate) { offer(current - candidate, length); });
    ms_.next_to_update = current + 1;
    return count;
  }

 private:
  // Sets the 3-byte table's entry for `index`; returns the position it held.
  std::uint32_t insert_hash3(std::uint32_t index) {
    if constexpr (kMls != 3) {
      return 0;
    } else {
      std::uint32_t& slot = hash3_[hash_bytes(base_ + index, 3, hash3_log_)];
      const std::uint32_t previous = slot;
      slot = index;
      return previous;
    }
  }

  std::uint32_t* const hash3_;
  const unsigned hash3_log_;
  const std::size_t sufficient_;
};

// The long-distance matcher's matches (MatchState::long_matches) as candidates: the part
// of the match covering a position, asked for at increasing positions.
class LongMatchCursor {
 public:
  LongMatchCursor(std::span<const LongMatch> matches, std::uint32_t block_start)
      : matches_(matches), end_(block_start) {}

  // The long match covering `pos`, from `pos` on; length 0 if none.
  MatchCandidate at(std::uint32_t pos) {
    while (end_ <= pos) {
      if (next_ == matches_.size()) return {0, 0};
      const LongMatch& m = matches_[next_++];
      start_ = end_ + m.literals;
      end_ = start_ + m.length;
      offset_ = m.offset;
    }
    return pos >= start_ ? MatchCandidate{offset_, end_ - pos} : MatchCandidate{0, 0};
  }

 private:
  std::span<const LongMatch> matches_;
  std::size_t next_ = 0;
  std::uint32_t start_ = 0, end_, offset_ = 0;  // the current match: [start_, end_)
};

// One parse of [src, src + size); see the banner.
template <unsigned kMls>
std::size_t optimal_parse(MatchState& ms, SequenceStore& store, const std::uint8_t* src, std::size_t size,
                          bool fractional) {
  if (size < 16) return size;
  OptimalState& state = ms.optimal_state();
  OptimalStatistics& stats = state.stats;
  stats.begin_block(src, size, fractional);
  const std::size_t sufficient =
      std::clamp<std::size_t>(ms.params().target_length, ms.params().min_match, OptimalState::kPathLength - 1);
  MatchCollector<kMls> collector(ms, sufficient);
  const std::uint8_t* const base = ms.base;
  const std::uint8_t* const iend = src + size;
  const std::uint8_t* const ilimit = iend - 8;  // hashing reads 8 bytes
  const std::size_t min_match = MatchCollector<kMls>::kShortestMatch;
  OptimalNode* const path = state.path.get();
  MatchCandidate* const candidates = state.candidates.get();
  PathStep* const chosen = state.chosen.get();

  const std::uint8_t* ip = src;
  const std::uint8_t* anchor = src;
  if (ip == base + ms.low_limit) ++ip;  // a match needs history before it

  // The finder's matches at a position, and the long match covering it when longer.
  LongMatchCursor long_matches(ms.long_matches, static_cast<std::uint32_t>(src - base));
  auto collect = [&](std::uint32_t pos, const RepeatHistory& rep, bool ll0) {
    std::size_t count = collector.collect(pos, iend, rep, ll0, candidates);
    if (!ms.long_matches.empty()) {
      const MatchCandidate m = long_matches.at(pos);
      if (m.length >= min_match && (count == 0 || m.length > candidates[count - 1].length) &&
          count < OptimalState::kMaxCandidates)
        candidates[count++] = m;
    }
    return count;
  };

  // Offers the matches found at path[cur] to the positions they reach.
  std::size_t last_pos = 0;
  auto relax = [&](std::size_t cur, std::size_t count) {
    const OptimalNode& from = path[cur];
    const int start_price = from.price + stats.lit_length_price(0);
    std::size_t length = min_match;
    for (std::size_t i = 0; i < count; ++i) {
      RepeatHistory rep = from.rep;
      const int offset_price =
          start_price + stats.offset_price(encode_offset(candidates[i].offset, from.lit_length, rep));
      for (; length <= candidates[i].length; ++length) {
        const std::size_t pos = cur + length;
        const int price = offset_price + stats.match_length_price(static_cast<std::uint32_t>(length));
        while (last_pos < pos) path[++last_pos].price = INT_MAX;
        if (price < path[pos].price)
          path[pos] = {price, candidates[i].offset, static_cast<std::uint32_t>(length), 0, {}};
      }
    }
  };

  while (ip < ilimit) {
    const auto lit_length = static_cast<std::uint32_t>(ip - anchor);
    const auto start = static_cast<std::uint32_t>(ip - base);
    path[0] = {stats.lit_length_price(lit_length), 0, 0, lit_length, store.rep()};
    std::size_t count = collect(start, store.rep(), lit_length == 0);
    if (count == 0) {
      ++ip;
      continue;
    }
    std::size_t end = 0;           // the position the committed path ends at
    MatchCandidate tail{0, 0};     // a match taken at once after `end`
    if (candidates[count - 1].length > sufficient) {
      tail = candidates[count - 1];
    } else {
      last_pos = 0;
      relax(0, count);
      for (std::size_t cur = 1;; ++cur) {
        OptimalNode& node = path[cur];
        const OptimalNode& prev = path[cur - 1];
        const int literal = prev.price + stats.literal_price(ip[cur - 1]) +
                            stats.lit_length_price(prev.lit_length + 1) - stats.lit_length_price(prev.lit_length);
        if (literal < node.price) node = {literal, 0, 0, prev.lit_length + 1, {}};
        if (node.length == 0) {
          node.rep = prev.rep;
        } else {
          const OptimalNode& origin = path[cur - node.length];
          node.rep = origin.rep;
          encode_offset(node.offset, origin.lit_length, node.rep);
        }
        if (cur == last_pos) {
          end = cur;
          break;
        }
        if (ip + cur >= ilimit) continue;
        count = collect(start + static_cast<std::uint32_t>(cur), node.rep, node.lit_length == 0);
        if (count == 0) continue;
        const MatchCandidate longest = candidates[count - 1];
        if (longest.length > sufficient || cur + longest.length >= OptimalState::kPathLength) {
          end = cur;
          tail = longest;
          break;
        }
        relax(cur, count);
      }
    }

    // Read the path back from `end`, then store it forward.
    std::size_t steps = 0;
    if (tail.length != 0) chosen[steps++] = {static_cast<std::uint32_t>(end), tail.offset, tail.length};
    for (std::size_t pos = end; pos > 0;) {
      const OptimalNode& node = path[pos];
      if (node.length == 0) {
        --pos;
        continue;
      }
      pos -= node.length;
      chosen[steps++] = {static_cast<std::uint32_t>(pos), node.offset, node.length};
    }
    while (steps != 0) {
      const PathStep& step = chosen[--steps];
      const std::uint8_t* const match_ip = ip + step.start;
      const auto literals = static_cast<std::uint32_t>(match_ip - anchor);
      store.add_sequence(anchor, literals, step.offset, step.length);
      stats.add_sequence(anchor, literals, store.sequences()[store.sequence_count() - 1].offset_value, step.length);
      anchor = match_ip + step.length;
    }
    ip += end + tail.length;
  }
  return static_cast<std::size_t>(iend - anchor);
}

template <unsigned kMls>
void index_with(MatchState& ms, const std::uint8_t* end) {
  MatchCollector<kMls>(ms, OptimalState::kPathLength).update(static_cast<std::uint32_t>(end - 8 - ms.base), end);
}

std::size_t dispatch(MatchState& ms, SequenceStore& store, const std::uint8_t* src, std::size_t size,
                     bool fractional) {
  switch (std::clamp(ms.params().min_match, 3u, 6u)) {
    case 3: return optimal_parse<3>(ms, store, src, size, fractional);
    case 4: return optimal_parse<4>(ms, store, src, size, fractional);
    case 5: return optimal_parse<5>(ms, store, src, size, fractional);
    default: return optimal_parse<6>(ms, store, src, size, fractional);
  }
}

}  // namespace

std::size_t match_btopt(MatchState& ms, SequenceStore& store, const std::uint8_t* src, std::size_t size) {
  return dispatch(ms, store, src, size, /*fractional=*/false);
}

std::size_t match_btultra(MatchState& ms, SequenceStore& store, const std::uint8_t* src, std::size_t size) {
  return dispatch(ms, store, src, size, /*fractional=*/true);
}

std::size_t match_btultra2(MatchState& ms, SequenceStore& store, const std::uint8_t* src, std::size_t size) {
  // The first pass needs a block with nothing before it: no history whose tables it would
  // have to restore, and no sequences of the same block already stored.
  const bool first_block = ms.optimal_state().stats.empty() && src == ms.base + ms.low_limit &&
                           store.sequence_count() == 0 && size >= kTwoPassMinSize;
  if (first_block) {
    const RepeatHistory rep = store.rep();
    dispatch(ms, store, src, size, /*fractional=*/true);
    store.reset();
    store.set_rep(rep);
    ms.clear_tables();
    ms.next_to_update = static_cast<std::uint32_t>(src - ms.base);
  }
  return dispatch(ms, store, src, size, /*fractional=*/true);
}

void index_optimal_tables(MatchState& ms, const std::uint8_t* end) {
  if (end - ms.base < 8 + static_cast<std::ptrdiff_t>(ms.next_to_update)) return;
  switch (std::clamp(ms.params().min_match, 3u, 6u)) {
    case 3: return index_with<3>(ms, end);
    case 4: return index_with<4>(ms, end);
    case 5: return index_with<5>(ms, end);
    default: return index_with<6>(ms, end);
  }
}

}  // namespace zstdpp::encoder

// The greedy, lazy, lazy2 and btlazy2 strategies (levels 4-15): one parser, three tables.
//
// At each position the parser first tries the most recent offset one byte ahead (a
// repeat match costs almost no offset bits), then asks its finder for the longest match
// at the position. Greedy takes what it found. Lazy then looks one byte further: a match
// starting there replaces the current one when it scores better, a score being 4 bits a
// byte of match length minus the offset's bit count (log2(offset + 3), 0 for the repeat
// offset), and the later match must win by a margin that pays for the literal it leaves.
// It goes on as long as the match keeps improving. lazy2 (and btlazy2) also look two
// bytes further, with a larger margin, before giving up. Without a match, the position
// advances by a step growing with the distance since the last match (incompressible
// stretches are crossed quickly). A chosen match that is not a repeat is extended
// backwards into the pending literals; after it, the second repeat offset is tried
// immediately, chaining zero-literal sequences.
//
// Finders (hash_chain.hpp, row_table.hpp, binary_tree.hpp) share one interface; the
// parser is a template over the finder, the hashed length (4..6) and the lookahead
// depth, instantiated once per combination and chosen by a switch once per block. The
// scoring constants are the trade-offs measured on the Silesia corpus (docs/optimizations.md).
#include <algorithm>
#include <bit>

#include "encoder/match/binary_tree.hpp"
#include "encoder/match/hash_chain.hpp"
#include "encoder/match/match_state.hpp"
#include "encoder/match/row_table.hpp"

namespace zstdpp::encoder {
namespace {

// Bytes without a match after which the step grows by one (log2).
constexpr unsigned kSearchStrength = 8;

// Bits the offset costs in the score: log2(Offset_Value), 0 for the most recent offset.
inline int offset_bits(std::uint32_t offset, bool rep0) {
  return rep0 ? 0 : static_cast<int>(std::bit_width(offset + 3)) - 1;
}

struct Candidate {
  const std::uint8_t* start = nullptr;
  std::size_t length = 0;
  std::uint32_t offset = 0;
  bool rep0 = false;
  int score() const { return static_cast<int>(length) * 4 - offset_bits(offset, rep0); }
};

// Margins a match `distance` bytes later must beat the current one by (score units):
// [distance - 1][repeat?]. A repeat-offset candidate needs less, its offset being free.
constexpr int kMargin[2][2] = {{4, 1}, {7, 1}};

template <class Finder, unsigned kDepth>
std::size_t lazy_parse(MatchState& ms, SequenceStore& store, const std::uint8_t* src, std::size_t size) {
  if (size < 16) return size;
  Finder finder(ms, src + size);
  const std::uint8_t* const base = ms.base;
  const std::uint8_t* const iend = src + size;
  const std::uint8_t* const ilimit = iend - 8;  // hashing and 4-byte checks read 8 bytes
  const std::uint32_t low = ms.window_low(static_cast<std::uint32_t>(iend - base));
  const std::uint8_t* const low_ptr = base + low;

  const std::uint8_t* ip = src;
  const std::uint8_t* anchor = src;
  if (ip == low_ptr) ++ip;  // a match needs history before it

  auto rep_length = [&](const std::uint8_t* at, std::uint32_t rep) -> std::size_t {
    if (rep == 0 || rep > static_cast<std::size_t>(at - low_ptr)) return 0;
    if (load_native<std::uint32_t>(at) != load_native<std::uint32_t>(at - rep)) return 0;
    return 4 + common_length(at + 4, at + 4 - rep, iend);
  };
  // Offers a later start to `best`; true if it won.
  auto offer = [&](Candidate& best, const std::uint8_t* at, unsigned distance) {
    bool improved = false;
    const std::uint32_t rep0 = store.rep()[0];
    if (const std::size_t length = rep_length(at, rep0); length != 0) {
      const Candidate c{at, length, rep0, true};
      if (c.score() > best.score() + kMargin[distance - 1][1]) {
        best = c;
        improved = true;
      }
    }
    std::uint32_t offset = 0;
    if (const std::size_t length = finder.find(at, iend, low, offset); length != 0) {
      const Candidate c{at, length, offset, false};
      if (c.score() > best.score() + kMargin[distance - 1][0]) {
        best = c;
        improved = true;
      }
    }
    return improved;
  };

  while (ip < ilimit) {
    Candidate best;
    if (const std::size_t length = rep_length(ip + 1, store.rep()[0]); length != 0)
      best = Candidate{ip + 1, length, store.rep()[0], true};
    if (kDepth == 0 && best.length != 0) {
      // Greedy: a repeat match is as good as it gets; no search.
    } else {
      std::uint32_t offset = 0;
      if (const std::size_t length = finder.find(ip, iend, low, offset); length > best.length)
        best = Candidate{ip, length, offset, false};
    }
    if (best.length == 0) {
      ip += (static_cast<std::size_t>(ip - anchor) >> kSearchStrength) + 1;
      continue;
    }
    if constexpr (kDepth >= 1) {
      while (best.start < ilimit - 1) {
        if (offer(best, best.start + 1, 1)) continue;
        if (kDepth >= 2 && best.start + 2 < ilimit && offer(best, best.start + 2, 2)) continue;
        break;
      }
    }
    const std::uint8_t* start = best.start;
    std::size_t length = best.length;
    if (!best.rep0) {
      const std::uint8_t* match = start - best.offset;
      while (start > anchor && match > low_ptr && start[-1] == match[-1]) {
        --start;
        --match;
        ++length;
      }
    }
    store.add_sequence(anchor, static_cast<std::size_t>(start - anchor), best.offset, length);
    ip = anchor = start + length;
    // The second repeat offset, right away: zero literals make it the cheapest code.
    while (ip < ilimit) {
      const std::size_t rep_match = rep_length(ip, store.rep()[1]);
      if (rep_match == 0) break;
      store.add_sequence(anchor, 0, store.rep()[1], rep_match);
      ip = anchor = ip + rep_match;
    }
  }
  return static_cast<std::size_t>(iend - anchor);
}

template <unsigned kDepth, template <unsigned> class Finder>
std::size_t dispatch_mls(MatchState& ms, SequenceStore& store, const std::uint8_t* src, std::size_t size) {
  switch (std::clamp(ms.params().min_match, 4u, 6u)) {
    case 4: return lazy_parse<Finder<4>, kDepth>(ms, store, src, size);
    case 5: return lazy_parse<Finder<5>, kDepth>(ms, store, src, size);
    default: return lazy_parse<Finder<6>, kDepth>(ms, store, src, size);
  }
}

template <unsigned kMls> using Row16 = RowFinder<kMls, 4>;
template <unsigned kMls> using Row32 = RowFinder<kMls, 5>;
template <unsigned kMls> using Row64 = RowFinder<kMls, 6>;

template <unsigned kDepth>
std::size_t dispatch_table(MatchState& ms, SequenceStore& store, const std::uint8_t* src, std::size_t size) {
  const MatchParams& p = ms.params();
  if (p.layout != TableLayout::kRows) return dispatch_mls<kDepth, HashChainFinder>(ms, store, src, size);
  switch (p.row_log) {
    case 4: return dispatch_mls<kDepth, Row16>(ms, store, src, size);
    case 5: return dispatch_mls<kDepth, Row32>(ms, store, src, size);
    default: return dispatch_mls<kDepth, Row64>(ms, store, src, size);
  }
}

template <class Finder>
void index_with(MatchState& ms, const std::uint8_t* end) {
  Finder(ms, end).index(end);
}

template <template <unsigned> class Finder>
void index_mls(MatchState& ms, const std::uint8_t* end) {
  switch (std::clamp(ms.params().min_match, 4u, 6u)) {
    case 4: return index_with<Finder<4>>(ms, end);
    case 5: return index_with<Finder<5>>(ms, end);
    default: return index_with<Finder<6>>(ms, end);
  }
}

}  // namespace

std::size_t match_greedy(MatchState& ms, SequenceStore& store, const std::uint8_t* src, std::size_t size) {
  return dispatch_table<0>(ms, store, src, size);
}
std::size_t match_lazy(MatchState& ms, SequenceStore& store, const std::uint8_t* src, std::size_t size) {
  return dispatch_table<1>(ms, store, src, size);
}
std::size_t match_lazy2(MatchState& ms, SequenceStore& store, const std::uint8_t* src, std::size_t size) {
  return dispatch_table<2>(ms, store, src, size);
}
std::size_t match_btlazy2(MatchState& ms, SequenceStore& store, const std::uint8_t* src, std::size_t size) {
  return dispatch_mls<2, BinaryTreeFinder>(ms, store, src, size);
}

void index_lazy_tables(MatchState& ms, bool binary_tree, const std::uint8_t* end) {
  if (end - ms.base < 8 + static_cast<std::ptrdiff_t>(ms.next_to_update)) return;
  if (binary_tree) return index_mls<BinaryTreeFinder>(ms, end);
  if (ms.params().layout != TableLayout::kRows) return index_mls<HashChainFinder>(ms, end);
  switch (ms.params().row_log) {
    case 4: return index_mls<Row16>(ms, end);
    case 5: return index_mls<Row32>(ms, end);
    default: return index_mls<Row64>(ms, end);
  }
}

}  // namespace zstdpp::encoder

// The "dfast" strategy (levels 3-4): two hash tables, greedy matching.
//
// The long table (hash_log bits) hashes 8 bytes and finds long matches; the short table
// (chain_log bits) hashes `mls` bytes and finds the rest. At each position: the most
// recent offset one byte ahead first (repeat offsets are cheapest), then a long match,
// then a short match, in which case a long match one byte further is looked up too and
// preferred, since long matches usually win even at a one-byte cost. Steps over
// unmatched data grow with the distance since the last match, as in "fast". After a
// match, positions inside it go into both tables, and the second repeat offset is tried
// immediately.
//
// One instance per short-hash length (mls 4..7), chosen once per block.
#include <algorithm>

#include "encoder/match/match_state.hpp"

namespace zstdpp::encoder {
namespace {

constexpr unsigned kSearchStrength = 8;
constexpr unsigned kLongMls = 8;

template <unsigned kMls>
std::size_t dfast_body(MatchState& ms, SequenceStore& store, const std::uint8_t* src, std::size_t size) {
  if (size < 16) return size;
  const MatchParams& params = ms.params();
  std::uint32_t* const long_table = ms.hash_table();
  std::uint32_t* const short_table = ms.chain_table();
  const unsigned long_log = params.hash_log;
  const unsigned short_log = params.chain_log;
  const std::uint8_t* const base = ms.base;
  const std::uint8_t* const iend = src + size;
  const std::uint8_t* const ilimit = iend - 8;
  const auto end_index = static_cast<std::uint32_t>(iend - base);
  const std::uint32_t low = ms.window_low(end_index);
  const std::uint8_t* const low_ptr = base + low;

  const std::uint8_t* ip = src;
  const std::uint8_t* anchor = src;
  if (ip == low_ptr) ++ip;

  auto valid_rep = [&](std::uint32_t rep, const std::uint8_t* at) {
    return rep != 0 && rep <= static_cast<std::size_t>(at - low_ptr);
  };
  auto insert = [&](const std::uint8_t* p) {
    const auto index = static_cast<std::uint32_t>(p - base);
    long_table[hash_bytes(p, kLongMls, long_log)] = index;
    short_table[hash_bytes(p, kMls, short_log)] = index;
  };

  while (ip < ilimit) {
    const auto current = static_cast<std::uint32_t>(ip - base);
    const std::uint32_t hl = hash_bytes(ip, kLongMls, long_log);
    const std::uint32_t hs = hash_bytes(ip, kMls, short_log);
    const std::uint32_t long_candidate = long_table[hl];
    const std::uint32_t short_candidate = short_table[hs];
    long_table[hl] = short_table[hs] = current;

    const std::uint32_t rep0 = store.rep()[0];
    std::size_t length;
    std::uint32_t offset;
    const std::uint8_t* match;
    if (valid_rep(rep0, ip + 1) && load_native<std::uint32_t>(ip + 1) == load_native<std::uint32_t>(ip + 1 - rep0)) {
      ++ip;
      offset = rep0;
      length = 4 + common_length(ip + 4, ip + 4 - rep0, iend);
      store.add_sequence(anchor, static_cast<std::size_t>(ip - anchor), offset, length);
      ip += length;
      anchor = ip;
    } else {
      if (long_candidate >= low &&
          load_native<std::uint64_t>(base + long_candidate) == load_native<std::uint64_t>(ip)) {
        match = base + long_candidate;
        length = 8 + common_length(ip + 8, match + 8, iend);
      } else if (short_candidate >= low &&
                 load_native<std::uint32_t>(base + short_candidate) == load_native<std::uint32_t>(ip)) {
        // A long match one byte later is usually the better deal.
        const std::uint32_t hl1 = hash_bytes(ip + 1, kLongMls, long_log);
        const std::uint32_t next_long = long_table[hl1];
        long_table[hl1] = current + 1;
        if (next_long >= low && load_native<std::uint64_t>(base + next_long) == load_native<std::uint64_t>(ip + 1)) {
          ++ip;
          match = base + next_long;
          length = 8 + common_length(ip + 8, match + 8, iend);
        } else {
          match = base + short_candidate;
          length = 4 + common_length(ip + 4, match + 4, iend);
        }
      } else {
        ip += ((static_cast<std::size_t>(ip - anchor)) >> kSearchStrength) + 1;
        continue;
      }
      offset = static_cast<std::uint32_t>(ip - match);
      while (ip > anchor && match > low_ptr && ip[-1] == match[-1]) {
        --ip;
        --match;
        ++length;
      }
      store.add_sequence(anchor, static_cast<std::size_t>(ip - anchor), offset, length);
      ip += length;
      anchor = ip;
    }

    if (ip < ilimit) {
      insert(base + current + 2);
      insert(ip - 2);
      long_table[hash_bytes(ip - 1, kLongMls, long_log)] = static_cast<std::uint32_t>(ip - 1 - base);
      for (;;) {
        const std::uint32_t rep1 = store.rep()[1];
        if (ip >= ilimit || !valid_rep(rep1, ip) ||
            load_native<std::uint32_t>(ip) != load_native<std::uint32_t>(ip - rep1))
          break;
        const std::size_t rep_length = 4 + common_length(ip + 4, ip + 4 - rep1, iend);
        insert(ip);
        store.add_sequence(anchor, 0, rep1, rep_length);
        ip += rep_length;
        anchor = ip;
      }
    }
  }
  return static_cast<std::size_t>(iend - anchor);
}

}  // namespace

std::size_t match_dfast(MatchState& ms, SequenceStore& store, const std::uint8_t* src, std::size_t size) {
  switch (std::clamp(ms.params().min_match, 4u, 7u)) {
    case 4: return dfast_body<4>(ms, store, src, size);
    case 5: return dfast_body<5>(ms, store, src, size);
    case 6: return dfast_body<6>(ms, store, src, size);
    default: return dfast_body<7>(ms, store, src, size);
  }
}

}  // namespace zstdpp::encoder

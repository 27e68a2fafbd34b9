// The "fast" strategy (levels 1-2 and negative levels): one hash table, greedy matching.
//
// At each position the table gives the last position with the same hash of `mls` bytes;
// a candidate that matches on 4 bytes becomes a match, extended forwards to the block's
// end and backwards into the pending literals. Before the table lookup, the most recent
// offset is tried one byte ahead: repeat offsets are the cheapest matches the format has
// (section 3.1.1.5). Without a match the position advances by a step that grows with the
// distance since the last match, so incompressible stretches are crossed quickly;
// target_length adds to the step (the acceleration of negative levels). After a match,
// two positions inside it are put in the table (cheap, and they are good candidates for
// later data), and the second repeat offset is tried immediately, chaining sequences
// with no literals between them.
//
// One instance per hashed length (mls 4..7), chosen once per block.
#include <algorithm>

#include "encoder/match/match_state.hpp"

namespace zstdpp::encoder {
namespace {

// The step grows by one for every 2^kSearchStrength bytes without a match.
constexpr unsigned kSearchStrength = 8;

template <unsigned kMls>
std::size_t fast_body(MatchState& ms, SequenceStore& store, const std::uint8_t* src, std::size_t size) {
  if (size < 16) return size;
  const MatchParams& params = ms.params();
  std::uint32_t* const table = ms.hash_table();
  const unsigned hash_log = params.hash_log;
  const std::uint8_t* const base = ms.base;
  const std::uint8_t* const iend = src + size;
  const std::uint8_t* const ilimit = iend - 8;  // hashing and 4-byte checks read 8 bytes
  const auto end_index = static_cast<std::uint32_t>(iend - base);
  const std::uint32_t low = ms.window_low(end_index);
  const std::uint8_t* const low_ptr = base + low;
  const std::size_t acceleration = params.target_length ? params.target_length : 1;

  const std::uint8_t* ip = src;
  const std::uint8_t* anchor = src;
  if (ip == low_ptr) ++ip;  // a match needs history before it

  auto valid_rep = [&](std::uint32_t rep, const std::uint8_t* at) {
    return rep != 0 && rep <= static_cast<std::size_t>(at - low_ptr);
  };

  while (ip < ilimit) {
    const auto current = static_cast<std::uint32_t>(ip - base);
    const std::uint32_t h = hash_bytes(ip, kMls, hash_log);
    const std::uint32_t candidate = table[h];
    table[h] = current;

    const std::uint32_t rep0 = store.rep()[0];
    std::size_t length;
    std::uint32_t offset;
    if (valid_rep(rep0, ip + 1) && load_native<std::uint32_t>(ip + 1) == load_native<std::uint32_t>(ip + 1 - rep0)) {
      ++ip;
      offset = rep0;
      length = 4 + common_length(ip + 4, ip + 4 - rep0, iend);
    } else if (candidate >= low && load_native<std::uint32_t>(base + candidate) == load_native<std::uint32_t>(ip)) {
      const std::uint8_t* match = base + candidate;
      offset = current - candidate;
      length = 4 + common_length(ip + 4, match + 4, iend);
      while (ip > anchor && match > low_ptr && ip[-1] == match[-1]) {
        --ip;
        --match;
        ++length;
      }
    } else {
      ip += ((static_cast<std::size_t>(ip - anchor)) >> kSearchStrength) + acceleration;
      continue;
    }

    store.add_sequence(anchor, static_cast<std::size_t>(ip - anchor), offset, length);
    ip += length;
    anchor = ip;
    if (ip < ilimit) {
      table[hash_bytes(base + current + 2, kMls, hash_log)] = current + 2;
      table[hash_bytes(ip - 2, kMls, hash_log)] = static_cast<std::uint32_t>(ip - 2 - base);
      // The second repeat offset, right away: a sequence with no literals.
      for (;;) {
        const std::uint32_t rep1 = store.rep()[1];
        if (ip >= ilimit || !valid_rep(rep1, ip) ||
            load_native<std::uint32_t>(ip) != load_native<std::uint32_t>(ip - rep1))
          break;
        const std::size_t rep_length = 4 + common_length(ip + 4, ip + 4 - rep1, iend);
        table[hash_bytes(ip, kMls, hash_log)] = static_cast<std::uint32_t>(ip - base);
        store.add_sequence(anchor, 0, rep1, rep_length);
        ip += rep_length;
        anchor = ip;
      }
    }
  }
  return static_cast<std::size_t>(iend - anchor);
}

}  // namespace

std::size_t match_fast(MatchState& ms, SequenceStore& store, const std::uint8_t* src, std::size_t size) {
  switch (std::clamp(ms.params().min_match, 4u, 7u)) {
    case 4: return fast_body<4>(ms, store, src, size);
    case 5: return fast_body<5>(ms, store, src, size);
    case 6: return fast_body<6>(ms, store, src, size);
    default: return fast_body<7>(ms, store, src, size);
  }
}

}  // namespace zstdpp::encoder

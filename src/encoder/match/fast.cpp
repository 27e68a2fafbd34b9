// The "fast" strategy (levels 1-2 and negative levels): one hash table, greedy matching.
//
// Positions are probed in pairs (ip0 and ip0 + 1): both hashes are computed together so
// their table loads overlap, and each probe stores its own position in the table. A
// candidate that matches on 4 bytes becomes a match, extended forwards to the block's end
// and backwards into the pending literals. Before the pair, the most recent offset is
// tried at ip0 + 1: repeat offsets are the cheapest matches the format has (section
// 3.1.1.5). Without a match the pair advances by `step`, which starts at target_length + 1
// (2 for positive levels: every position is probed; the negative levels' acceleration
// skips more) and grows by one every kStepIncrement bytes without a match, so
// incompressible stretches are crossed quickly. After a match, two positions inside it go
// into the table and the second repeat offset is tried immediately, chaining sequences
// with no literals between them.
//
// One instance per hashed length (mls 4..7), chosen once per block.
#include <algorithm>

#include "encoder/match/match_state.hpp"

namespace zstdpp::encoder {
namespace {

// Bytes without a match after which the step grows by one. Smaller crosses incompressible
// data faster at some cost in ratio; 128 keeps ratio within the reference's at each level.
constexpr std::size_t kStepIncrement = 128;

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
  const std::size_t first_step = (params.target_length ? params.target_length : 1) + 1;

  const std::uint8_t* anchor = src;
  const std::uint8_t* ip0 = src;
  if (ip0 == low_ptr) ++ip0;  // a match needs history before it

  auto valid_rep = [&](std::uint32_t rep, const std::uint8_t* at) {
    return rep != 0 && rep <= static_cast<std::size_t>(at - low_ptr);
  };

  while (ip0 + 1 < ilimit) {
    std::size_t step = first_step;
    const std::uint8_t* next_step = ip0 + kStepIncrement;
    const std::uint8_t* match = nullptr;
    std::size_t length = 0;
    std::uint32_t offset = 0;
    for (;;) {
      const std::uint8_t* const ip1 = ip0 + 1;
      const std::uint32_t h0 = hash_bytes(ip0, kMls, hash_log);
      const std::uint32_t h1 = hash_bytes(ip1, kMls, hash_log);
      const auto current0 = static_cast<std::uint32_t>(ip0 - base);
      const std::uint32_t candidate0 = table[h0];
      const std::uint32_t candidate1 = table[h1];
      table[h0] = current0;
      table[h1] = current0 + 1;

      const std::uint32_t rep0 = store.rep()[0];
      if (valid_rep(rep0, ip1) && load_native<std::uint32_t>(ip1) == load_native<std::uint32_t>(ip1 - rep0)) {
        ip0 = ip1;
        offset = rep0;
        length = 4 + common_length(ip0 + 4, ip0 + 4 - rep0, iend);
        break;
      }
      if (candidate0 >= low && load_native<std::uint32_t>(base + candidate0) == load_native<std::uint32_t>(ip0)) {
        match = base + candidate0;
        break;
      }
      if (candidate1 >= low && load_native<std::uint32_t>(base + candidate1) == load_native<std::uint32_t>(ip1)) {
        ip0 = ip1;
        match = base + candidate1;
        break;
      }
      ip0 += step;
      if (ip0 >= next_step) {
        ++step;
        next_step += kStepIncrement;
      }
      if (ip0 + 1 >= ilimit) return static_cast<std::size_t>(iend - anchor);
    }
    if (match != nullptr) {
      offset = static_cast<std::uint32_t>(ip0 - match);
      length = 4 + common_length(ip0 + 4, match + 4, iend);
      while (ip0 > anchor && match > low_ptr && ip0[-1] == match[-1]) {
        --ip0;
        --match;
        ++length;
      }
    }
    const auto match_start = static_cast<std::uint32_t>(ip0 - base);
    store.add_sequence(anchor, static_cast<std::size_t>(ip0 - anchor), offset, length);
    ip0 += length;
    anchor = ip0;
    if (ip0 < ilimit) {
      table[hash_bytes(base + match_start + 2, kMls, hash_log)] = match_start + 2;
      table[hash_bytes(ip0 - 2, kMls, hash_log)] = static_cast<std::uint32_t>(ip0 - 2 - base);
      // The second repeat offset, right away: a sequence with no literals.
      for (;;) {
        const std::uint32_t rep1 = store.rep()[1];
        if (ip0 >= ilimit || !valid_rep(rep1, ip0) ||
            load_native<std::uint32_t>(ip0) != load_native<std::uint32_t>(ip0 - rep1))
          break;
        const std::size_t rep_length = 4 + common_length(ip0 + 4, ip0 + 4 - rep1, iend);
        table[hash_bytes(ip0, kMls, hash_log)] = static_cast<std::uint32_t>(ip0 - base);
        store.add_sequence(anchor, 0, rep1, rep_length);
        ip0 += rep_length;
        anchor = ip0;
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

// Hash-chain search for the greedy, lazy and lazy2 strategies (hash chain variant).
//
// The hash table (hash_log bits over the first `kMls` bytes) holds the newest position of
// each hash; the chain table links every position to the previous one with the same
// hash, at slot position mod 2^chain_log. A search walks the chain newest first, at most
// 2^search_log candidates, and keeps the longest match. Once a candidate is older than
// 2^chain_log positions its slot may hold a newer position's link, so the walk stops
// there: this bounds both the search and the distance chains can reach.
//
// Every position is inserted, lazily: a search at ip first inserts the positions from
// next_to_update up to ip (those inside the previous match and skipped ones), so the
// parser needs no insertion of its own. REQUIRES of find(): calls at increasing ip.
#pragma once

#include <cstddef>
#include <cstdint>

#include "encoder/match/match_state.hpp"

namespace zstdpp::encoder {

template <unsigned kMls>
class HashChainFinder : ChainedFinderBase {
 public:
  HashChainFinder(MatchState& ms, const std::uint8_t* /*iend*/)
      : ChainedFinderBase(ms), chain_log_(ms.params().chain_log) {}

  // Inserts [next_to_update, target).
  void update(const std::uint8_t* target) {
    const auto end = static_cast<std::uint32_t>(target - base_);
    for (std::uint32_t i = ms_.next_to_update; i < end; ++i) insert(i);
    if (end > ms_.next_to_update) ms_.next_to_update = end;
  }

  // Indexes every position before end - 8 (a dictionary's content ending at `end`).
  void index(const std::uint8_t* end) { update(end - 8); }

  // The longest match at ip (at least 4 bytes, 0 if none) within [low, ip), reading no
  // byte at or past iend; its distance in `offset`. REQUIRES: ip + 8 <= iend.
  std::size_t find(const std::uint8_t* ip, const std::uint8_t* iend, std::uint32_t low, std::uint32_t& offset) {
    update(ip);
    const auto current = static_cast<std::uint32_t>(ip - base_);
    insert(current);
    ms_.next_to_update = current + 1;
    const std::uint32_t chain_size = 1u << chain_log_;
    const std::uint32_t min_chain = current > chain_size ? current - chain_size : 0;
    const std::size_t max_length = static_cast<std::size_t>(iend - ip);
    std::size_t best = 3;
    std::uint32_t candidate = chain_[ms_.chain_slot(current, chain_log_)];
    for (unsigned left = attempts_; left != 0 && candidate >= low; --left) {
      const std::uint8_t* match = base_ + candidate;
      // The byte that would make this candidate longer than the best is checked first.
      if (match[best] == ip[best] && load_native<std::uint32_t>(match) == load_native<std::uint32_t>(ip)) {
        const std::size_t length = 4 + common_length(ip + 4, match + 4, iend);
        if (length > best) {
          best = length;
          offset = current - candidate;
          if (length == max_length) break;  // nothing can be longer (and ip[best] is past the end)
        }
      }
      if (candidate <= min_chain) break;
      candidate = chain_[ms_.chain_slot(candidate, chain_log_)];
    }
    return best > 3 ? best : 0;
  }

 private:
  void insert(std::uint32_t index) {
    std::uint32_t& head = hash_[hash_bytes(base_ + index, kMls, hash_log_)];
    chain_[ms_.chain_slot(index, chain_log_)] = head;
    head = index;
  }

  const unsigned chain_log_;
};

}  // namespace zstdpp::encoder

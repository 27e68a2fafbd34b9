// MatchState table management (see the header).
#include "encoder/match/match_state.hpp"

#include <algorithm>
#include <cstring>

namespace zstdpp::encoder {

void MatchState::reset(const MatchParams& params, bool clear) {
  params_ = params;
  const std::size_t hash = std::size_t{1} << params.hash_log;
  if (hash_capacity_ < hash) {
    hash_.reset(new std::uint32_t[hash]);
    hash_capacity_ = hash;
  }
  if (clear) std::memset(hash_.get(), 0, hash * sizeof(std::uint32_t));
  const std::size_t chain = std::size_t{1} << params.chain_log;
  if (chain_capacity_ < chain) {
    chain_.reset(new std::uint32_t[chain]);
    chain_capacity_ = chain;
  }
  if (clear) std::memset(chain_.get(), 0, chain * sizeof(std::uint32_t));
  dict_limit = low_limit = next_to_update = 0;
}

void MatchState::rebase(std::uint32_t shift) {
  auto drop = [shift](std::uint32_t* table, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) table[i] = table[i] > shift ? table[i] - shift : 0;
  };
  drop(hash_.get(), hash_size());
  drop(chain_.get(), chain_size());
  dict_limit = dict_limit > shift ? dict_limit - shift : 0;
  low_limit = low_limit > shift ? low_limit - shift : 0;
  next_to_update = next_to_update > shift ? next_to_update - shift : 0;
}

}  // namespace zstdpp::encoder

// MatchState table management (see the header).
#include "encoder/match/match_state.hpp"

#include <algorithm>
#include <cstring>

namespace zstdpp::encoder {
namespace {

template <class T>
void ensure(std::unique_ptr<T[]>& table, std::size_t& capacity, std::size_t size, bool clear) {
  if (size == 0) return;
  if (capacity < size) {
    table.reset();  // release before allocating: the two need not coexist
    table.reset(new T[size]);
    capacity = size;
  }
  if (clear) std::memset(table.get(), 0, size * sizeof(T));
}

}  // namespace

void MatchState::reset(const MatchParams& params, bool clear) {
  params_ = params;
  ensure(hash_, hash_capacity_, hash_size(), clear);
  ensure(chain_, chain_capacity_, chain_size(), clear);
  ensure(tags_, tags_capacity_, params.layout == TableLayout::kRows ? hash_size() : 0, clear);
  ensure(heads_, heads_capacity_, row_count(), clear);
  ensure(hash3_, hash3_capacity_, hash3_size(), clear);
  if (optimal_) optimal_->stats.clear();
  dict_limit = low_limit = next_to_update = 0;
  chain_phase_ = 0;
}

void MatchState::clear_tables() {
  auto zero = [](auto* table, std::size_t n) {
    if (n != 0) std::memset(table, 0, n * sizeof(*table));
  };
  zero(hash_.get(), hash_size());
  zero(chain_.get(), chain_size());
  zero(hash3_.get(), hash3_size());
  zero(tags_.get(), params_.layout == TableLayout::kRows ? hash_size() : 0);
  zero(heads_.get(), row_count());
}

void MatchState::copy_tables_from(const MatchState& other) {
  std::memcpy(hash_.get(), other.hash_.get(), hash_size() * sizeof(std::uint32_t));
  if (chain_size() != 0) std::memcpy(chain_.get(), other.chain_.get(), chain_size() * sizeof(std::uint32_t));
  if (row_count() != 0) {
    std::memcpy(tags_.get(), other.tags_.get(), hash_size());
    std::memcpy(heads_.get(), other.heads_.get(), row_count());
  }
  if (hash3_size() != 0) std::memcpy(hash3_.get(), other.hash3_.get(), hash3_size() * sizeof(std::uint32_t));
  dict_limit = other.dict_limit;
  low_limit = other.low_limit;
  next_to_update = other.next_to_update;
  chain_phase_ = other.chain_phase_;
}

void MatchState::rebase(std::uint32_t shift) {
  auto drop = [shift](std::uint32_t* table, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) table[i] = table[i] > shift ? table[i] - shift : 0;
  };
  drop(hash_.get(), hash_size());
  drop(chain_.get(), chain_size());
  drop(hash3_.get(), hash3_size());
  chain_phase_ += shift;  // position p - shift keeps p's slot (arithmetic modulo 2^32)
  dict_limit = dict_limit > shift ? dict_limit - shift : 0;
  low_limit = low_limit > shift ? low_limit - shift : 0;
  next_to_update = next_to_update > shift ? next_to_update - shift : 0;
}

OptimalState& MatchState::optimal_state() {
  if (!optimal_) optimal_ = std::make_unique<OptimalState>();
  return *optimal_;
}

}  // namespace zstdpp::encoder

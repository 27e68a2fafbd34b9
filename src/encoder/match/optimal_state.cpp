// The optimal parsers' statistics (see the header for the model).
#include "encoder/match/optimal_state.hpp"

#include <algorithm>

namespace zstdpp::encoder {
namespace {

// Literals outnumber sequences several times over; counting each literal twice lets the
// byte statistics move as fast as the code statistics when both are scaled to similar sums.
constexpr std::uint32_t kLiteralIncrement = 2;

// Sums the counts are scaled to at a block start (log2): the weight of the prior against
// the block's own sequences.
constexpr unsigned kLiteralPriorLog = 12;
constexpr unsigned kCodePriorLog = 10;

// Scales counts down to a sum near 2^target_log, keeping every count at least 1 (a symbol
// never seen stays possible); returns the new sum.
template <std::size_t N>
std::uint32_t scale_down(std::array<std::uint32_t, N>& counts, std::uint32_t sum, unsigned target_log) {
  unsigned shift = 0;
  while ((sum >> shift) > (std::uint32_t{1} << target_log)) ++shift;
  std::uint32_t new_sum = 0;
  for (std::uint32_t& c : counts) {
    c = 1 + (c >> shift);
    new_sum += c;
  }
  return new_sum;
}

template <std::size_t N, std::size_t M>
std::uint32_t seed_from_distribution(std::array<std::uint32_t, N>& counts, const std::array<std::int16_t, M>& norm) {
  std::uint32_t sum = 0;
  for (std::size_t i = 0; i < N; ++i) {
    // "Less than 1" probabilities (-1) and codes past the distribution count as 1.
    counts[i] = i < M && norm[i] > 1 ? static_cast<std::uint32_t>(norm[i]) : 1;
    sum += counts[i];
  }
  return sum;
}

}  // namespace

void OptimalStatistics::begin_block(const std::uint8_t* src, std::size_t size, bool fractional) {
  fractional_ = fractional;
  if (!seeded_) {
    literal_.fill(0);
    for (std::size_t i = 0; i < size; ++i) ++literal_[src[i]];
    literal_sum_ = scale_down(literal_, static_cast<std::uint32_t>(size), kLiteralPriorLog);
    lit_length_sum_ = seed_from_distribution(lit_length_, format::kLiteralLengthDefaultNorm);
    match_length_sum_ = seed_from_distribution(match_length_, format::kMatchLengthDefaultNorm);
    offset_sum_ = seed_from_distribution(offset_, format::kOffsetDefaultNorm);
    seeded_ = true;
  } else {
    literal_sum_ = scale_down(literal_, literal_sum_, kLiteralPriorLog);
    lit_length_sum_ = scale_down(lit_length_, lit_length_sum_, kCodePriorLog);
    match_length_sum_ = scale_down(match_length_, match_length_sum_, kCodePriorLog);
    offset_sum_ = scale_down(offset_, offset_sum_, kCodePriorLog);
  }
  refresh_costs();
  refresh_sums();
}

void OptimalStatistics::add_sequence(const std::uint8_t* literals, std::uint32_t lit_length,
                                     std::uint32_t offset_value, std::uint32_t match_length) {
  for (std::uint32_t i = 0; i < lit_length; ++i) {
    const std::uint8_t b = literals[i];
    literal_[b] += kLiteralIncrement;
    literal_cost_[b] = -price_of(literal_[b]);
  }
  literal_sum_ += lit_length * kLiteralIncrement;
  const unsigned ll_code = literal_length_code(lit_length);
  const unsigned ml_code = match_length_code(match_length);
  const unsigned of_code = offset_code(offset_value);
  ++lit_length_[ll_code];
  ++match_length_[ml_code];
  ++offset_[of_code];
  lit_length_cost_[ll_code] = (format::kLiteralLengthBits[ll_code] << kPriceShift) - price_of(lit_length_[ll_code]);
  match_length_cost_[ml_code] = (format::kMatchLengthBits[ml_code] << kPriceShift) - price_of(match_length_[ml_code]);
  offset_cost_[of_code] = static_cast<int>(of_code << kPriceShift) - price_of(offset_[of_code]);
  ++lit_length_sum_;
  ++match_length_sum_;
  ++offset_sum_;
  refresh_sums();
}

void OptimalStatistics::refresh_costs() {
  for (std::size_t i = 0; i < literal_.size(); ++i) literal_cost_[i] = -price_of(literal_[i]);
  for (std::size_t c = 0; c < lit_length_.size(); ++c)
    lit_length_cost_[c] = (format::kLiteralLengthBits[c] << kPriceShift) - price_of(lit_length_[c]);
  for (std::size_t c = 0; c < match_length_.size(); ++c)
    match_length_cost_[c] = (format::kMatchLengthBits[c] << kPriceShift) - price_of(match_length_[c]);
  for (std::size_t c = 0; c < offset_.size(); ++c)
    offset_cost_[c] = static_cast<int>(c << kPriceShift) - price_of(offset_[c]);
}

void OptimalStatistics::refresh_sums() {
  literal_sum_price_ = price_of(literal_sum_);
  lit_length_sum_price_ = price_of(lit_length_sum_);
  match_length_sum_price_ = price_of(match_length_sum_);
  offset_sum_price_ = price_of(offset_sum_);
}

}  // namespace zstdpp::encoder

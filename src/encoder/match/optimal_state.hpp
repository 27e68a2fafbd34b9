// The optimal parsers' price model and path (btopt, btultra, btultra2; optimal.cpp).
//
// A price is what a choice is expected to cost in the compressed block, in 1/256 bits: a
// symbol the entropy stage will code, seen f times in a total of T, costs log2(T / f)
// bits, plus the extra bits of its code (RFC 8878 section 3.1.1.3.2.1.1). The symbols are
// those the block's sequences section and literals section code: literal bytes, literal
// length codes, match length codes and offset codes.
//
// The counts follow the data. At a frame's first block the literal counts come from the
// block's own byte histogram and the three code counts from the format's predefined
// distributions (section 3.1.1.3.2.2): what the format itself assumes when nothing is
// known. Every sequence the parser commits adds to them, so prices adapt within a block.
// At each later block the counts are scaled down, keeping the shape of the previous
// block's statistics as a prior that the new block's sequences soon outweigh.
//
// btopt prices whole bits (the logarithm rounded down); btultra and btultra2 fractional
// bits, interpolating linearly between powers of two (at most 0.09 bit low).
//
// A literal never costs less than a bit: Huffman codes, which the literals section uses,
// spend at least one bit per symbol, however frequent. Without the floor a byte holding
// most of the counts was free and the parser kept literals where a match paid (200 KB of
// 85% 'a': 54,892 bytes at level 16 against libzstd's 52,280; with it 52,434; no change
// on the corpus files).
#pragma once

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <memory>

#include "common/format.hpp"
#include "encoder/sequence_codes.hpp"
#include "encoder/sequence_store.hpp"

namespace zstdpp::encoder {

inline constexpr unsigned kPriceShift = 8;  // prices are in units of 1/256 bit
inline constexpr int kBitPrice = 1 << kPriceShift;

// log2(x) in price units, x >= 1.
inline int log2_price(std::uint32_t x, bool fractional) {
  const unsigned high = static_cast<unsigned>(std::bit_width(x)) - 1;
  int price = static_cast<int>(high << kPriceShift);
  if (fractional) price += static_cast<int>(((std::uint64_t{x} << kPriceShift) >> high) - kBitPrice);
  return price;
}

class OptimalStatistics {
 public:
  bool empty() const { return !seeded_; }
  void clear() { seeded_ = false; }

  // Prepares the prices for the block [src, src + size): seeds them at a frame's first
  // block, scales the counts down at later ones.
  void begin_block(const std::uint8_t* src, std::size_t size, bool fractional);

  // Counts a sequence the parser committed to.
  void add_sequence(const std::uint8_t* literals, std::uint32_t lit_length, std::uint32_t offset_value,
                    std::uint32_t match_length);

  int literal_price(std::uint8_t byte) const {
    const int price = literal_sum_price_ + literal_cost_[byte];
    return price > kBitPrice ? price : kBitPrice;  // a Huffman code has at least one bit
  }
  int lit_length_price(std::uint32_t lit_length) const {
    return lit_length_sum_price_ + lit_length_cost_[literal_length_code(lit_length)];
  }
  // The offset's part of a match's price (its Offset_Value) and the length's: the parser
  // prices one offset against many lengths.
  int offset_price(std::uint32_t offset_value) const {
    return offset_sum_price_ + offset_cost_[offset_code(offset_value)];
  }
  int match_length_price(std::uint32_t match_length) const {
    return match_length_sum_price_ + match_length_cost_[match_length_code(match_length)];
  }

 private:
  int price_of(std::uint32_t count) const { return log2_price(count, fractional_); }
  void refresh_sums();
  void refresh_costs();

  // Counts, and per symbol its extra bits less log2(count) (the price is the sum's log2
  // plus that), kept in step with the counts so a price is two loads and an add.
  std::array<std::uint32_t, 256> literal_{};
  std::array<std::uint32_t, format::kMaxLiteralLengthCode + 1> lit_length_{};
  std::array<std::uint32_t, format::kMaxMatchLengthCode + 1> match_length_{};
  std::array<std::uint32_t, format::kMaxOffsetCode + 1> offset_{};
  std::array<int, 256> literal_cost_{};
  std::array<int, format::kMaxLiteralLengthCode + 1> lit_length_cost_{};
  std::array<int, format::kMaxMatchLengthCode + 1> match_length_cost_{};
  std::array<int, format::kMaxOffsetCode + 1> offset_cost_{};
  std::uint32_t literal_sum_ = 0, lit_length_sum_ = 0, match_length_sum_ = 0, offset_sum_ = 0;
  int literal_sum_price_ = 0, lit_length_sum_price_ = 0, match_length_sum_price_ = 0, offset_sum_price_ = 0;
  bool fractional_ = false;
  bool seeded_ = false;
};

// One position of the parse: the cheapest way found to reach it. Reached by a literal
// when `length` is 0, else by a match of `length` bytes at distance `offset` ending here.
struct OptimalNode {
  int price;
  std::uint32_t offset;
  std::uint32_t length;
  std::uint32_t lit_length;  // literals since the path's last match
  RepeatHistory rep;         // the repeat offsets after this position (set when it is expanded)
};

// A match found at a position: candidates come in strictly increasing lengths.
struct MatchCandidate {
  std::uint32_t offset;
  std::uint32_t length;
};

// A match of the path the parser commits to, `start` positions into the parse.
struct PathStep {
  std::uint32_t start;
  std::uint32_t offset;
  std::uint32_t length;
};

struct OptimalState {
  // Positions one parse may look ahead before it must commit. Longer lets a parse weigh
  // more alternatives but rarely changes the choice; 4096 nodes (112 KiB) stay in L2.
  static constexpr std::size_t kPathLength = 4096;
  // Candidates per position: lengths strictly increase, so this is only reached by
  // matches longer than any parse keeps.
  static constexpr std::size_t kMaxCandidates = 1024;
  static constexpr std::size_t kHeapBytes =
      (kPathLength + 1) * sizeof(OptimalNode) + kMaxCandidates * sizeof(MatchCandidate) +
      (kPathLength + 1) * sizeof(PathStep);

  OptimalStatistics stats;
  std::unique_ptr<OptimalNode[]> path{new OptimalNode[kPathLength + 1]};
  std::unique_ptr<MatchCandidate[]> candidates{new MatchCandidate[kMaxCandidates]};
  std::unique_ptr<PathStep[]> chosen{new PathStep[kPathLength + 1]};  // the path read back
};

}  // namespace zstdpp::encoder

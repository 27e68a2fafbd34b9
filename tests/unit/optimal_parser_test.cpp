// The optimal parsers' price model (encoder/match/optimal_state.hpp) and btultra2's
// first-block pass (encoder/match/optimal.cpp).
//
// Prices are log2(total / count) bits of a symbol plus its code's extra bits (RFC 8878
// section 3.1.1.3.2.1.1), in 1/256 bit. The tests hold the model to what the parser relies
// on rather than to its constants:
//   - log2_price: whole bits are the logarithm rounded down; fractional bits are at most
//     0.09 bit (plus one rounding unit) below the exact value, never above, and both grow
//     with their argument;
//   - a symbol seen more often is cheaper (literal bytes from the block's histogram; the
//     length and offset codes from the sequences counted), and the extra bits are in;
//   - whole-bit prices are whole bits; fractional prices are not all whole;
//   - every symbol stays possible: however skewed the counts and however many blocks
//     scale them down, each price is finite and bounded (a count of 0 would make it
//     infinite), and all but one symbol of each alphabet cost more than nothing. The one
//     exception is a symbol holding more than half of its alphabet's counts: log2(total /
//     count) is under a bit there and may round to 0 (whole bits: when count and total
//     share their highest bit; fractional bits: when they differ by less than about 2^-8
//     of the total), so such a symbol may be priced free.
// btultra2 parses a frame's first block twice, the first time only to learn its
// statistics. Through the API with the same parameters as btultra: its frames decode, are
// the same on every run and on a fresh compressor, in one shot and streamed, and on small
// text-like inputs are no larger than btultra's but for a few bytes.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include "../interop/test_support.hpp"
#include "encoder/match/optimal_state.hpp"
#include "encoder/sequence_codes.hpp"

namespace zstdpp::encoder {
namespace {

using zstdpp_test::Bytes;

constexpr double kBit = kBitPrice;

// ---- log2_price ---------------------------------------------------------------------------

TEST(OptimalPrices, Log2PriceWholeAndFractionalBits) {
  std::vector<std::uint32_t> xs;
  for (std::uint32_t x = 1; x <= 70000; ++x) xs.push_back(x);
  std::mt19937 rng(1);
  for (int i = 0; i < 20000; ++i) xs.push_back(1 + static_cast<std::uint32_t>(rng() % 0xFFFFFFFEu));
  xs.push_back(0xFFFFFFFFu);
  for (const std::uint32_t x : xs) {
    const double exact = std::log2(static_cast<double>(x)) * kBit;
    const int whole = log2_price(x, false);
    const int fractional = log2_price(x, true);
    ASSERT_EQ(whole, static_cast<int>(std::floor(std::log2(static_cast<double>(x)))) * kBitPrice) << "x = " << x;
    // Linear interpolation between powers of two lies below the (concave) logarithm, by at
    // most log2(1 / ln 2) - 1 / ln 2 + 1 = 0.086 bit; the fraction's truncation adds 1 unit.
    ASSERT_LE(fractional, exact + 1e-6) << "x = " << x;
    ASSERT_GE(fractional, exact - 0.09 * kBit - 1) << "x = " << x;
    ASSERT_GE(fractional, whole) << "x = " << x;
    ASSERT_LT(fractional, whole + kBitPrice) << "x = " << x;
  }
  for (std::uint32_t x = 1; x < 70000; ++x) {
    ASSERT_LE(log2_price(x, false), log2_price(x + 1, false)) << "x = " << x;
    ASSERT_LE(log2_price(x, true), log2_price(x + 1, true)) << "x = " << x;
  }
  EXPECT_EQ(log2_price(1, true), 0);
  EXPECT_EQ(log2_price(2, true), kBitPrice);
  EXPECT_EQ(log2_price(1u << 20, true), 20 * kBitPrice);
}

// ---- OptimalStatistics --------------------------------------------------------------------

// A block of `counts[i]` copies of byte `bytes[i]`, shuffled.
Bytes block_of(const std::vector<std::uint8_t>& bytes, const std::vector<std::size_t>& counts, std::uint32_t seed) {
  Bytes out;
  for (std::size_t i = 0; i < bytes.size(); ++i) out.insert(out.end(), counts[i], bytes[i]);
  std::mt19937 rng(seed);
  std::shuffle(out.begin(), out.end(), rng);
  return out;
}

// Checks the prices of one alphabet, one per symbol (its extra bits subtracted): each is
// finite and at most `max_bits` (a count of 0 makes log2 of it wild), none negative, and
// at most one is 0 (only a symbol holding more than half of the counts can be).
void expect_usable(const std::vector<int>& prices, int max_bits, const char* alphabet) {
  int free_symbols = 0;
  for (std::size_t i = 0; i < prices.size(); ++i) {
    EXPECT_GE(prices[i], 0) << alphabet << " symbol " << i;
    EXPECT_LE(prices[i], max_bits * kBitPrice) << alphabet << " symbol " << i << ": " << prices[i] / kBit << " bits";
    free_symbols += prices[i] == 0;
  }
  EXPECT_LE(free_symbols, 1) << alphabet << ": more than one symbol priced at 0 bits";
}

// Every literal, literal length code, match length code and offset code of `stats` has a
// usable price (each code's extra bits subtracted, priced at its baseline). The symbol
// part is below 32 bits: totals stay far below 2^32.
void expect_all_prices_usable(const OptimalStatistics& stats, const std::string& what) {
  SCOPED_TRACE(what);
  std::vector<int> literals, lit_lengths, match_lengths, offsets;
  for (unsigned b = 0; b < 256; ++b) literals.push_back(stats.literal_price(static_cast<std::uint8_t>(b)));
  for (unsigned code = 0; code <= format::kMaxLiteralLengthCode; ++code) {
    lit_lengths.push_back(stats.lit_length_price(format::kLiteralLengthBase[code]) -
                          format::kLiteralLengthBits[code] * kBitPrice);
  }
  for (unsigned code = 0; code <= format::kMaxMatchLengthCode; ++code) {
    match_lengths.push_back(stats.match_length_price(format::kMatchLengthBase[code]) -
                            format::kMatchLengthBits[code] * kBitPrice);
  }
  for (unsigned code = 0; code <= format::kMaxOffsetCode; ++code)
    offsets.push_back(stats.offset_price(std::uint32_t{1} << code) - static_cast<int>(code) * kBitPrice);
  expect_usable(literals, 32, "literals");
  expect_usable(lit_lengths, 32, "literal length codes");
  expect_usable(match_lengths, 32, "match length codes");
  expect_usable(offsets, 32, "offset codes");
}

TEST(OptimalStatistics, MoreFrequentLiteralsAreCheaper) {
  // Counts five times apart: each step is more than two bits, so whole bits order them too.
  const Bytes block = block_of({'e', 't', 'q', 'z'}, {5000, 1000, 200, 40}, 2);
  for (bool fractional : {false, true}) {
    SCOPED_TRACE(fractional ? "fractional bits" : "whole bits");
    OptimalStatistics stats;
    EXPECT_TRUE(stats.empty());
    stats.begin_block(block.data(), block.size(), fractional);
    EXPECT_FALSE(stats.empty());
    EXPECT_LT(stats.literal_price('e'), stats.literal_price('t'));
    EXPECT_LT(stats.literal_price('t'), stats.literal_price('q'));
    EXPECT_LT(stats.literal_price('q'), stats.literal_price('z'));
    EXPECT_LT(stats.literal_price('z'), stats.literal_price('a')) << "a byte the block lacks";
    EXPECT_GT(stats.literal_price('t'), 0) << "not the most frequent byte, yet free";
    EXPECT_EQ(stats.literal_price('a'), stats.literal_price(0)) << "two bytes the block lacks";
    expect_all_prices_usable(stats, "after the first block");
    // clear(): the next block seeds from its own histogram again.
    stats.clear();
    EXPECT_TRUE(stats.empty());
    const Bytes other = block_of({'z', 'e'}, {5000, 40}, 3);
    stats.begin_block(other.data(), other.size(), fractional);
    EXPECT_LT(stats.literal_price('z'), stats.literal_price('e')) << "clear() kept the old histogram";
  }
}

TEST(OptimalStatistics, CountedCodesGetCheaper) {
  const Bytes block = zstdpp_test::make_english_text(8192, 4);
  for (bool fractional : {false, true}) {
    SCOPED_TRACE(fractional ? "fractional bits" : "whole bits");
    OptimalStatistics stats;
    stats.begin_block(block.data(), block.size(), fractional);
    // Match lengths 3..34 have codes 0..31 without extra bits, offset value 1 (a repeat
    // code) code 0, literal length 0 code 0: the prices before and after counting.
    const int ml4 = stats.match_length_price(4), ml5 = stats.match_length_price(5);
    const int of1 = stats.offset_price(1);
    const int ll0 = stats.lit_length_price(0);
    for (int i = 0; i < 300; ++i) stats.add_sequence(block.data(), 0, 1, 4);
    EXPECT_LT(stats.match_length_price(4), ml4) << "counting match length 4 did not make it cheaper";
    EXPECT_LT(stats.offset_price(1), of1);
    EXPECT_LT(stats.lit_length_price(0), ll0);
    EXPECT_GE(stats.match_length_price(5), ml5) << "match length 5, not counted, got cheaper";
    EXPECT_LT(stats.match_length_price(4), stats.match_length_price(5));
    // Literals counted through sequences: 'Q' (rare in the text) gets cheaper.
    const Bytes qs(200, 'Q');
    const int q = stats.literal_price('Q');
    stats.add_sequence(qs.data(), static_cast<std::uint32_t>(qs.size()), 1, 4);
    EXPECT_LT(stats.literal_price('Q'), q);
    // Extra bits are part of the price: offset code 20 carries 20 of them, match length
    // 65539 (code 49) 15, literal length 65536 (code 35) 16.
    EXPECT_GE(stats.offset_price((1u << 20) + 3), 20 * kBitPrice);
    EXPECT_GE(stats.match_length_price(65539), 15 * kBitPrice);
    EXPECT_GE(stats.lit_length_price(65536), 16 * kBitPrice);
    expect_all_prices_usable(stats, "after counting sequences");
  }
}

TEST(OptimalStatistics, WholeBitPricesAreWholeAndFractionalOnesAreNot) {
  const Bytes block = zstdpp_test::make_english_text(20000, 5);
  OptimalStatistics whole, fractional;
  whole.begin_block(block.data(), block.size(), false);
  fractional.begin_block(block.data(), block.size(), true);
  for (OptimalStatistics* s : {&whole, &fractional}) {
    for (int i = 0; i < 50; ++i) s->add_sequence(block.data() + 100 * i, 7, 4 + 100 * i, 5 + i);
  }
  int fractional_prices = 0;
  for (unsigned b = 0; b < 256; ++b) {
    const auto byte = static_cast<std::uint8_t>(b);
    EXPECT_EQ(whole.literal_price(byte) % kBitPrice, 0) << "literal " << b;
    fractional_prices += fractional.literal_price(byte) % kBitPrice != 0;
    // Both estimate log2(total / count): rounding its two logarithms down moves the
    // whole-bit one by less than a bit, the fractional one is at most 0.09 bit off.
    EXPECT_NEAR(whole.literal_price(byte), fractional.literal_price(byte), 1.2 * kBit) << "literal " << b;
  }
  for (std::uint32_t ml = 3; ml < 300; ++ml) {
    EXPECT_EQ(whole.match_length_price(ml) % kBitPrice, 0) << "match length " << ml;
    fractional_prices += fractional.match_length_price(ml) % kBitPrice != 0;
  }
  for (std::uint32_t value = 1; value < 5000; value += 7) {
    EXPECT_EQ(whole.offset_price(value) % kBitPrice, 0) << "offset value " << value;
    EXPECT_EQ(whole.lit_length_price(value) % kBitPrice, 0) << "literal length " << value;
  }
  EXPECT_GT(fractional_prices, 100) << "fractional prices are (nearly) all whole bits";
}

// Skewed counts (a block of one byte value, then sequences of the same literal, the same
// length and offset) scaled down at each of 200 later blocks: every symbol keeps a count of
// at least one (its price is finite and bounded) and only the dominant one may be free;
// the prior keeps its shape (the byte seen is still cheaper than one never seen).
TEST(OptimalStatistics, ScalingKeepsEverySymbolPossible) {
  const Bytes run(131072, 'a');
  for (bool fractional : {false, true}) {
    SCOPED_TRACE(fractional ? "fractional bits" : "whole bits");
    OptimalStatistics stats;
    stats.begin_block(run.data(), run.size(), fractional);
    expect_all_prices_usable(stats, "a first block of one byte value");
    EXPECT_LT(stats.literal_price('a'), stats.literal_price('b'));
    for (int block = 0; block < 200; ++block) {
      stats.begin_block(run.data(), run.size(), fractional);
      for (int i = 0; i < 400; ++i) stats.add_sequence(run.data(), 300, 1, 20);
      if (block % 50 == 0 || block == 199) {
        expect_all_prices_usable(stats, "after " + std::to_string(block + 1) + " later blocks");
        EXPECT_LT(stats.literal_price('a'), stats.literal_price('b'));
        EXPECT_LT(stats.match_length_price(20), stats.match_length_price(4));
        EXPECT_LT(stats.offset_price(1), stats.offset_price(2));
      }
    }
  }
}

// ---- btultra2's first-block pass ------------------------------------------------------------

ZstdCompressionParameters optimal_parameters(Strategy strategy, std::size_t size) {
  ZstdCompressionParameters p = ZstdCompressionParameters::from_level(19, size);
  p.strategy = strategy;
  p.write_checksum = true;
  return p;
}

std::vector<zstdpp_test::InputCase> small_texts() {
  return {{"text-2000", zstdpp_test::make_english_text(2000, 6)},
          {"text-8000", zstdpp_test::make_english_text(8000, 7)},
          {"text-30000", zstdpp_test::make_english_text(30000, 8)},
          {"json-60", zstdpp_test::make_json_records(60, 9)},
          {"json-250", zstdpp_test::make_json_records(250, 10)}};
}

// The pass must leave nothing behind: the same frame on every run (one-shot again, a fresh
// compressor), streamed twice alike, and every frame decodes. The inputs span one block,
// two (the pass is for the first only), and streams whose first block a flush may cut
// short.
TEST(Btultra2FirstBlockPass, DeterministicAndDecodes) {
  std::vector<zstdpp_test::InputCase> inputs = small_texts();
  inputs.push_back({"text-140000", zstdpp_test::make_english_text(140000, 11)});
  for (const auto& in : inputs) {
    const std::string what = in.name;
    SCOPED_TRACE(what);
    zstdpp_test::guarded(what, [&] {
      const CompressorOptions o = zstdpp_test::params_options(optimal_parameters(STRATEGY_BTULTRA2, in.data.size()));
      ZstdCompressor c(o);
      const Bytes frame = c.compress(in.data);
      if (!zstdpp_test::expect_decodes_to(frame, in.data, what + " one-shot")) return;
      EXPECT_TRUE(zstdpp_test::same_bytes(c.compress(in.data), frame)) << "compressing again differs";
      EXPECT_TRUE(zstdpp_test::same_bytes(ZstdCompressor(o).compress(in.data), frame)) << "a fresh compressor differs";
      const std::uint32_t seed = zstdpp_test::seed_from(what + "btultra2");
      const auto first = zstdpp_test::stream_compress_random(c, in.data, seed);
      if (!zstdpp_test::expect_decodes_to(first.frame, in.data, what + " streaming")) return;
      EXPECT_TRUE(zstdpp_test::same_bytes(zstdpp_test::stream_compress_random(c, in.data, seed).frame, first.frame))
          << "streaming again differs";
    });
  }
}

// The first pass learns the block's own statistics, so the second prices from them rather
// than from the format's default distributions: on small text-like inputs (one block) the
// frame is no larger than btultra's with the same parameters, give or take a few bytes
// (a price model is a model: a better-informed parse may still lose a byte or two), and
// over all of them together it is smaller.
TEST(Btultra2FirstBlockPass, NoLargerThanBtultraOnSmallText) {
  constexpr std::size_t kSlack = 8;
  std::size_t total2 = 0, total = 0;
  for (const auto& in : small_texts()) {
    SCOPED_TRACE(in.name);
    zstdpp_test::guarded(in.name, [&] {
      const Bytes ultra2 =
          ZstdCompressor(zstdpp_test::params_options(optimal_parameters(STRATEGY_BTULTRA2, in.data.size())))
              .compress(in.data);
      const Bytes ultra =
          ZstdCompressor(zstdpp_test::params_options(optimal_parameters(STRATEGY_BTULTRA, in.data.size())))
              .compress(in.data);
      zstdpp_test::expect_decodes_to(ultra2, in.data, in.name + " btultra2");
      zstdpp_test::expect_decodes_to(ultra, in.data, in.name + " btultra");
      std::cout << "[ btultra2 ] " << in.name << ": btultra2 " << ultra2.size() << " B, btultra " << ultra.size()
                << " B\n";
      EXPECT_LE(ultra2.size(), ultra.size() + kSlack)
          << "btultra2 " << ultra2.size() << " B, btultra " << ultra.size() << " B";
      total2 += ultra2.size();
      total += ultra.size();
    });
  }
  EXPECT_LT(total2, total) << "over all the inputs the first-block pass did not pay";
}

}  // namespace
}  // namespace zstdpp::encoder

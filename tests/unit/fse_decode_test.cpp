// Unit tests of entropy/fse_decode.hpp (RFC 8878 section 4.1): table descriptions, decode
// table construction, and the three predefined sequence tables of
// decoder/sequence_tables.hpp.
//
// Descriptions are written by the test-side encoder of section 4.1.1 (unit_support.hpp),
// checked once against a description annotated bit by bit. Decode tables are compared
// state by state with the RFC's construction written independently in the test, and the
// predefined tables with the RFC's Appendix A listing (state, symbol, bits, base) as data.
#include <gtest/gtest.h>

#include <array>
#include <numeric>
#include <random>
#include <vector>

#include "decoder/sequence_tables.hpp"
#include "entropy/fse_decode.hpp"
#include "unit_support.hpp"

namespace zstdpp {
namespace {

using entropy::NormalizedCounts;
using zstdpp_unit::Bytes;
using zstdpp_unit::ref_fse_table;
using zstdpp_unit::RefState;
using zstdpp_unit::write_fse_description;

// ---- RFC data, typed in from the RFC rather than taken from common/format.hpp -------------

// Section 3.1.1.3.2.2, predefined distributions.
const std::vector<int> kRfcLiteralLengthNorm = {4, 3, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1, 2, 2,
                                                2, 2, 2, 2, 2, 2, 2, 3, 2, 1, 1, 1, 1, 1, -1, -1, -1, -1};
const std::vector<int> kRfcMatchLengthNorm = {1, 4, 3, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1,
                                              1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
                                              1, 1, 1, 1, 1, 1, 1, 1, 1, 1, -1, -1, -1, -1, -1, -1, -1};
const std::vector<int> kRfcOffsetNorm = {1, 1, 1, 1, 1, 1, 2, 2, 2, 1, 1, 1, 1, 1, 1,
                                         1, 1, 1, 1, 1, 1, 1, 1, 1, -1, -1, -1, -1, -1};

// Section 3.1.1.3.2.1.1: baseline and extra bits per code.
struct CodeValue {
  std::uint32_t base;
  unsigned bits;
};
CodeValue rfc_literal_length_code(unsigned code) {
  if (code < 16) return {code, 0};
  static const CodeValue kHigh[20] = {{16, 1},   {18, 1},   {20, 1},   {22, 1},    {24, 2},    {28, 2},  {32, 3},
                                      {40, 3},   {48, 4},   {64, 6},   {128, 7},   {256, 8},   {512, 9}, {1024, 10},
                                      {2048, 11}, {4096, 12}, {8192, 13}, {16384, 14}, {32768, 15}, {65536, 16}};
  return kHigh[code - 16];
}
CodeValue rfc_match_length_code(unsigned code) {
  if (code < 32) return {code + 3, 0};
  static const CodeValue kHigh[21] = {{35, 1},    {37, 1},    {39, 1},    {41, 1},     {43, 2},    {47, 2},   {51, 3},
                                      {59, 3},    {67, 4},    {83, 4},    {99, 5},     {131, 7},   {259, 8},  {515, 9},
                                      {1027, 10}, {2051, 11}, {4099, 12}, {8195, 13},  {16387, 14}, {32771, 15}, {65539, 16}};
  return kHigh[code - 32];
}

// Appendix A: the predefined decoding tables, state by state: {symbol, Number_Of_Bits, Base}.
struct Row {
  unsigned symbol, nb_bits, base;
};
const Row kAppendixLiteralLengths[64] = {
    {0, 4, 0},   {0, 4, 16},  {1, 5, 32},  {3, 5, 0},   {4, 5, 0},   {6, 5, 0},   {7, 5, 0},   {9, 5, 0},
    {10, 5, 0},  {12, 5, 0},  {14, 6, 0},  {16, 5, 0},  {18, 5, 0},  {19, 5, 0},  {21, 5, 0},  {22, 5, 0},
    {24, 5, 0},  {25, 5, 32}, {26, 5, 0},  {27, 6, 0},  {29, 6, 0},  {31, 6, 0},  {0, 4, 32},  {1, 4, 0},
    {2, 5, 0},   {4, 5, 32},  {5, 5, 0},   {7, 5, 32},  {8, 5, 0},   {10, 5, 32}, {11, 5, 0},  {13, 6, 0},
    {16, 5, 32}, {17, 5, 0},  {19, 5, 32}, {20, 5, 0},  {22, 5, 32}, {23, 5, 0},  {25, 4, 0},  {25, 4, 16},
    {26, 5, 32}, {28, 6, 0},  {30, 6, 0},  {0, 4, 48},  {1, 4, 16},  {2, 5, 32},  {3, 5, 32},  {5, 5, 32},
    {6, 5, 32},  {8, 5, 32},  {9, 5, 32},  {11, 5, 32}, {12, 5, 32}, {15, 6, 0},  {17, 5, 32}, {18, 5, 32},
    {20, 5, 32}, {21, 5, 32}, {23, 5, 32}, {24, 5, 32}, {35, 6, 0},  {34, 6, 0},  {33, 6, 0},  {32, 6, 0}};
const Row kAppendixMatchLengths[64] = {
    {0, 6, 0},   {1, 4, 0},   {2, 5, 32},  {3, 5, 0},   {5, 5, 0},   {6, 5, 0},   {8, 5, 0},   {10, 6, 0},
    {13, 6, 0},  {16, 6, 0},  {19, 6, 0},  {22, 6, 0},  {25, 6, 0},  {28, 6, 0},  {31, 6, 0},  {33, 6, 0},
    {35, 6, 0},  {37, 6, 0},  {39, 6, 0},  {41, 6, 0},  {43, 6, 0},  {45, 6, 0},  {1, 4, 16},  {2, 4, 0},
    {3, 5, 32},  {4, 5, 0},   {6, 5, 32},  {7, 5, 0},   {9, 6, 0},   {12, 6, 0},  {15, 6, 0},  {18, 6, 0},
    {21, 6, 0},  {24, 6, 0},  {27, 6, 0},  {30, 6, 0},  {32, 6, 0},  {34, 6, 0},  {36, 6, 0},  {38, 6, 0},
    {40, 6, 0},  {42, 6, 0},  {44, 6, 0},  {1, 4, 32},  {1, 4, 48},  {2, 4, 16},  {4, 5, 32},  {5, 5, 32},
    {7, 5, 32},  {8, 5, 32},  {11, 6, 0},  {14, 6, 0},  {17, 6, 0},  {20, 6, 0},  {23, 6, 0},  {26, 6, 0},
    {29, 6, 0},  {52, 6, 0},  {51, 6, 0},  {50, 6, 0},  {49, 6, 0},  {48, 6, 0},  {47, 6, 0},  {46, 6, 0}};
const Row kAppendixOffsets[32] = {
    {0, 5, 0},  {6, 4, 0},  {9, 5, 0},  {15, 5, 0}, {21, 5, 0}, {3, 5, 0},   {7, 4, 0},  {12, 5, 0},
    {18, 5, 0}, {23, 5, 0}, {5, 5, 0},  {8, 4, 0},  {14, 5, 0}, {20, 5, 0},  {2, 5, 0},  {7, 4, 16},
    {11, 5, 0}, {17, 5, 0}, {22, 5, 0}, {4, 5, 0},  {8, 4, 16}, {13, 5, 0},  {19, 5, 0}, {1, 5, 0},
    {6, 4, 16}, {10, 5, 0}, {16, 5, 0}, {28, 5, 0}, {27, 5, 0}, {26, 5, 0},  {25, 5, 0}, {24, 5, 0}};

// ---- Helpers ------------------------------------------------------------------------------

struct Emitted {
  unsigned symbol, nb_bits, next_base;
};

// The engine's table for `counts`, through the template entry point. Fails the test if a
// state is emitted twice, out of order, or not at all.
std::vector<Emitted> engine_table(const std::vector<int>& counts, unsigned accuracy_log) {
  std::vector<std::int16_t> c(counts.begin(), counts.end());
  std::vector<std::uint8_t> scratch(std::size_t{1} << accuracy_log);
  std::vector<Emitted> out;
  entropy::build_fse_table(c.data(), static_cast<unsigned>(c.size() - 1), accuracy_log, scratch.data(),
                           [&](std::uint32_t state, std::uint8_t symbol, std::uint8_t nb_bits, std::uint16_t next) {
                             EXPECT_EQ(state, out.size()) << "states must be emitted once each, in order";
                             out.push_back({symbol, nb_bits, next});
                           });
  EXPECT_EQ(out.size(), std::size_t{1} << accuracy_log);
  return out;
}

void expect_table_properties(const std::vector<int>& counts, unsigned accuracy_log) {
  const std::vector<Emitted> table = engine_table(counts, accuracy_log);
  const unsigned size = 1u << accuracy_log;
  ASSERT_EQ(table.size(), size);
  // Symbol counts equal the normalised counts (-1 owns one state).
  std::vector<int> seen(counts.size(), 0);
  for (const Emitted& e : table) {
    ASSERT_LT(e.symbol, counts.size());
    ++seen[e.symbol];
  }
  for (std::size_t s = 0; s < counts.size(); ++s)
    EXPECT_EQ(seen[s], counts[s] == -1 ? 1 : counts[s]) << "symbol " << s;
  // "Less than one" symbols sit at the table end: the first at the last state, and so on.
  unsigned high = size;
  for (std::size_t s = 0; s < counts.size(); ++s) {
    if (counts[s] != -1) continue;
    --high;
    EXPECT_EQ(table[high].symbol, s) << "-1 symbol " << s << " expected at state " << high;
    EXPECT_EQ(table[high].nb_bits, accuracy_log);
    EXPECT_EQ(table[high].next_base, 0u);
  }
  // Each symbol's next-state ranges partition [0, size).
  for (std::size_t s = 0; s < counts.size(); ++s) {
    if (counts[s] == 0) continue;
    std::vector<int> cover(size, 0);
    for (const Emitted& e : table) {
      if (e.symbol != s) continue;
      ASSERT_LE(e.nb_bits, accuracy_log);
      ASSERT_LE(e.next_base + (1u << e.nb_bits), size) << "symbol " << s;
      for (unsigned k = 0; k < (1u << e.nb_bits); ++k) ++cover[e.next_base + k];
    }
    for (unsigned k = 0; k < size; ++k) ASSERT_EQ(cover[k], 1) << "symbol " << s << " next state " << k;
  }
  // And the whole table equals the RFC's construction.
  const std::vector<RefState> ref = ref_fse_table(counts, accuracy_log);
  for (unsigned state = 0; state < size; ++state) {
    EXPECT_EQ(table[state].symbol, ref[state].symbol) << "state " << state;
    EXPECT_EQ(table[state].nb_bits, ref[state].nb_bits) << "state " << state;
    EXPECT_EQ(table[state].next_base, ref[state].baseline) << "state " << state;
  }
}

void expect_round_trip(const std::vector<int>& counts, unsigned accuracy_log, unsigned max_symbol) {
  const Bytes desc = write_fse_description(counts, accuracy_log);
  Bytes with_tail = desc;
  with_tail.insert(with_tail.end(), {0xFF, 0x00, 0xAA});  // bytes after it are not read
  for (const Bytes* input : std::initializer_list<const Bytes*>{&desc, &with_tail}) {
    NormalizedCounts norm;
    std::size_t consumed = 0;
    const Status s = entropy::read_fse_description(input->data(), input->size(), max_symbol, 9, norm, consumed);
    ASSERT_TRUE(s.ok()) << describe(s);
    EXPECT_EQ(consumed, desc.size());
    EXPECT_EQ(norm.accuracy_log, accuracy_log);
    std::size_t last = counts.size() - 1;
    while (counts[last] == 0) --last;
    EXPECT_EQ(norm.max_symbol, last);
    for (std::size_t i = 0; i < entropy::kFseMaxSymbols; ++i)
      ASSERT_EQ(norm.counts[i], i < counts.size() ? counts[i] : 0) << "symbol " << i;
  }
}

// ---- Descriptions -------------------------------------------------------------------------

TEST(FseDescription, HandAnnotatedDescription) {
  // Accuracy log 5, counts {18, -1, 0, 0, 13}:
  //   bits 0-3   0000        accuracy_log - 5 = 0
  //   bits 4-8   10011 (19)  remaining 33, threshold 32, 6 bits; 19 < max_small 30: 5 bits.
  //                          Count 18; remaining 15: threshold 8, 4 bits.
  //   bits 9-12  0000  (0)   max_small 0, so 4 bits: value 0 = count -1; remaining 14.
  //   bits 13-16 0001  (1)   count 0
  //   bits 17-18 01          repeat field: 1 more zero (symbol 3)
  //   bits 19-22 1111  (15)  15 >= threshold: value 15 - max_small 1 = 14, count 13; remaining 1.
  const Bytes expected = {0x30, 0x21, 0x7A};
  EXPECT_EQ(write_fse_description({18, -1, 0, 0, 13}, 5), expected);
  NormalizedCounts norm;
  std::size_t consumed = 0;
  ASSERT_TRUE(entropy::read_fse_description(expected.data(), expected.size(), 255, 9, norm, consumed).ok());
  EXPECT_EQ(consumed, 3u);
  EXPECT_EQ(norm.accuracy_log, 5u);
  EXPECT_EQ(norm.max_symbol, 4u);
  EXPECT_EQ(norm.counts[0], 18);
  EXPECT_EQ(norm.counts[1], -1);
  EXPECT_EQ(norm.counts[2], 0);
  EXPECT_EQ(norm.counts[3], 0);
  EXPECT_EQ(norm.counts[4], 13);
}

TEST(FseDescription, PredefinedDistributionsRoundTrip) {
  expect_round_trip(kRfcLiteralLengthNorm, 6, 35);
  expect_round_trip(kRfcMatchLengthNorm, 6, 52);
  expect_round_trip(kRfcOffsetNorm, 5, 31);
}

TEST(FseDescription, ZeroRepeatRuns) {
  // Runs of 1..40 zeros between two symbols: repeat fields 0, 1, 2, then 3s continued.
  for (unsigned run = 1; run <= 40; ++run) {
    std::vector<int> counts(run + 2, 0);
    counts[0] = 20;
    counts[run + 1] = 12;
    expect_round_trip(counts, 5, 255);
  }
  // Zeros first, then a run reaching symbol 255.
  std::vector<int> counts(256, 0);
  counts[3] = 100;
  counts[255] = 28;
  expect_round_trip(counts, 7, 255);
}

TEST(FseDescription, LessThanOneProbabilities) {
  std::vector<int> counts = {-1, -1, 30};
  expect_round_trip(counts, 5, 255);
  counts = {-1, 0, 0, 0, 0, -1, 62};
  expect_round_trip(counts, 6, 255);
  counts.assign(32, -1);  // every state a "less than one" symbol
  expect_round_trip(counts, 5, 255);
}

TEST(FseDescription, SingleSymbolOwningEveryState) {
  expect_round_trip({32}, 5, 255);
  expect_round_trip({0, 0, 512}, 9, 255);
}

TEST(FseDescription, RandomDistributionsRoundTrip) {
  std::mt19937 rng(2024);
  for (int round = 0; round < 300; ++round) {
    const unsigned log = 5 + rng() % 5;
    const unsigned max_symbol = 1 + rng() % (round % 3 == 0 ? 255 : 40);
    const std::vector<int> counts = zstdpp_unit::random_distribution(rng, max_symbol, log);
    expect_round_trip(counts, log, 255);
    if (HasFatalFailure()) return;
  }
}

TEST(FseDescription, RejectsEmptyInput) {
  NormalizedCounts norm;
  std::size_t consumed = 0;
  const std::uint8_t byte = 0;
  const Status s = entropy::read_fse_description(&byte, 0, 35, 9, norm, consumed);
  EXPECT_EQ(s.code, ErrorCode::kCorruptedData);
}

TEST(FseDescription, RejectsAccuracyLogAboveTheStreamMaximum) {
  // Low nibble 5: accuracy log 10, over any stream's 9.
  const Bytes log10 = {0x05, 0xFF, 0xFF, 0xFF};
  NormalizedCounts norm;
  std::size_t consumed = 0;
  Status s = entropy::read_fse_description(log10.data(), log10.size(), 35, 9, norm, consumed);
  EXPECT_EQ(s.code, ErrorCode::kCorruptedData);
  EXPECT_EQ(s.value, 10u);
  EXPECT_EQ(s.limit, 9u);
  EXPECT_NE(describe(s).find("accuracy log 10"), std::string::npos) << describe(s);
  // A valid log-9 description is still too precise for offsets (max 8).
  std::vector<int> counts = {500, 12};
  const Bytes log9 = write_fse_description(counts, 9);
  s = entropy::read_fse_description(log9.data(), log9.size(), 31, 8, norm, consumed);
  EXPECT_EQ(s.code, ErrorCode::kCorruptedData);
  EXPECT_EQ(s.value, 9u);
  EXPECT_TRUE(entropy::read_fse_description(log9.data(), log9.size(), 31, 9, norm, consumed).ok());
}

TEST(FseDescription, RejectsTruncatedInput) {
  std::mt19937 rng(7);
  for (int round = 0; round < 50; ++round) {
    const unsigned log = 5 + rng() % 5;
    const std::vector<int> counts = zstdpp_unit::random_distribution(rng, 2 + rng() % 50, log);
    const Bytes desc = write_fse_description(counts, log);
    for (std::size_t cut = 0; cut < desc.size(); ++cut) {
      NormalizedCounts norm;
      std::size_t consumed = 0;
      const Status s = entropy::read_fse_description(desc.data(), cut, 255, 9, norm, consumed);
      EXPECT_EQ(s.code, ErrorCode::kCorruptedData) << "description of " << desc.size() << " bytes cut to " << cut;
    }
  }
}

TEST(FseDescription, RejectsSymbolBeyondTheMaximum) {
  // Literal lengths stop at code 35: a description reaching symbol 36 or 40 is invalid.
  for (unsigned last : {36u, 40u, 60u}) {
    std::vector<int> counts(last + 1, 1);
    counts[0] = 64 - static_cast<int>(last);
    const Bytes desc = write_fse_description(counts, 6);
    NormalizedCounts norm;
    std::size_t consumed = 0;
    const Status s = entropy::read_fse_description(desc.data(), desc.size(), 35, 9, norm, consumed);
    EXPECT_EQ(s.code, ErrorCode::kCorruptedData) << "last symbol " << last;
    EXPECT_EQ(s.limit, 35u);
    EXPECT_TRUE(entropy::read_fse_description(desc.data(), desc.size(), last, 9, norm, consumed).ok());
  }
  // A zero-repeat run that jumps past the maximum.
  std::vector<int> counts(50, 0);
  counts[0] = 20;
  counts[49] = 12;
  const Bytes desc = write_fse_description(counts, 5);
  NormalizedCounts norm;
  std::size_t consumed = 0;
  const Status s = entropy::read_fse_description(desc.data(), desc.size(), 35, 9, norm, consumed);
  EXPECT_EQ(s.code, ErrorCode::kCorruptedData);
  EXPECT_NE(describe(s).find("exceeds the maximum 35"), std::string::npos) << describe(s);
}

TEST(FseDescription, NeverAssignsMoreStatesThanTheTable) {
  // Probabilities cannot sum past the table: the largest value a field can hold is the
  // states still unassigned. Every input, valid or not, either fails or assigns exactly
  // 2^accuracy_log states. All 2-byte inputs, then random longer ones.
  const auto check = [](const std::uint8_t* p, std::size_t n) {
    NormalizedCounts norm;
    std::size_t consumed = 0;
    const Status s = entropy::read_fse_description(p, n, 255, 9, norm, consumed);
    if (!s.ok()) {
      EXPECT_EQ(s.code, ErrorCode::kCorruptedData);
      return;
    }
    int total = 0;
    for (unsigned i = 0; i <= norm.max_symbol; ++i) total += norm.counts[i] < 0 ? 1 : norm.counts[i];
    for (unsigned i = norm.max_symbol + 1; i < entropy::kFseMaxSymbols; ++i) ASSERT_EQ(norm.counts[i], 0);
    ASSERT_NE(norm.counts[norm.max_symbol], 0);
    ASSERT_EQ(total, 1 << norm.accuracy_log);
    ASSERT_LE(consumed, n);
  };
  for (unsigned v = 0; v < 65536; ++v) {
    const std::uint8_t two[2] = {static_cast<std::uint8_t>(v), static_cast<std::uint8_t>(v >> 8)};
    check(two, 2);
  }
  std::mt19937 rng(11);
  std::uint8_t buf[16];
  for (int round = 0; round < 20000; ++round) {
    const std::size_t n = 3 + rng() % 14;
    for (std::size_t i = 0; i < n; ++i) buf[i] = static_cast<std::uint8_t>(rng());
    buf[0] &= 0xF3;  // accuracy log 5..8: the interesting, short descriptions
    check(buf, n);
  }
}

// ---- Decode tables ------------------------------------------------------------------------

TEST(FseTable, PropertiesOfPredefinedDistributions) {
  expect_table_properties(kRfcLiteralLengthNorm, 6);
  expect_table_properties(kRfcMatchLengthNorm, 6);
  expect_table_properties(kRfcOffsetNorm, 5);
}

TEST(FseTable, PropertiesOfRandomDistributions) {
  std::mt19937 rng(31337);
  for (int round = 0; round < 200; ++round) {
    const unsigned log = 5 + rng() % 5;
    const std::vector<int> counts = zstdpp_unit::random_distribution(rng, 1 + rng() % 60, log);
    expect_table_properties(counts, log);
    if (HasFatalFailure()) return;
  }
  // Edge shapes: one symbol, all "less than one", powers of two.
  expect_table_properties({32}, 5);
  expect_table_properties(std::vector<int>(64, -1), 6);
  expect_table_properties({256, 256}, 9);
  expect_table_properties({1, -1, 30}, 5);
}

TEST(FseTable, RfcConstructionMatchesTheWorkedExample) {
  // The RFC's example: a symbol of probability 5 in a log-7 table gets widths
  // 32, 32, 32, 16, 16 with baselines 32, 64, 96, 0, 16 (checks the test's own builder).
  std::vector<int> counts = {5, 123};
  const std::vector<RefState> ref = ref_fse_table(counts, 7);
  std::vector<RefState> sym0;
  for (const RefState& r : ref)
    if (r.symbol == 0) sym0.push_back(r);
  ASSERT_EQ(sym0.size(), 5u);
  const unsigned bits[5] = {5, 5, 5, 4, 4}, base[5] = {32, 64, 96, 0, 16};
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(sym0[i].nb_bits, bits[i]);
    EXPECT_EQ(sym0[i].baseline, base[i]);
  }
  expect_table_properties(counts, 7);
}

TEST(FseTable, DecodeTableMatchesTemplateBuilder) {
  std::mt19937 rng(17);
  for (int round = 0; round < 50; ++round) {
    const unsigned log = 5 + rng() % 5;
    const std::vector<int> counts = zstdpp_unit::random_distribution(rng, 1 + rng() % 100, log);
    NormalizedCounts norm;
    for (std::size_t i = 0; i < counts.size(); ++i) norm.counts[i] = static_cast<std::int16_t>(counts[i]);
    norm.max_symbol = static_cast<unsigned>(counts.size() - 1);
    norm.accuracy_log = log;
    std::vector<entropy::FseDecodeEntry> table(std::size_t{1} << log);
    entropy::build_fse_decode_table(norm, table.data());
    const std::vector<RefState> ref = ref_fse_table(counts, log);
    for (std::size_t state = 0; state < table.size(); ++state) {
      ASSERT_EQ(table[state].symbol, ref[state].symbol);
      ASSERT_EQ(table[state].nb_bits, ref[state].nb_bits);
      ASSERT_EQ(table[state].next_base, ref[state].baseline);
    }
  }
}

// build_fse_table is usable at compile time (the predefined tables rely on it).
constexpr std::array<std::uint8_t, 32> kCompileTimeSymbols = [] {
  std::array<std::uint8_t, 32> symbols{};
  const std::int16_t counts[3] = {16, 15, -1};
  std::uint8_t scratch[32] = {};
  entropy::build_fse_table(counts, 2, 5, scratch, [&](std::uint32_t state, std::uint8_t symbol, std::uint8_t, std::uint16_t) {
    symbols[state] = symbol;
  });
  return symbols;
}();
static_assert(kCompileTimeSymbols[31] == 2, "the -1 symbol takes the last state");
static_assert(kCompileTimeSymbols[0] == 0, "spreading starts at state 0 with symbol 0");

// ---- Predefined sequence tables -----------------------------------------------------------

void expect_predefined(decoder::SeqKind kind, const Row* rows, unsigned accuracy_log, const std::vector<int>& norm,
                       CodeValue (*code_value)(unsigned)) {
  const decoder::SeqTable table = decoder::predefined_seq_table(kind);
  ASSERT_NE(table.entries, nullptr);
  ASSERT_EQ(table.accuracy_log, accuracy_log);
  const std::vector<RefState> ref = ref_fse_table(norm, accuracy_log);
  for (unsigned state = 0; state < (1u << accuracy_log); ++state) {
    const Row& row = rows[state];
    // The test's RFC construction reproduces Appendix A...
    EXPECT_EQ(ref[state].symbol, row.symbol) << "state " << state;
    EXPECT_EQ(ref[state].nb_bits, row.nb_bits) << "state " << state;
    EXPECT_EQ(ref[state].baseline, row.base) << "state " << state;
    // ...and so does the engine's table, with the code's baseline and extra bits folded in.
    const decoder::SeqSymbol& e = table.entries[state];
    EXPECT_EQ(e.nb_bits, row.nb_bits) << "state " << state;
    EXPECT_EQ(static_cast<int>(state) + e.next_delta, static_cast<int>(row.base)) << "state " << state;
    const CodeValue cv = code_value(row.symbol);
    EXPECT_EQ(e.base_value, cv.base) << "state " << state << " code " << row.symbol;
    EXPECT_EQ(e.extra_bits, cv.bits) << "state " << state << " code " << row.symbol;
  }
}

TEST(PredefinedSeqTables, LiteralLengthsMatchAppendixA) {
  expect_predefined(decoder::SeqKind::kLiteralLength, kAppendixLiteralLengths, 6, kRfcLiteralLengthNorm,
                    rfc_literal_length_code);
}

TEST(PredefinedSeqTables, MatchLengthsMatchAppendixA) {
  expect_predefined(decoder::SeqKind::kMatchLength, kAppendixMatchLengths, 6, kRfcMatchLengthNorm,
                    rfc_match_length_code);
}

TEST(PredefinedSeqTables, OffsetsMatchAppendixA) {
  expect_predefined(decoder::SeqKind::kOffset, kAppendixOffsets, 5, kRfcOffsetNorm,
                    [](unsigned code) { return CodeValue{1u << code, code}; });
}

TEST(SeqTable, BuildSeqTableFoldsCodeValuesIntoFseStates) {
  std::mt19937 rng(4);
  struct KindCase {
    decoder::SeqKind kind;
    unsigned max_code;
    unsigned max_log;
    CodeValue (*code_value)(unsigned);
  };
  const KindCase cases[3] = {
      {decoder::SeqKind::kLiteralLength, 35, 9, rfc_literal_length_code},
      {decoder::SeqKind::kMatchLength, 52, 9, rfc_match_length_code},
      {decoder::SeqKind::kOffset, 31, 8, [](unsigned code) { return CodeValue{1u << code, code}; }},
  };
  for (const KindCase& kc : cases) {
    for (int round = 0; round < 20; ++round) {
      const unsigned log = 5 + rng() % (kc.max_log - 4);
      const std::vector<int> counts = zstdpp_unit::random_distribution(rng, rng() % (kc.max_code + 1), log);
      NormalizedCounts norm;
      for (std::size_t i = 0; i < counts.size(); ++i) norm.counts[i] = static_cast<std::int16_t>(counts[i]);
      norm.max_symbol = static_cast<unsigned>(counts.size() - 1);
      norm.accuracy_log = log;
      std::vector<decoder::SeqSymbol> table(std::size_t{1} << log);
      decoder::build_seq_table(kc.kind, norm, table.data());
      const std::vector<RefState> ref = ref_fse_table(counts, log);
      for (std::size_t state = 0; state < table.size(); ++state) {
        const CodeValue cv = kc.code_value(ref[state].symbol);
        ASSERT_EQ(table[state].base_value, cv.base);
        ASSERT_EQ(table[state].extra_bits, cv.bits);
        ASSERT_EQ(table[state].nb_bits, ref[state].nb_bits);
        ASSERT_EQ(static_cast<int>(state) + table[state].next_delta, static_cast<int>(ref[state].baseline));
      }
    }
  }
}

}  // namespace
}  // namespace zstdpp

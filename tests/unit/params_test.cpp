// Unit tests of encoder/params.hpp: the level table, size classes, negative levels, the
// adjustment to the source and dictionary sizes, overrides, derived settings (LDM,
// threads, acceleration) and the context size estimate.
//
// Expected table rows are written out below from the reference's published level table
// (shared/reference/levels.tsv), a sample of levels from each of the four tables; when
// that file is present the whole table is compared too (skipped, and said so, if not).
// The adjustment expectations are worked out by hand from the rules in params.hpp's
// banner, with the arithmetic in the comments. (During development the resolver was also
// compared black-box against libzstd 1.5.4's ZSTD_getCParams and ZSTD_adjustCParams over
// ~26,000 level/size/dictionary combinations and 300,000 random overrides: no
// difference. libzstd stays out of the test suites.)
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "encoder/params.hpp"

namespace zstdpp::encoder {
namespace {

constexpr std::uint64_t kUnknown = kSourceSizeUnknown;

struct Row {
  unsigned window_log, chain_log, hash_log, search_log, min_match, target_length;
  Strategy strategy;
};

struct TableCase {
  SizeClass table;
  int level;  // 0: the base_negative row
  Row row;
};

// From levels.tsv: levels base, 1, 2, 3, 5, 7, 9, 12, 13, 16, 18, 19, 22 of each table.
const TableCase kTableSample[] = {
    {SizeClass::kLarge, 0, {19, 12, 13, 1, 6, 1, Strategy::fast}},
    {SizeClass::kLarge, 1, {19, 13, 14, 1, 7, 0, Strategy::fast}},
    {SizeClass::kLarge, 2, {20, 15, 16, 1, 6, 0, Strategy::fast}},
    {SizeClass::kLarge, 3, {21, 16, 17, 1, 5, 0, Strategy::dfast}},
    {SizeClass::kLarge, 5, {21, 18, 19, 3, 5, 2, Strategy::greedy}},
    {SizeClass::kLarge, 7, {21, 19, 20, 4, 5, 8, Strategy::lazy}},
    {SizeClass::kLarge, 9, {22, 20, 21, 4, 5, 16, Strategy::lazy2}},
    {SizeClass::kLarge, 12, {22, 22, 23, 6, 5, 32, Strategy::lazy2}},
    {SizeClass::kLarge, 13, {22, 22, 22, 4, 5, 32, Strategy::btlazy2}},
    {SizeClass::kLarge, 16, {22, 22, 22, 5, 5, 48, Strategy::btopt}},
    {SizeClass::kLarge, 18, {23, 23, 22, 6, 3, 64, Strategy::btultra}},
    {SizeClass::kLarge, 19, {23, 24, 22, 7, 3, 256, Strategy::btultra2}},
    {SizeClass::kLarge, 22, {27, 27, 25, 9, 3, 999, Strategy::btultra2}},
    {SizeClass::kUpTo256KiB, 0, {18, 12, 13, 1, 5, 1, Strategy::fast}},
    {SizeClass::kUpTo256KiB, 1, {18, 13, 14, 1, 6, 0, Strategy::fast}},
    {SizeClass::kUpTo256KiB, 2, {18, 14, 14, 1, 5, 0, Strategy::dfast}},
    {SizeClass::kUpTo256KiB, 3, {18, 16, 16, 1, 4, 0, Strategy::dfast}},
    {SizeClass::kUpTo256KiB, 5, {18, 17, 18, 5, 5, 2, Strategy::greedy}},
    {SizeClass::kUpTo256KiB, 7, {18, 18, 19, 4, 4, 4, Strategy::lazy}},
    {SizeClass::kUpTo256KiB, 9, {18, 18, 19, 5, 4, 8, Strategy::lazy2}},
    {SizeClass::kUpTo256KiB, 12, {18, 19, 19, 7, 4, 12, Strategy::btlazy2}},
    {SizeClass::kUpTo256KiB, 13, {18, 18, 19, 4, 4, 16, Strategy::btopt}},
    {SizeClass::kUpTo256KiB, 16, {18, 19, 19, 6, 3, 128, Strategy::btultra}},
    {SizeClass::kUpTo256KiB, 18, {18, 19, 19, 6, 3, 128, Strategy::btultra2}},
    {SizeClass::kUpTo256KiB, 19, {18, 19, 19, 8, 3, 256, Strategy::btultra2}},
    {SizeClass::kUpTo256KiB, 22, {18, 19, 19, 13, 3, 999, Strategy::btultra2}},
    {SizeClass::kUpTo128KiB, 0, {17, 12, 12, 1, 5, 1, Strategy::fast}},
    {SizeClass::kUpTo128KiB, 1, {17, 12, 13, 1, 6, 0, Strategy::fast}},
    {SizeClass::kUpTo128KiB, 2, {17, 13, 15, 1, 5, 0, Strategy::fast}},
    {SizeClass::kUpTo128KiB, 3, {17, 15, 16, 2, 5, 0, Strategy::dfast}},
    {SizeClass::kUpTo128KiB, 5, {17, 16, 17, 3, 4, 2, Strategy::greedy}},
    {SizeClass::kUpTo128KiB, 7, {17, 16, 17, 3, 4, 8, Strategy::lazy2}},
    {SizeClass::kUpTo128KiB, 9, {17, 16, 17, 5, 4, 8, Strategy::lazy2}},
    {SizeClass::kUpTo128KiB, 12, {17, 18, 17, 7, 4, 12, Strategy::btlazy2}},
    {SizeClass::kUpTo128KiB, 13, {17, 18, 17, 3, 4, 12, Strategy::btopt}},
    {SizeClass::kUpTo128KiB, 16, {17, 18, 17, 6, 3, 128, Strategy::btultra}},
    {SizeClass::kUpTo128KiB, 18, {17, 18, 17, 10, 3, 512, Strategy::btultra}},
    {SizeClass::kUpTo128KiB, 19, {17, 18, 17, 5, 3, 256, Strategy::btultra2}},
    {SizeClass::kUpTo128KiB, 22, {17, 18, 17, 11, 3, 999, Strategy::btultra2}},
    {SizeClass::kUpTo16KiB, 0, {14, 12, 13, 1, 5, 1, Strategy::fast}},
    {SizeClass::kUpTo16KiB, 1, {14, 14, 15, 1, 5, 0, Strategy::fast}},
    {SizeClass::kUpTo16KiB, 2, {14, 14, 15, 1, 4, 0, Strategy::fast}},
    {SizeClass::kUpTo16KiB, 3, {14, 14, 15, 2, 4, 0, Strategy::dfast}},
    {SizeClass::kUpTo16KiB, 5, {14, 14, 14, 3, 4, 4, Strategy::lazy}},
    {SizeClass::kUpTo16KiB, 7, {14, 14, 14, 6, 4, 8, Strategy::lazy2}},
    {SizeClass::kUpTo16KiB, 9, {14, 15, 14, 5, 4, 8, Strategy::btlazy2}},
    {SizeClass::kUpTo16KiB, 12, {14, 15, 14, 4, 3, 24, Strategy::btopt}},
    {SizeClass::kUpTo16KiB, 13, {14, 15, 14, 5, 3, 32, Strategy::btultra}},
    {SizeClass::kUpTo16KiB, 16, {14, 15, 15, 5, 3, 48, Strategy::btultra2}},
    {SizeClass::kUpTo16KiB, 18, {14, 15, 15, 7, 3, 256, Strategy::btultra2}},
    {SizeClass::kUpTo16KiB, 19, {14, 15, 15, 8, 3, 256, Strategy::btultra2}},
    {SizeClass::kUpTo16KiB, 22, {14, 15, 15, 10, 3, 999, Strategy::btultra2}},
};

// A source size in each class that leaves every row of that class unadjusted: the
// class's upper bound is exactly its window, and every row's hash_log <= window_log + 1
// and chain_log <= window_log (+1 for binary trees) there.
std::uint64_t unadjusted_size(SizeClass table) {
  switch (table) {
    case SizeClass::kUpTo16KiB: return 16384;
    case SizeClass::kUpTo128KiB: return 131072;
    case SizeClass::kUpTo256KiB: return 262144;
    case SizeClass::kLarge: return kUnknown;
  }
  return kUnknown;
}

CompressionConfig resolve(int level, std::uint64_t source_size = kUnknown, std::size_t dict_size = 0,
                          const ZstdCompressionParameters& overrides = ZstdCompressionParameters{}) {
  CompressionConfig c;
  const Status s = resolve_parameters(level, source_size, dict_size, overrides, c);
  EXPECT_TRUE(s.ok()) << describe(s);
  return c;
}

std::string row_text(unsigned w, unsigned c, unsigned h, unsigned s, unsigned m, unsigned t, Strategy st) {
  std::ostringstream out;
  out << "w" << w << " c" << c << " h" << h << " s" << s << " m" << m << " t" << t << " " << strategy_name(st);
  return out.str();
}
std::string row_text(const Row& r) {
  return row_text(r.window_log, r.chain_log, r.hash_log, r.search_log, r.min_match, r.target_length, r.strategy);
}
std::string row_text(const LevelRow& r) {
  return row_text(r.window_log, r.chain_log, r.hash_log, r.search_log, r.min_match, r.target_length, r.strategy);
}
std::string row_text(const CompressionConfig& r) {
  return row_text(r.window_log, r.chain_log, r.hash_log, r.search_log, r.min_match, r.target_length, r.strategy);
}

TEST(LevelTable, SampleMatchesTheReferenceTable) {
  for (const TableCase& t : kTableSample) {
    SCOPED_TRACE("table " + std::to_string(static_cast<int>(t.table)) + " level " + std::to_string(t.level));
    EXPECT_EQ(row_text(level_row(t.table, t.level)), row_text(t.row));
    // Resolving a level at its class's boundary size gives the row unchanged (level -1
    // reads the base row with target_length 1).
    const CompressionConfig c = resolve(t.level == 0 ? -1 : t.level, unadjusted_size(t.table));
    EXPECT_EQ(c.table, t.table);
    EXPECT_EQ(row_text(c), row_text(t.row));
  }
}

TEST(LevelTable, WholeTableMatchesSharedLevelsTsv) {
  const std::string path = std::string(ZSTDPP_SHARED_DIR) + "/reference/levels.tsv";
  std::ifstream in(path);
  if (!in) GTEST_SKIP() << "SKIPPED: " << path << " not found; only the sampled rows were checked";
  std::string line;
  std::getline(in, line);  // header
  int rows = 0;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    std::istringstream fields(line);
    std::string table, level, strategy;
    unsigned w, c, h, s, m, t;
    std::getline(fields, table, '\t');
    std::getline(fields, level, '\t');
    fields >> w >> c >> h >> s >> m >> t >> strategy;
    SizeClass cls = table == "up_to_16KiB"    ? SizeClass::kUpTo16KiB
                    : table == "up_to_128KiB" ? SizeClass::kUpTo128KiB
                    : table == "up_to_256KiB" ? SizeClass::kUpTo256KiB
                                              : SizeClass::kLarge;
    const int lv = level == "base_negative" ? 0 : std::stoi(level);
    const LevelRow& r = level_row(cls, lv);
    SCOPED_TRACE(line);
    EXPECT_EQ(row_text(r), row_text(w, c, h, s, m, t, r.strategy));
    EXPECT_STREQ(strategy_name(r.strategy), strategy.c_str());
    ++rows;
  }
  EXPECT_EQ(rows, kSizeClassCount * (MAX_COMPRESSION_LEVEL + 1));
}

TEST(SizeClass, BoundariesOfTheSourceSize) {
  EXPECT_EQ(size_class(0, 0), SizeClass::kUpTo16KiB);
  EXPECT_EQ(size_class(16384, 0), SizeClass::kUpTo16KiB);
  EXPECT_EQ(size_class(16385, 0), SizeClass::kUpTo128KiB);
  EXPECT_EQ(size_class(131072, 0), SizeClass::kUpTo128KiB);
  EXPECT_EQ(size_class(131073, 0), SizeClass::kUpTo256KiB);
  EXPECT_EQ(size_class(262144, 0), SizeClass::kUpTo256KiB);
  EXPECT_EQ(size_class(262145, 0), SizeClass::kLarge);
  EXPECT_EQ(size_class(kUnknown, 0), SizeClass::kLarge);
  EXPECT_EQ(size_class(kUnknown - 1, 0), SizeClass::kLarge);
}

TEST(SizeClass, DictionaryCountsWithTheSource) {
  EXPECT_EQ(size_class(16000, 384), SizeClass::kUpTo16KiB);
  EXPECT_EQ(size_class(16000, 385), SizeClass::kUpTo128KiB);
  EXPECT_EQ(size_class(1, 262143), SizeClass::kUpTo256KiB);
  EXPECT_EQ(size_class(1, 262144), SizeClass::kLarge);
  // Unknown source with a dictionary: assumed small, R = dict + 499.
  EXPECT_EQ(size_class(kUnknown, 1), SizeClass::kUpTo16KiB);
  EXPECT_EQ(size_class(kUnknown, 16384 - 499), SizeClass::kUpTo16KiB);
  EXPECT_EQ(size_class(kUnknown, 16384 - 498), SizeClass::kUpTo128KiB);
  EXPECT_EQ(size_class(kUnknown, 262144 - 499), SizeClass::kUpTo256KiB);
  EXPECT_EQ(size_class(kUnknown, 262144 - 498), SizeClass::kLarge);
  // A huge known source plus a dictionary does not wrap around into a small class.
  EXPECT_EQ(size_class(kUnknown - 1, 1000), SizeClass::kLarge);
}

TEST(SizeClass, ResolveUsesTheClassAtEachBoundary) {
  // Level 5 differs per class: greedy search_log 3 (large), greedy 5 (256K), greedy 3
  // with min_match 4 (128K), lazy (16K).
  EXPECT_EQ(resolve(5, 16384).strategy, Strategy::lazy);
  EXPECT_EQ(resolve(5, 16385).table, SizeClass::kUpTo128KiB);
  EXPECT_EQ(resolve(5, 16385).min_match, 4u);
  EXPECT_EQ(resolve(5, 131072).table, SizeClass::kUpTo128KiB);
  EXPECT_EQ(resolve(5, 131073).search_log, 5u);
  EXPECT_EQ(resolve(5, 262144).search_log, 5u);
  EXPECT_EQ(resolve(5, 262145).table, SizeClass::kLarge);
  EXPECT_EQ(resolve(5, 262145).search_log, 3u);
  EXPECT_EQ(resolve(5, 262145).min_match, 5u);
  EXPECT_EQ(resolve(5).table, SizeClass::kLarge);
  // The windows shrink to the source: ceil(log2(16385)) = 15, ceil(log2(131073)) = 18.
  EXPECT_EQ(resolve(5, 16385).window_log, 15u);
  EXPECT_EQ(resolve(5, 131073).window_log, 18u);
  EXPECT_EQ(resolve(5, 262145).window_log, 19u);
  EXPECT_EQ(resolve(5).window_log, 21u);
}

TEST(ParamsLevels, ZeroIsTheDefaultLevel) {
  const CompressionConfig zero = resolve(0);
  EXPECT_EQ(zero.level, 3);
  EXPECT_EQ(row_text(zero), row_text(resolve(3)));
}

TEST(ParamsLevels, NegativeLevelsAccelerateTheBaseRow) {
  for (int level : {-1, -2, -5, -100, -131072}) {
    SCOPED_TRACE(level);
    const CompressionConfig c = resolve(level);
    EXPECT_EQ(c.strategy, Strategy::fast);
    EXPECT_EQ(c.window_log, 19u);
    EXPECT_EQ(c.chain_log, 12u);
    EXPECT_EQ(c.hash_log, 13u);
    EXPECT_EQ(c.search_log, 1u);
    EXPECT_EQ(c.min_match, 6u);
    EXPECT_EQ(c.target_length, static_cast<unsigned>(-level));
    EXPECT_EQ(c.acceleration, static_cast<unsigned>(-level));
  }
  // Level 1 is fast too, without acceleration.
  EXPECT_EQ(resolve(1).acceleration, 1u);
  // The small tables have their own base rows: 16K's is w14 c12 h13 m5.
  const CompressionConfig small = resolve(-7, 16384);
  EXPECT_EQ(row_text(small), row_text(14, 12, 13, 1, 5, 7, Strategy::fast));
  // An explicit target_length wins over -level.
  ZstdCompressionParameters o;
  o.target_length = 3;
  EXPECT_EQ(resolve(-50, kUnknown, 0, o).acceleration, 3u);
}

TEST(ParamsLevels, OutOfRangeLevelsNameTheRange) {
  CompressionConfig c;
  Status s = resolve_parameters(23, kUnknown, 0, ZstdCompressionParameters{}, c);
  EXPECT_EQ(s.code, ErrorCode::kParameterOutOfBounds);
  EXPECT_EQ(describe(s), "compression_level 23 is outside -131072..22");
  s = resolve_parameters(-131073, kUnknown, 0, ZstdCompressionParameters{}, c);
  EXPECT_EQ(describe(s), "compression_level -131073 is outside -131072..22");
}

TEST(ParamsAdjustment, SmallSourceShrinksWindowAndTables) {
  // Level 19, 1000 bytes: 16K row w14 c15 h15 (btultra2). src_log = ceil(log2(1000)) =
  // 10, so w10; hash <= 10 + 1; binary tree chain <= 10 + 1.
  EXPECT_EQ(row_text(resolve(19, 1000)), row_text(10, 11, 11, 8, 3, 256, Strategy::btultra2));
  // Level 1, 1000 bytes: 16K row w14 c14 h15 (fast): chain <= 10 + 0.
  EXPECT_EQ(row_text(resolve(1, 1000)), row_text(10, 10, 11, 1, 5, 0, Strategy::fast));
  // 1024 still fits 2^10; 1025 needs 2^11.
  EXPECT_EQ(resolve(1, 1024).window_log, 10u);
  EXPECT_EQ(resolve(1, 1025).window_log, 11u);
  EXPECT_EQ(resolve(1, 1025).hash_log, 12u);
}

TEST(ParamsAdjustment, TinySourcesSizeTablesBeforeTheWindowFloor) {
  // Below 64 bytes the need is taken as 64 (2^6): hash <= 7, chain <= 6 (fast) or 7
  // (binary tree); then the window is raised to the frame's minimum, 2^10.
  for (std::uint64_t size : {0ull, 1ull, 40ull, 63ull, 64ull}) {
    SCOPED_TRACE(size);
    EXPECT_EQ(row_text(resolve(1, size)), row_text(10, 6, 7, 1, 5, 0, Strategy::fast));
    const CompressionConfig bt = resolve(22, size);
    EXPECT_EQ(bt.window_log, 10u);
    EXPECT_EQ(bt.hash_log, 7u);
    EXPECT_EQ(bt.chain_log, 7u);
  }
  EXPECT_EQ(resolve(1, 65).hash_log, 8u);  // ceil(log2(65)) = 7
}

TEST(ParamsAdjustment, DictionaryJoinsTheSource) {
  // Level 19, 1000-byte source, 3000-byte dictionary: R = 4000, 16K row; need = 4000 ->
  // w12; 2^12 >= 4000 so tables cover w12: hash <= 13, chain <= 13.
  EXPECT_EQ(row_text(resolve(19, 1000, 3000)), row_text(12, 13, 13, 8, 3, 256, Strategy::btultra2));
  // Over 1 GiB the window is not resized, but the tables cover window + dictionary:
  // w19 + 1 MiB dictionary -> dw = ceil(log2(2^19 + 2^20)) = 21, so an explicit hash 30
  // becomes 22 and a fast chain 30 becomes 21.
  ZstdCompressionParameters o;
  o.hash_log = 30;
  o.chain_log = 30;
  const CompressionConfig c = resolve(1, std::uint64_t{1} << 31, 1 << 20, o);
  EXPECT_EQ(c.window_log, 19u);
  EXPECT_EQ(c.hash_log, 22u);
  EXPECT_EQ(c.chain_log, 21u);
  // Without the dictionary the same tables only cover the window: hash 20, chain 19.
  const CompressionConfig alone = resolve(1, std::uint64_t{1} << 31, 0, o);
  EXPECT_EQ(alone.hash_log, 20u);
  EXPECT_EQ(alone.chain_log, 19u);
}

TEST(ParamsAdjustment, UnknownSizeLeavesEverythingAsIs) {
  ZstdCompressionParameters o;
  o.window_log = 27;
  o.hash_log = 30;
  o.chain_log = 30;
  const CompressionConfig c = resolve(3, kUnknown, 0, o);
  EXPECT_EQ(c.window_log, 27u);
  EXPECT_EQ(c.hash_log, 30u);
  EXPECT_EQ(c.chain_log, 30u);
  // With a dictionary and no source size: the small-source table, but no shrinking.
  const CompressionConfig d = resolve(19, kUnknown, 1000);
  EXPECT_EQ(d.table, SizeClass::kUpTo16KiB);
  EXPECT_EQ(row_text(d), row_text(14, 15, 15, 8, 3, 256, Strategy::btultra2));
}

TEST(ParamsAdjustment, LargeSourcesKeepTheRow) {
  EXPECT_EQ(row_text(resolve(22, std::uint64_t{1} << 40)), row_text(27, 27, 25, 9, 3, 999, Strategy::btultra2));
  EXPECT_EQ(resolve(22, std::uint64_t{1} << 27).window_log, 27u);
  EXPECT_EQ(resolve(22, (std::uint64_t{1} << 26) + 1).window_log, 27u);
  EXPECT_EQ(resolve(22, std::uint64_t{1} << 26).window_log, 26u);
}

TEST(ParamsOverrides, WinOverTheTable) {
  ZstdCompressionParameters o;
  o.window_log = 12;
  o.chain_log = 9;
  o.hash_log = 10;
  o.search_log = 2;
  o.min_match = 7;
  o.target_length = 77;
  o.strategy = Strategy::btopt;
  EXPECT_EQ(row_text(resolve(3, kUnknown, 0, o)), row_text(12, 9, 10, 2, 7, 77, Strategy::btopt));
  // One field alone leaves the others at the level's values.
  ZstdCompressionParameters one;
  one.strategy = Strategy::greedy;
  EXPECT_EQ(row_text(resolve(3, kUnknown, 0, one)), row_text(21, 16, 17, 1, 5, 0, Strategy::greedy));
}

TEST(ParamsOverrides, AreAdjustedToAKnownSource) {
  ZstdCompressionParameters o;
  o.window_log = 27;
  EXPECT_EQ(resolve(3, 1000, 0, o).window_log, 10u);
}

TEST(ParamsOverrides, AreValidated) {
  ZstdCompressionParameters o;
  o.search_log = 31;
  CompressionConfig c;
  const Status s = resolve_parameters(3, kUnknown, 0, o, c);
  EXPECT_EQ(s.code, ErrorCode::kParameterOutOfBounds);
  EXPECT_EQ(describe(s), "search_log 31 is outside 1..30");
}

TEST(ParamsOverrides, FlagsAndFormatAreCarried) {
  ZstdCompressionParameters o;
  o.format = FORMAT_ZSTD1_MAGICLESS;
  o.write_content_size = false;
  o.write_checksum = true;
  o.write_dict_id = false;
  o.force_max_window = true;
  const CompressionConfig c = resolve(3, kUnknown, 0, o);
  EXPECT_EQ(c.format, FORMAT_ZSTD1_MAGICLESS);
  EXPECT_FALSE(c.content_size_flag);
  EXPECT_TRUE(c.checksum_flag);
  EXPECT_FALSE(c.dict_id_flag);
  EXPECT_TRUE(c.force_max_window);
  const CompressionConfig d = resolve(3);
  EXPECT_TRUE(d.content_size_flag);
  EXPECT_FALSE(d.checksum_flag);
  EXPECT_TRUE(d.dict_id_flag);
}

TEST(ParamsLdm, AutoRuleAndDefaults) {
  // Level 22 on a large input: btultra2 with a 2^27 window turns LDM on by default.
  const CompressionConfig big = resolve(22);
  EXPECT_TRUE(big.enable_ldm);
  EXPECT_TRUE(big.ldm_by_default);
  EXPECT_EQ(big.ldm_hash_log, 20u);  // 27 - 7
  EXPECT_EQ(big.ldm_hash_rate_log, 7u);
  EXPECT_EQ(big.ldm_min_match, 64u);
  EXPECT_EQ(big.ldm_bucket_size_log, 3u);
  // The same level on 1 MiB (window 2^20) or at level 21 (window 2^26): off.
  EXPECT_FALSE(resolve(22, 1 << 20).enable_ldm);
  EXPECT_FALSE(resolve(21).enable_ldm);
  ZstdCompressionParameters off;
  off.enable_ldm = LDM_DISABLE;
  EXPECT_FALSE(resolve(22, kUnknown, 0, off).enable_ldm);
}

TEST(ParamsLdm, EnablingRaisesTheWindow) {
  ZstdCompressionParameters on;
  on.enable_ldm = LDM_ENABLE;
  const CompressionConfig c = resolve(3, kUnknown, 0, on);
  EXPECT_TRUE(c.enable_ldm);
  EXPECT_FALSE(c.ldm_by_default);
  EXPECT_EQ(c.window_log, 27u);
  // ...unless a window was chosen, and still shrunk to a known source.
  on.window_log = 20;
  EXPECT_EQ(resolve(3, kUnknown, 0, on).window_log, 20u);
  on.window_log = 0;
  EXPECT_EQ(resolve(3, 5000, 0, on).window_log, 13u);
  // Explicit LDM fields win; bucket size never exceeds the hash log.
  on.ldm_hash_log = 6;
  on.ldm_bucket_size_log = 8;
  on.ldm_min_match = 100;
  on.ldm_hash_rate_log = 4;
  const CompressionConfig e = resolve(3, kUnknown, 0, on);
  EXPECT_EQ(e.ldm_hash_log, 6u);
  EXPECT_EQ(e.ldm_bucket_size_log, 6u);
  EXPECT_EQ(e.ldm_min_match, 100u);
  EXPECT_EQ(e.ldm_hash_rate_log, 4u);
}

TEST(ParamsThreads, JobSizeAndOverlapDefaults) {
  EXPECT_EQ(resolve(3).threads, 0u);
  EXPECT_EQ(resolve(3).job_size, 0u);
  ZstdCompressionParameters o;
  o.threads = 4;
  const CompressionConfig c = resolve(3, kUnknown, 0, o);  // w21, dfast
  EXPECT_EQ(c.threads, 4u);
  EXPECT_EQ(c.job_size, std::size_t{1} << 23);  // 4 windows
  EXPECT_EQ(c.overlap_log, 6u);
  const CompressionConfig strong = resolve(19, kUnknown, 0, o);  // w23, btultra2
  EXPECT_EQ(strong.overlap_log, 9u);
  EXPECT_EQ(strong.job_size, std::size_t{1} << 25);
  // Small windows still get 1 MiB jobs; tiny explicit jobs are raised to 512 KiB.
  EXPECT_EQ(resolve(1, 100000, 0, o).job_size, std::size_t{1} << 20);
  o.job_size = 1000;
  EXPECT_EQ(resolve(3, kUnknown, 0, o).job_size, std::size_t{512} * 1024);
  // A full-window overlap makes the job at least one window (2^23 at level 19).
  o.job_size = 600000;
  o.overlap_log = 9;
  EXPECT_EQ(resolve(19, kUnknown, 0, o).job_size, std::size_t{1} << 23);
  // Negative: one per CPU.
  o.threads = -1;
  EXPECT_GE(resolve(3, kUnknown, 0, o).threads, 1u);
}

TEST(ParamsValidation, EveryFieldHasAMessageWithItsRange) {
  for (int i = 0; i < kCompressionParameterCount; ++i) {
    const auto p = static_cast<CompressionParameter>(i);
    const ParameterBounds b = bounds(p);
    SCOPED_TRACE(parameter_name(p));
    EXPECT_TRUE(check_parameter(p, b.lower).ok());
    EXPECT_TRUE(check_parameter(p, b.upper).ok());
    const Status above = check_parameter(p, b.upper + 1LL);
    EXPECT_EQ(above.code, ErrorCode::kParameterOutOfBounds);
    EXPECT_EQ(describe(above), std::string(parameter_name(p)) + " " + std::to_string(b.upper + 1LL) +
                                   " is outside " + std::to_string(b.lower) + ".." + std::to_string(b.upper));
    const Status far_below = check_parameter(p, b.lower - 1000LL);
    if (p == CompressionParameter::threads) {
      EXPECT_TRUE(far_below.ok());  // negative: one per CPU
    } else {
      EXPECT_EQ(describe(far_below), std::string(parameter_name(p)) + " " + std::to_string(b.lower - 1000LL) +
                                         " is outside " + std::to_string(b.lower) + ".." + std::to_string(b.upper));
    }
  }
}

TEST(ParamsValidation, UnsetValuesPass) {
  EXPECT_TRUE(validate_parameters(ZstdCompressionParameters{}).ok());
  EXPECT_TRUE(check_parameter(CompressionParameter::window_log, 0).ok());
  EXPECT_TRUE(check_parameter(CompressionParameter::overlap_log, -1).ok());
  EXPECT_TRUE(check_parameter(CompressionParameter::ldm_hash_rate_log, -1).ok());
  EXPECT_FALSE(check_parameter(CompressionParameter::overlap_log, -2).ok());
  EXPECT_FALSE(check_parameter(CompressionParameter::window_log, 9).ok());
  EXPECT_FALSE(check_parameter(CompressionParameter::strategy, 10).ok());
}

TEST(ParamsContextSize, TermsOfTheFormula) {
  // One more window bit adds one window (2^w) of history and one of slide room (the room
  // is the window once it exceeds the tables' entries), and nothing else once the window
  // exceeds a block.
  ZstdCompressionParameters o;
  o.window_log = 20;
  CompressionConfig a = resolve(1, kUnknown, 0, o);
  o.window_log = 21;
  CompressionConfig b = resolve(1, kUnknown, 0, o);
  EXPECT_EQ(estimate_context_size(b) - estimate_context_size(a), std::size_t{2} << 20);
  // Fast has no chain table; dfast's costs 4 << chain_log.
  a = resolve(1);
  b = a;
  b.chain_log += 1;
  EXPECT_EQ(estimate_context_size(a), estimate_context_size(b));
  a = resolve(3);
  b = a;
  b.chain_log += 1;
  EXPECT_EQ(estimate_context_size(b) - estimate_context_size(a), std::size_t{4} << a.chain_log);
  // The hash table costs 4 << hash_log.
  b = a;
  b.hash_log += 1;
  EXPECT_EQ(estimate_context_size(b) - estimate_context_size(a), std::size_t{4} << a.hash_log);
}

TEST(ParamsContextSize, GrowsWithLevelThreadsAndLdm) {
  EXPECT_LT(estimate_context_size(resolve(1)), estimate_context_size(resolve(19)));
  EXPECT_LT(estimate_context_size(resolve(19)), estimate_context_size(resolve(22)));
  EXPECT_LT(estimate_context_size(resolve(19, 1000)), estimate_context_size(resolve(19)));
  ZstdCompressionParameters o;
  o.threads = 4;
  EXPECT_LT(estimate_context_size(resolve(3)), estimate_context_size(resolve(3, kUnknown, 0, o)));
  ZstdCompressionParameters ldm;
  ldm.enable_ldm = LDM_ENABLE;
  ldm.window_log = 21;
  EXPECT_LT(estimate_context_size(resolve(3)), estimate_context_size(resolve(3, kUnknown, 0, ldm)));
  // Level 1 on unknown input: 512 KiB window, 512 KiB of slide room (the window exceeds
  // the 16 Ki table entries) + 128 KiB block, 64 KiB hash table, then
  // literals (128 KiB), 32768 sequences x 11 bytes, the compressed block (128 KiB + 576)
  // and 34 KiB of entropy tables.
  const std::size_t block = 128 * 1024;
  const std::size_t entropy = 2 * (256 * 4 + 3 * (512 * 4 + 256 * 8)) + 8 * 1024;
  EXPECT_EQ(estimate_context_size(resolve(1)), (std::size_t{2} << 19) + block + (std::size_t{4} << 14) + block +
                                                   (block / 4) * 11 + (block + block / 256 + 64) + entropy);
}

TEST(ParamsHelpers, EffectiveMinMatchAndCeilLog2) {
  EXPECT_EQ(effective_min_match(Strategy::fast, 3), 4u);
  EXPECT_EQ(effective_min_match(Strategy::fast, 7), 7u);
  EXPECT_EQ(effective_min_match(Strategy::dfast, 7), 6u);
  EXPECT_EQ(effective_min_match(Strategy::lazy2, 5), 5u);
  EXPECT_EQ(effective_min_match(Strategy::btopt, 3), 3u);
  EXPECT_EQ(effective_min_match(Strategy::btultra2, 7), 6u);
  EXPECT_EQ(ceil_log2(1), 0u);
  EXPECT_EQ(ceil_log2(2), 1u);
  EXPECT_EQ(ceil_log2(1000), 10u);
  EXPECT_EQ(ceil_log2(1024), 10u);
  EXPECT_EQ(ceil_log2(1025), 11u);
  EXPECT_EQ(ceil_log2(std::uint64_t{1} << 40), 40u);
}

}  // namespace
}  // namespace zstdpp::encoder

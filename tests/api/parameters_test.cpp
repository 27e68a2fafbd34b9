// ZstdCompressionParameters (include/zstdpp/parameters.hpp): construction with designated
// initializers, from_level() against the reference's level table, overrides, validate()
// naming every field, bounds(), and the context size estimate.
//
// Expected parameter values are the reference's level table rows (levels.tsv) and, for
// small inputs, the adjustment rules of src/encoder/params.hpp worked out by hand. The
// bounds are checked against zstd.h's ZSTD_*_MIN/MAX macros when that header is
// available (macros only: nothing from libzstd is linked).
#include <gtest/gtest.h>

#include <string>

#include <zstdpp/error.hpp>
#include <zstdpp/parameters.hpp>

#if __has_include(<zstd.h>)
#define ZSTD_STATIC_LINKING_ONLY
#include <zstd.h>
#define ZSTDPP_TEST_HAVE_ZSTD_H 1
#endif

namespace zstdpp_test {
namespace {

using namespace zstdpp;

// "w21 c16 h17 s1 m5 t0 dfast": the seven level-derived fields, for readable diffs.
std::string shape(const ZstdCompressionParameters& p) {
  return "w" + std::to_string(p.window_log) + " c" + std::to_string(p.chain_log) + " h" +
         std::to_string(p.hash_log) + " s" + std::to_string(p.search_log) + " m" + std::to_string(p.min_match) +
         " t" + std::to_string(p.target_length) + " " + strategy_name(p.strategy);
}

// The message validate() throws, or "" when it does not throw.
std::string validate_error(const ZstdCompressionParameters& p) {
  try {
    p.validate();
  } catch (const ZstdError& e) {
    EXPECT_EQ(e.code(), ErrorCode::kParameterOutOfBounds);
    return e.what();
  }
  return "";
}

// Sets one field of `p` to `value` (bool fields and enums take the raw number, which is
// how a caller converting from another API could produce an out-of-range value).
void set_field(ZstdCompressionParameters& p, CompressionParameter which, int value) {
  switch (which) {
    case CompressionParameter::format: p.format = static_cast<Format>(value); break;
    case CompressionParameter::compression_level: p.compression_level = value; break;
    case CompressionParameter::window_log: p.window_log = value; break;
    case CompressionParameter::hash_log: p.hash_log = value; break;
    case CompressionParameter::chain_log: p.chain_log = value; break;
    case CompressionParameter::search_log: p.search_log = value; break;
    case CompressionParameter::min_match: p.min_match = value; break;
    case CompressionParameter::target_length: p.target_length = value; break;
    case CompressionParameter::strategy: p.strategy = static_cast<Strategy>(value); break;
    case CompressionParameter::write_content_size: p.write_content_size = value != 0; break;
    case CompressionParameter::write_checksum: p.write_checksum = value != 0; break;
    case CompressionParameter::write_dict_id: p.write_dict_id = value != 0; break;
    case CompressionParameter::job_size: p.job_size = value; break;
    case CompressionParameter::overlap_log: p.overlap_log = value; break;
    case CompressionParameter::force_max_window: p.force_max_window = value != 0; break;
    case CompressionParameter::enable_ldm: p.enable_ldm = value; break;
    case CompressionParameter::ldm_hash_log: p.ldm_hash_log = value; break;
    case CompressionParameter::ldm_min_match: p.ldm_min_match = value; break;
    case CompressionParameter::ldm_bucket_size_log: p.ldm_bucket_size_log = value; break;
    case CompressionParameter::ldm_hash_rate_log: p.ldm_hash_rate_log = value; break;
    case CompressionParameter::threads: p.threads = value; break;
    case CompressionParameter::use_row_match_finder: p.use_row_match_finder = value; break;
  }
}

bool is_flag(CompressionParameter p) {
  return p == CompressionParameter::write_content_size || p == CompressionParameter::write_checksum ||
         p == CompressionParameter::write_dict_id || p == CompressionParameter::force_max_window;
}

TEST(ZstdCompressionParameters, DefaultsMeanFromTheLevel) {
  const ZstdCompressionParameters p;
  EXPECT_EQ(p.format, FORMAT_ZSTD1);
  EXPECT_EQ(p.compression_level, 0);
  EXPECT_EQ(p.window_log, 0);
  EXPECT_EQ(p.strategy, Strategy{});
  EXPECT_TRUE(p.write_content_size);
  EXPECT_FALSE(p.write_checksum);
  EXPECT_TRUE(p.write_dict_id);
  EXPECT_EQ(p.overlap_log, -1);
  EXPECT_EQ(p.enable_ldm, LDM_AUTO);
  EXPECT_EQ(p.ldm_hash_rate_log, -1);
  EXPECT_EQ(p.threads, 0);
  EXPECT_EQ(validate_error(p), "");
}

TEST(ZstdCompressionParameters, DesignatedInitializers) {
  const ZstdCompressionParameters p{.compression_level = 7,
                                    .window_log = 20,
                                    .strategy = STRATEGY_BTOPT,
                                    .write_checksum = true,
                                    .enable_ldm = true,
                                    .threads = 2};
  EXPECT_EQ(p.compression_level, 7);
  EXPECT_EQ(p.window_log, 20);
  EXPECT_EQ(p.hash_log, 0);
  EXPECT_EQ(p.strategy, Strategy::btopt);
  EXPECT_TRUE(p.write_checksum);
  EXPECT_EQ(p.enable_ldm, LDM_ENABLE);
  EXPECT_EQ(p.threads, 2);
  EXPECT_EQ(validate_error(p), "");
  EXPECT_EQ(p, p);
  EXPECT_NE(p, ZstdCompressionParameters{});
}

TEST(FromLevel, LargeOrUnknownInputsUseTheLargeTable) {
  EXPECT_EQ(shape(ZstdCompressionParameters::from_level(1)), "w19 c13 h14 s1 m7 t0 fast");
  EXPECT_EQ(shape(ZstdCompressionParameters::from_level(3)), "w21 c16 h17 s1 m5 t0 dfast");
  EXPECT_EQ(shape(ZstdCompressionParameters::from_level(9)), "w22 c20 h21 s4 m5 t16 lazy2");
  EXPECT_EQ(shape(ZstdCompressionParameters::from_level(19)), "w23 c24 h22 s7 m3 t256 btultra2");
  // A known 1 MiB input keeps the large table but shrinks to its window: w20, hash and
  // tree tables <= 21.
  EXPECT_EQ(shape(ZstdCompressionParameters::from_level(19, 1 << 20)), "w20 c21 h21 s7 m3 t256 btultra2");
  EXPECT_EQ(shape(ZstdCompressionParameters::from_level(22)), "w27 c27 h25 s9 m3 t999 btultra2");
  EXPECT_EQ(ZstdCompressionParameters::from_level(19).compression_level, 19);
  // Level 0 is the default level.
  EXPECT_EQ(shape(ZstdCompressionParameters::from_level(0)), shape(ZstdCompressionParameters::from_level(3)));
}

TEST(FromLevel, SizeClassBoundaries) {
  // Level 5 per class: 16K lazy, 128K greedy m4, 256K greedy s5, large greedy s3 m5.
  using P = ZstdCompressionParameters;
  EXPECT_EQ(shape(P::from_level(5, 16384)), "w14 c14 h14 s3 m4 t4 lazy");
  EXPECT_EQ(shape(P::from_level(5, 16385)), "w15 c15 h16 s3 m4 t2 greedy");  // w17 -> 15, h17 -> 16, c16 -> 15
  EXPECT_EQ(shape(P::from_level(5, 131072)), "w17 c16 h17 s3 m4 t2 greedy");
  EXPECT_EQ(shape(P::from_level(5, 131073)), "w18 c17 h18 s5 m5 t2 greedy");
  EXPECT_EQ(shape(P::from_level(5, 262144)), "w18 c17 h18 s5 m5 t2 greedy");
  EXPECT_EQ(shape(P::from_level(5, 262145)), "w19 c18 h19 s3 m5 t2 greedy");  // w21 -> 19
  EXPECT_EQ(shape(P::from_level(5)), "w21 c18 h19 s3 m5 t2 greedy");
  // source_size 0 means unknown (python-zstandard's convention).
  EXPECT_EQ(P::from_level(5, 0), P::from_level(5));
}

TEST(FromLevel, SmallInputsAndDictionaries) {
  using P = ZstdCompressionParameters;
  // 1000 bytes at level 19: w14 -> 10, hash and tree <= 11.
  EXPECT_EQ(shape(P::from_level(19, 1000)), "w10 c11 h11 s8 m3 t256 btultra2");
  // With a 3000-byte dictionary the window covers 4000 bytes: 2^12.
  EXPECT_EQ(shape(P::from_level(19, 1000, 3000)), "w12 c13 h13 s8 m3 t256 btultra2");
  // Unknown source with a dictionary: the small-input table, unadjusted.
  EXPECT_EQ(shape(P::from_level(19, 0, 1000)), "w14 c15 h15 s8 m3 t256 btultra2");
  // A 100 KiB dictionary moves an unknown source into the 128 KiB table.
  EXPECT_EQ(shape(P::from_level(19, 0, 100 * 1024)), "w17 c18 h17 s5 m3 t256 btultra2");
}

TEST(FromLevel, NegativeLevels) {
  using P = ZstdCompressionParameters;
  EXPECT_EQ(shape(P::from_level(-1)), "w19 c12 h13 s1 m6 t1 fast");
  EXPECT_EQ(shape(P::from_level(-5)), "w19 c12 h13 s1 m6 t5 fast");
  EXPECT_EQ(shape(P::from_level(-5, 10000)), "w14 c12 h13 s1 m5 t5 fast");
  EXPECT_EQ(P::from_level(MIN_COMPRESSION_LEVEL).target_length, 131072);
  EXPECT_EQ(P::from_level(-5).compression_level, -5);
}

TEST(FromLevel, OverridesAreKeptAsGiven) {
  using P = ZstdCompressionParameters;
  const P p = P::from_level(4, 0, 0, {.window_log = 10, .write_checksum = true, .threads = 4});
  EXPECT_EQ(shape(p), "w10 c18 h18 s1 m5 t0 dfast");
  EXPECT_TRUE(p.write_checksum);
  EXPECT_EQ(p.threads, 4);
  EXPECT_EQ(p.compression_level, 4);
  // Not adjusted to the source (as python-zstandard): the compressor adjusts later.
  const P q = P::from_level(3, 1000, 0, {.hash_log = 20, .strategy = STRATEGY_LAZY});
  EXPECT_EQ(shape(q), "w10 c10 h20 s2 m4 t0 lazy");
  // LDM settings are kept, not derived (the compressor derives them).
  const P l = P::from_level(3, 0, 0, {.enable_ldm = LDM_ENABLE});
  EXPECT_EQ(l.enable_ldm, LDM_ENABLE);
  EXPECT_EQ(l.window_log, 21);
  EXPECT_EQ(l.ldm_hash_log, 0);
}

TEST(FromLevel, RejectsLevelsAndOverridesOutOfBounds) {
  using P = ZstdCompressionParameters;
  auto message = [](auto&& f) -> std::string {
    try {
      f();
    } catch (const ZstdError& e) {
      EXPECT_EQ(e.code(), ErrorCode::kParameterOutOfBounds);
      return e.what();
    }
    return "";
  };
  EXPECT_EQ(message([] { P::from_level(23); }), "compression_level 23 is outside -131072..22");
  EXPECT_EQ(message([] { P::from_level(-131073); }), "compression_level -131073 is outside -131072..22");
  EXPECT_EQ(message([] { P::from_level(3, 0, 0, {.window_log = 35}); }), "window_log 35 is outside 10..31");
  EXPECT_EQ(message([] { P::from_level(3, 0, 0, {.min_match = 2}); }), "min_match 2 is outside 3..7");
}

TEST(FromLevel, EveryLevelValidates) {
  // Every level at the size-class boundaries, unknown, 0 and 1 bytes, and with
  // dictionaries: the table and the adjustment never leave the bounds.
  const std::uint64_t sizes[] = {0, 1, 16384, 16385, 131072, 131073, 262144, 262145, std::uint64_t{1} << 31};
  long checked = 0;
  for (int level = MIN_COMPRESSION_LEVEL; level <= MAX_COMPRESSION_LEVEL; ++level) {
    for (std::uint64_t size : sizes) {
      ZstdCompressionParameters p = ZstdCompressionParameters::from_level(level, size);
      ASSERT_NO_THROW(p.validate()) << "level " << level << " size " << size;
      ++checked;
    }
    if (level < -200 && level % 1009 != 0) continue;  // dictionaries: a sample of the negative levels
    for (std::size_t dict : {std::size_t{1}, std::size_t{20000}, std::size_t{1} << 30}) {
      ZstdCompressionParameters p = ZstdCompressionParameters::from_level(level, 100, dict);
      ASSERT_NO_THROW(p.validate()) << "level " << level << " dict " << dict;
      ++checked;
    }
  }
  EXPECT_GT(checked, 131095L * 9);
}

TEST(ParametersValidate, NamesTheFieldTheValueAndTheRange) {
  EXPECT_EQ(validate_error({.window_log = 35}), "window_log 35 is outside 10..31");
  EXPECT_EQ(validate_error({.window_log = -3}), "window_log -3 is outside 10..31");
  EXPECT_EQ(validate_error({.strategy = Strategy{10}}), "strategy 10 is outside 1..9");
  EXPECT_EQ(validate_error({.job_size = (1 << 30) + 1}), "job_size 1073741825 is outside 0..1073741824");
  EXPECT_EQ(validate_error({.threads = 257}), "threads 257 is outside 0..256");
  EXPECT_EQ(validate_error({.threads = -1}), "");  // one per CPU
  EXPECT_EQ(validate_error({.overlap_log = -2}), "overlap_log -2 is outside 0..9");
  // The first bad field in declaration order is reported.
  EXPECT_EQ(validate_error({.hash_log = 31, .min_match = 9}), "hash_log 31 is outside 6..30");
}

TEST(ParametersValidate, EveryFieldBelowAndAboveItsBounds) {
  for (int i = 0; i < kCompressionParameterCount; ++i) {
    const auto which = static_cast<CompressionParameter>(i);
    if (is_flag(which)) continue;  // a bool cannot leave 0..1
    const ParameterBounds b = bounds(which);
    const std::string name = parameter_name(which);
    const std::string range = " is outside " + std::to_string(b.lower) + ".." + std::to_string(b.upper);
    SCOPED_TRACE(name);
    ZstdCompressionParameters p;
    set_field(p, which, b.lower);
    EXPECT_EQ(validate_error(p), "");
    set_field(p, which, b.upper);
    EXPECT_EQ(validate_error(p), "");
    // Enums stored in a byte cannot hold upper + 1000; upper + 1 is what they can show.
    const int above = (which == CompressionParameter::format || which == CompressionParameter::strategy)
                          ? b.upper + 1
                          : b.upper + 1000;
    set_field(p, which, above);
    EXPECT_EQ(validate_error(p), name + " " + std::to_string(above) + range);
    if (which == CompressionParameter::threads || which == CompressionParameter::format ||
        which == CompressionParameter::strategy)
      continue;  // threads < 0 means one per CPU; enums are unsigned
    // Below: skip the values that mean "from the level" (0 for the logs, -1 for
    // overlap_log and ldm_hash_rate_log).
    const int below = b.lower - 2;
    set_field(p, which, below);
    EXPECT_EQ(validate_error(p), name + " " + std::to_string(below) + range);
  }
}

TEST(ParametersBounds, EveryParameterHasTheReferenceRange) {
  struct Expected {
    CompressionParameter which;
    const char* name;
    int lower, upper;
  };
  const Expected expected[] = {
      {CompressionParameter::format, "format", 0, 1},
      {CompressionParameter::compression_level, "compression_level", -131072, 22},
      {CompressionParameter::window_log, "window_log", 10, 31},
      {CompressionParameter::hash_log, "hash_log", 6, 30},
      {CompressionParameter::chain_log, "chain_log", 6, 30},
      {CompressionParameter::search_log, "search_log", 1, 30},
      {CompressionParameter::min_match, "min_match", 3, 7},
      {CompressionParameter::target_length, "target_length", 0, 131072},
      {CompressionParameter::strategy, "strategy", 1, 9},
      {CompressionParameter::write_content_size, "write_content_size", 0, 1},
      {CompressionParameter::write_checksum, "write_checksum", 0, 1},
      {CompressionParameter::write_dict_id, "write_dict_id", 0, 1},
      {CompressionParameter::job_size, "job_size", 0, 1 << 30},
      {CompressionParameter::overlap_log, "overlap_log", 0, 9},
      {CompressionParameter::force_max_window, "force_max_window", 0, 1},
      {CompressionParameter::enable_ldm, "enable_ldm", 0, 2},
      {CompressionParameter::ldm_hash_log, "ldm_hash_log", 6, 30},
      {CompressionParameter::ldm_min_match, "ldm_min_match", 4, 4096},
      {CompressionParameter::ldm_bucket_size_log, "ldm_bucket_size_log", 1, 8},
      {CompressionParameter::ldm_hash_rate_log, "ldm_hash_rate_log", 0, 25},
      {CompressionParameter::threads, "threads", 0, 256},
      {CompressionParameter::use_row_match_finder, "use_row_match_finder", 0, 2},
  };
  static_assert(sizeof expected / sizeof expected[0] == kCompressionParameterCount);
  for (int i = 0; i < kCompressionParameterCount; ++i) {
    const Expected& e = expected[i];
    EXPECT_EQ(static_cast<int>(e.which), i);
    EXPECT_STREQ(parameter_name(e.which), e.name);
    EXPECT_EQ(bounds(e.which).lower, e.lower) << e.name;
    EXPECT_EQ(bounds(e.which).upper, e.upper) << e.name;
  }
  EXPECT_STREQ(parameter_name(static_cast<CompressionParameter>(99)), "unknown");
}

#ifdef ZSTDPP_TEST_HAVE_ZSTD_H
TEST(ParametersBounds, AgreeWithZstdHMacros) {
  EXPECT_EQ(static_cast<int>(WINDOWLOG_MIN), ZSTD_WINDOWLOG_MIN);
  EXPECT_EQ(static_cast<int>(WINDOWLOG_MAX), ZSTD_WINDOWLOG_MAX_64);
  EXPECT_EQ(CHAINLOG_MIN, ZSTD_CHAINLOG_MIN);
  EXPECT_EQ(CHAINLOG_MAX, ZSTD_CHAINLOG_MAX_64);
  EXPECT_EQ(HASHLOG_MIN, ZSTD_HASHLOG_MIN);
  EXPECT_EQ(HASHLOG_MAX, 30);  // ZSTD_HASHLOG_MAX on 64-bit builds
  EXPECT_EQ(HASHLOG3_MAX, 17);  // the reference keeps ZSTD_HASHLOG3_MAX internal
  EXPECT_EQ(SEARCHLOG_MIN, ZSTD_SEARCHLOG_MIN);
  EXPECT_EQ(SEARCHLOG_MAX, ZSTD_WINDOWLOG_MAX_64 - 1);
  EXPECT_EQ(MINMATCH_MIN, ZSTD_MINMATCH_MIN);
  EXPECT_EQ(MINMATCH_MAX, ZSTD_MINMATCH_MAX);
  EXPECT_EQ(TARGETLENGTH_MIN, ZSTD_TARGETLENGTH_MIN);
  EXPECT_EQ(TARGETLENGTH_MAX, ZSTD_TARGETLENGTH_MAX);
  EXPECT_EQ(STRATEGY_MIN, static_cast<int>(ZSTD_STRATEGY_MIN));
  EXPECT_EQ(STRATEGY_MAX, static_cast<int>(ZSTD_STRATEGY_MAX));
  EXPECT_EQ(OVERLAPLOG_MIN, ZSTD_OVERLAPLOG_MIN);
  EXPECT_EQ(OVERLAPLOG_MAX, ZSTD_OVERLAPLOG_MAX);
  EXPECT_EQ(LDM_MINMATCH_MIN, ZSTD_LDM_MINMATCH_MIN);
  EXPECT_EQ(LDM_MINMATCH_MAX, ZSTD_LDM_MINMATCH_MAX);
  EXPECT_EQ(LDM_BUCKETSIZELOG_MIN, ZSTD_LDM_BUCKETSIZELOG_MIN);
  EXPECT_EQ(LDM_BUCKETSIZELOG_MAX, ZSTD_LDM_BUCKETSIZELOG_MAX);
  EXPECT_EQ(LDM_HASHRATELOG_MIN, ZSTD_LDM_HASHRATELOG_MIN);
  EXPECT_EQ(LDM_HASHRATELOG_MAX, ZSTD_WINDOWLOG_MAX_64 - ZSTD_HASHLOG_MIN);
  EXPECT_EQ(MIN_COMPRESSION_LEVEL, -ZSTD_TARGETLENGTH_MAX);  // ZSTD_minCLevel()
  EXPECT_EQ(COMPRESSION_LEVEL_DEFAULT, ZSTD_CLEVEL_DEFAULT);
  EXPECT_EQ(static_cast<int>(STRATEGY_FAST), static_cast<int>(ZSTD_fast));
  EXPECT_EQ(static_cast<int>(STRATEGY_BTULTRA2), static_cast<int>(ZSTD_btultra2));
}
#endif

TEST(StrategyNames, NamesAndConstants) {
  const char* names[] = {"fast", "dfast", "greedy", "lazy", "lazy2", "btlazy2", "btopt", "btultra", "btultra2"};
  for (int s = 1; s <= 9; ++s) EXPECT_STREQ(strategy_name(static_cast<Strategy>(s)), names[s - 1]);
  EXPECT_STREQ(strategy_name(Strategy{}), "unknown");
  EXPECT_EQ(static_cast<int>(STRATEGY_FAST), 1);
  EXPECT_EQ(static_cast<int>(STRATEGY_LAZY2), 5);
  EXPECT_EQ(static_cast<int>(STRATEGY_BTULTRA2), 9);
}

TEST(EstimatedContextSize, FollowsTheParameters) {
  using P = ZstdCompressionParameters;
  const std::size_t l1 = P::from_level(1).estimated_compression_context_size();
  const std::size_t l19 = P::from_level(19).estimated_compression_context_size();
  const std::size_t l22 = P::from_level(22).estimated_compression_context_size();
  EXPECT_LT(l1, l19);
  EXPECT_LT(l19, l22);
  // A level-3 window (2 MiB) and its tables at the least.
  EXPECT_GT(P{}.estimated_compression_context_size(), (std::size_t{1} << 21) + (std::size_t{4} << 17));
  // Unset fields resolve from compression_level: P{} is level 3, as is from_level(3).
  EXPECT_EQ(P{}.estimated_compression_context_size(), P::from_level(3).estimated_compression_context_size());
  EXPECT_EQ(P{.compression_level = 19}.estimated_compression_context_size(), l19);
  // Small inputs need small contexts.
  EXPECT_LT(P::from_level(19, 1000).estimated_compression_context_size(), l19 / 10);
  EXPECT_LT(P{}.estimated_compression_context_size(), P{.threads = 4}.estimated_compression_context_size());
  EXPECT_THROW(P{.window_log = 40}.estimated_compression_context_size(), ZstdError);
}

}  // namespace
}  // namespace zstdpp_test

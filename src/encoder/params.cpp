// Parameter resolution: bounds, size classes, the adjustment to the input, derived
// settings and the context size estimate. The steps and their reasons are in
// params.hpp's banner; the table itself is in level_table.cpp.
//
// Bounds live in one table (kParameters) with their error messages. Status messages are
// static templates (no allocation on the failure path), so each row carries its own
// text with the range written in: "window_log {v} is outside 10..31", and a second one
// for negative values since {v} prints an unsigned number.
#include "encoder/params.hpp"

#include <algorithm>
#include <climits>
#include <thread>

#include "encoder/match/ldm.hpp"
#include "encoder/match/optimal_state.hpp"

namespace zstdpp {
namespace encoder {
namespace {

constexpr int kNoUnsetValue = INT_MIN;

struct ParameterInfo {
  const char* name;
  ParameterBounds range;
  int unset;                  // the value meaning "from the level" (passes unchecked)
  bool negative_means_auto;   // threads: any negative value means "one per CPU"
  const char* outside;        // message for a value >= 0
  const char* outside_negative;
};

// One row per CompressionParameter, in its order. The ranges are literals so the message
// text can be built by the preprocessor; static_asserts below tie them to the constants.
#define ZSTDPP_PARAMETER(name, lo, hi, unset, negative_auto) \
  ParameterInfo{#name, {lo, hi}, unset, negative_auto, #name " {v} is outside " #lo ".." #hi, \
                #name " -{v} is outside " #lo ".." #hi}

constexpr ParameterInfo kParameters[kCompressionParameterCount] = {
    ZSTDPP_PARAMETER(format, 0, 1, kNoUnsetValue, false),
    ZSTDPP_PARAMETER(compression_level, -131072, 22, kNoUnsetValue, false),
    ZSTDPP_PARAMETER(window_log, 10, 31, 0, false),
    ZSTDPP_PARAMETER(hash_log, 6, 30, 0, false),
    ZSTDPP_PARAMETER(chain_log, 6, 30, 0, false),
    ZSTDPP_PARAMETER(search_log, 1, 30, 0, false),
    ZSTDPP_PARAMETER(min_match, 3, 7, 0, false),
    ZSTDPP_PARAMETER(target_length, 0, 131072, kNoUnsetValue, false),
    ZSTDPP_PARAMETER(strategy, 1, 9, 0, false),
    ZSTDPP_PARAMETER(write_content_size, 0, 1, kNoUnsetValue, false),
    ZSTDPP_PARAMETER(write_checksum, 0, 1, kNoUnsetValue, false),
    ZSTDPP_PARAMETER(write_dict_id, 0, 1, kNoUnsetValue, false),
    ZSTDPP_PARAMETER(job_size, 0, 1073741824, kNoUnsetValue, false),
    ZSTDPP_PARAMETER(overlap_log, 0, 9, -1, false),
    ZSTDPP_PARAMETER(force_max_window, 0, 1, kNoUnsetValue, false),
    ZSTDPP_PARAMETER(enable_ldm, 0, 2, kNoUnsetValue, false),
    ZSTDPP_PARAMETER(ldm_hash_log, 6, 30, 0, false),
    ZSTDPP_PARAMETER(ldm_min_match, 4, 4096, 0, false),
    ZSTDPP_PARAMETER(ldm_bucket_size_log, 1, 8, 0, false),
    ZSTDPP_PARAMETER(ldm_hash_rate_log, 0, 25, -1, false),
    ZSTDPP_PARAMETER(threads, 0, 256, kNoUnsetValue, true),
    ZSTDPP_PARAMETER(use_row_match_finder, 0, 2, kNoUnsetValue, false),
};
#undef ZSTDPP_PARAMETER

constexpr const ParameterInfo& info(CompressionParameter p) { return kParameters[static_cast<int>(p)]; }
using P = CompressionParameter;
static_assert(info(P::compression_level).range.lower == MIN_COMPRESSION_LEVEL);
static_assert(info(P::compression_level).range.upper == MAX_COMPRESSION_LEVEL);
static_assert(info(P::window_log).range.lower == static_cast<int>(WINDOWLOG_MIN));
static_assert(info(P::window_log).range.upper == static_cast<int>(WINDOWLOG_MAX));
static_assert(info(P::hash_log).range.lower == HASHLOG_MIN && info(P::hash_log).range.upper == HASHLOG_MAX);
static_assert(info(P::chain_log).range.lower == CHAINLOG_MIN && info(P::chain_log).range.upper == CHAINLOG_MAX);
static_assert(info(P::search_log).range.lower == SEARCHLOG_MIN && info(P::search_log).range.upper == SEARCHLOG_MAX);
static_assert(info(P::min_match).range.lower == MINMATCH_MIN && info(P::min_match).range.upper == MINMATCH_MAX);
static_assert(info(P::target_length).range.lower == TARGETLENGTH_MIN);
static_assert(info(P::target_length).range.upper == TARGETLENGTH_MAX && TARGETLENGTH_MAX == int{BLOCKSIZE_MAX});
static_assert(info(P::strategy).range.lower == STRATEGY_MIN && info(P::strategy).range.upper == STRATEGY_MAX);
static_assert(STRATEGY_MIN == static_cast<int>(Strategy::fast) && STRATEGY_MAX == static_cast<int>(Strategy::btultra2));
static_assert(info(P::job_size).range.upper == JOBSIZE_MAX);
static_assert(info(P::overlap_log).range.lower == OVERLAPLOG_MIN && info(P::overlap_log).range.upper == OVERLAPLOG_MAX);
static_assert(info(P::ldm_hash_log).range.lower == LDM_HASHLOG_MIN && info(P::ldm_hash_log).range.upper == LDM_HASHLOG_MAX);
static_assert(info(P::ldm_min_match).range.lower == LDM_MINMATCH_MIN && info(P::ldm_min_match).range.upper == LDM_MINMATCH_MAX);
static_assert(info(P::ldm_bucket_size_log).range.lower == LDM_BUCKETSIZELOG_MIN &&
              info(P::ldm_bucket_size_log).range.upper == LDM_BUCKETSIZELOG_MAX);
static_assert(info(P::ldm_hash_rate_log).range.lower == LDM_HASHRATELOG_MIN &&
              info(P::ldm_hash_rate_log).range.upper == LDM_HASHRATELOG_MAX);
static_assert(info(P::enable_ldm).range.lower == LDM_AUTO && info(P::enable_ldm).range.upper == LDM_DISABLE);
static_assert(info(P::threads).range.upper == NBWORKERS_MAX);
static_assert(info(P::threads).range.lower == 0 && info(P::format).range.upper == static_cast<int>(FORMAT_ZSTD1_MAGICLESS));

long long field_value(const ZstdCompressionParameters& p, CompressionParameter which) {
  switch (which) {
    case P::format: return static_cast<int>(p.format);
    case P::compression_level: return p.compression_level;
    case P::window_log: return p.window_log;
    case P::hash_log: return p.hash_log;
    case P::chain_log: return p.chain_log;
    case P::search_log: return p.search_log;
    case P::min_match: return p.min_match;
    case P::target_length: return p.target_length;
    case P::strategy: return static_cast<int>(p.strategy);
    case P::write_content_size: return p.write_content_size;
    case P::write_checksum: return p.write_checksum;
    case P::write_dict_id: return p.write_dict_id;
    case P::job_size: return p.job_size;
    case P::overlap_log: return p.overlap_log;
    case P::force_max_window: return p.force_max_window;
    case P::enable_ldm: return p.enable_ldm;
    case P::ldm_hash_log: return p.ldm_hash_log;
    case P::ldm_min_match: return p.ldm_min_match;
    case P::ldm_bucket_size_log: return p.ldm_bucket_size_log;
    case P::ldm_hash_rate_log: return p.ldm_hash_rate_log;
    case P::threads: return p.threads;
    case P::use_row_match_finder: return p.use_row_match_finder;
  }
  return 0;
}

// Size-class boundaries of the level table (inclusive upper bounds of R = source + dict).
constexpr std::uint64_t kUpTo16KiB = 16 * 1024;
constexpr std::uint64_t kUpTo128KiB = 128 * 1024;
constexpr std::uint64_t kUpTo256KiB = 256 * 1024;
// With a dictionary and no source size the reference assumes a small source; its sum
// unknown + dict + 500 wraps to dict + 499 (see params.hpp step 2).
constexpr std::uint64_t kAssumedSourceWithDictionary = 499;
// Step 6a: inputs and dictionaries up to 1 GiB shrink the window (the reference's
// maxWindowResize, 2^(WINDOWLOG_MAX - 1)).
constexpr std::uint64_t kMaxWindowResize = std::uint64_t{1} << 30;
// Step 6a: below 64 bytes of need, tables are sized for 64 (the smallest hash table).
constexpr unsigned kSmallestSourceLog = HASHLOG_MIN;
// Step 4: window for long-distance matching when none was asked for (128 MiB, the
// default decoder limit, so such frames still decode everywhere without options).
constexpr unsigned kLdmDefaultWindowLog = 27;
// LDM defaults (zstd.h): hash table window_log - 7, matches of 64+, buckets of 8.
constexpr unsigned kLdmHashRlog = 7;
constexpr unsigned kLdmDefaultMinMatch = 64;
constexpr unsigned kLdmDefaultBucketSizeLog = 3;
// Multithreading: jobs of 4 windows, at least 1 MiB (the reference's default job log is
// max(20, window_log + 2)), never above JOBSIZE_MAX.
constexpr unsigned kMinJobLog = 20;
constexpr unsigned kMaxJobLog = 30;

std::uint64_t saturating_add(std::uint64_t a, std::uint64_t b) {
  return a > ~std::uint64_t{0} - b ? ~std::uint64_t{0} : a + b;
}

// Default overlap between jobs by strategy: stronger strategies find longer matches and
// lose more at job borders, so they reload more history (9 = a full window).
unsigned default_overlap_log(Strategy s) {
  if (s >= Strategy::btultra2) return 9;
  if (s >= Strategy::btultra) return 8;
  if (s >= Strategy::btlazy2) return 7;
  return 6;
}

// Step 6 of params.hpp.
void adjust_to_source(CompressionConfig& c, std::uint64_t source_size, std::size_t dict_size) {
  const std::uint64_t dict = dict_size;
  if (source_size <= kMaxWindowResize && dict <= kMaxWindowResize) {
    const std::uint64_t need = source_size + dict;
    const unsigned src_log = need < (std::uint64_t{1} << kSmallestSourceLog) ? kSmallestSourceLog : ceil_log2(need);
    c.window_log = std::min(c.window_log, src_log);
  }
  unsigned dw_log = c.window_log;
  if (dict != 0) {
    const std::uint64_t window = std::uint64_t{1} << c.window_log;
    if (window < saturating_add(source_size, dict)) {
      const std::uint64_t window_and_dict = window + dict;
      dw_log = window_and_dict >= (std::uint64_t{1} << WINDOWLOG_MAX) ? WINDOWLOG_MAX : ceil_log2(window_and_dict);
    }
  }
  c.hash_log = std::min(c.hash_log, dw_log + 1);
  c.chain_log = std::min(c.chain_log, dw_log + (c.strategy >= Strategy::btlazy2 ? 1u : 0u));
  c.window_log = std::max(c.window_log, static_cast<unsigned>(WINDOWLOG_MIN));
}

// Step 7: the row-based table where it pays (the reference's rule: the lazy family on
// windows over 16 KiB, where chain walks start missing the cache). Its hash carries an
// 8-bit tag above the row index, and hashes are 32 bits: hash_log <= row_log + 24.
void resolve_row_match_finder(CompressionConfig& c, const ZstdCompressionParameters& o) {
  const bool lazy_family = c.strategy >= Strategy::greedy && c.strategy <= Strategy::lazy2;
  c.row_match_finder = lazy_family && (o.use_row_match_finder == ROW_MATCH_FINDER_ENABLE ||
                                       (o.use_row_match_finder == ROW_MATCH_FINDER_AUTO && c.window_log > 14));
  if (!c.row_match_finder) return;
  c.row_log = std::clamp(c.search_log, 4u, 6u);
  c.hash_log = std::min(c.hash_log, c.row_log + 24);
}

// Step 7: long-distance matching.
void resolve_ldm(CompressionConfig& c, const ZstdCompressionParameters& o) {
  if (o.enable_ldm == LDM_ENABLE) {
    c.enable_ldm = true;
  } else if (o.enable_ldm == LDM_AUTO) {
    c.enable_ldm = c.strategy >= Strategy::btopt && c.window_log >= kLdmDefaultWindowLog;
    c.ldm_by_default = c.enable_ldm;
  }
  c.ldm_hash_log = o.ldm_hash_log != 0
                       ? static_cast<unsigned>(o.ldm_hash_log)
                       : std::max<unsigned>(HASHLOG_MIN, c.window_log - kLdmHashRlog);
  c.ldm_min_match = o.ldm_min_match != 0 ? static_cast<unsigned>(o.ldm_min_match) : kLdmDefaultMinMatch;
  c.ldm_bucket_size_log = o.ldm_bucket_size_log != 0 ? static_cast<unsigned>(o.ldm_bucket_size_log)
                                                     : kLdmDefaultBucketSizeLog;
  c.ldm_bucket_size_log = std::min(c.ldm_bucket_size_log, c.ldm_hash_log);
  // 0 and -1 both mean "derive" (the reference reads 0 as automatic).
  c.ldm_hash_rate_log = o.ldm_hash_rate_log > 0 ? static_cast<unsigned>(o.ldm_hash_rate_log)
                        : c.window_log > c.ldm_hash_log ? c.window_log - c.ldm_hash_log
                                                        : 0u;
}

// Step 7: workers, job size, overlap.
void resolve_threads(CompressionConfig& c, const ZstdCompressionParameters& o) {
  if (o.threads == 0) return;
  unsigned threads = static_cast<unsigned>(o.threads);
  if (o.threads < 0) threads = std::max(1u, std::thread::hardware_concurrency());
  c.threads = std::min(threads, static_cast<unsigned>(NBWORKERS_MAX));
  // 0 and -1 both mean "by strategy"; 1 = no overlap ... 9 = a full window.
  c.overlap_log = o.overlap_log > 0 ? static_cast<unsigned>(o.overlap_log) : default_overlap_log(c.strategy);
  const std::size_t overlap = c.overlap_log <= 1 ? 0 : std::size_t{1} << (c.window_log - (9 - c.overlap_log));
  std::size_t job = o.job_size != 0 ? static_cast<std::size_t>(o.job_size)
                                    : std::size_t{1} << std::min(kMaxJobLog, std::max(kMinJobLog, c.window_log + 2));
  // A job shorter than its overlap would spend its time reloading history.
  job = std::max({job, static_cast<std::size_t>(JOBSIZE_MIN), overlap});
  c.job_size = std::min(job, static_cast<std::size_t>(JOBSIZE_MAX));
}

}  // namespace

SizeClass size_class(std::uint64_t source_size, std::size_t dict_size) {
  std::uint64_t r;
  if (source_size == kSourceSizeUnknown) {
    if (dict_size == 0) return SizeClass::kLarge;
    r = std::uint64_t{dict_size} + kAssumedSourceWithDictionary;
  } else {
    r = saturating_add(source_size, dict_size);
  }
  if (r <= kUpTo16KiB) return SizeClass::kUpTo16KiB;
  if (r <= kUpTo128KiB) return SizeClass::kUpTo128KiB;
  if (r <= kUpTo256KiB) return SizeClass::kUpTo256KiB;
  return SizeClass::kLarge;
}

Status check_parameter(CompressionParameter parameter, long long value) {
  const ParameterInfo& p = info(parameter);
  if (value == p.unset || p.range.contains(value)) return Status::success();
  if (value < 0 && p.negative_means_auto) return Status::success();
  if (value < 0) return Status::fail(ErrorCode::kParameterOutOfBounds, p.outside_negative, static_cast<std::uint64_t>(-value));
  return Status::fail(ErrorCode::kParameterOutOfBounds, p.outside, static_cast<std::uint64_t>(value));
}

Status validate_parameters(const ZstdCompressionParameters& params) {
  for (int i = 0; i < kCompressionParameterCount; ++i) {
    const auto which = static_cast<CompressionParameter>(i);
    ZSTDPP_TRY(check_parameter(which, field_value(params, which)));
  }
  return Status::success();
}

Status resolve_parameters(int level, std::uint64_t source_size, std::size_t dict_size,
                          const ZstdCompressionParameters& o, CompressionConfig& out) {
  ZSTDPP_TRY(check_parameter(CompressionParameter::compression_level, level));
  ZSTDPP_TRY(validate_parameters(o));

  CompressionConfig c;
  c.level = level == 0 ? COMPRESSION_LEVEL_DEFAULT : level;
  c.source_size = source_size;
  c.dict_size = dict_size;

  // Steps 2 and 3: the table row.
  c.table = size_class(source_size, dict_size);
  const LevelRow& row = level_row(c.table, c.level < 0 ? 0 : c.level);
  c.window_log = row.window_log;
  c.chain_log = row.chain_log;
  c.hash_log = row.hash_log;
  c.search_log = row.search_log;
  c.min_match = row.min_match;
  c.target_length = c.level < 0 ? static_cast<unsigned>(-c.level) : row.target_length;
  c.strategy = row.strategy;

  // Step 4: LDM wants a long window unless one was chosen.
  if (o.enable_ldm == LDM_ENABLE && o.window_log == 0) c.window_log = kLdmDefaultWindowLog;

  // Step 5: overrides (validated above).
  if (o.window_log != 0) c.window_log = static_cast<unsigned>(o.window_log);
  if (o.chain_log != 0) c.chain_log = static_cast<unsigned>(o.chain_log);
  if (o.hash_log != 0) c.hash_log = static_cast<unsigned>(o.hash_log);
  if (o.search_log != 0) c.search_log = static_cast<unsigned>(o.search_log);
  if (o.min_match != 0) c.min_match = static_cast<unsigned>(o.min_match);
  if (o.target_length != 0) c.target_length = static_cast<unsigned>(o.target_length);
  if (o.strategy != Strategy{}) c.strategy = o.strategy;

  // Step 6.
  if (source_size != kSourceSizeUnknown) adjust_to_source(c, source_size, dict_size);

  // Step 7.
  c.acceleration = c.strategy == Strategy::fast ? std::max(1u, c.target_length) : 1u;
  resolve_row_match_finder(c, o);
  c.format = o.format;
  c.content_size_flag = o.write_content_size;
  c.checksum_flag = o.write_checksum;
  c.dict_id_flag = o.write_dict_id;
  c.force_max_window = o.force_max_window;
  resolve_ldm(c, o);
  resolve_threads(c, o);

  out = c;
  return Status::success();
}

// The context size estimate. Every term is a buffer or table the encoder keeps for the
// life of a context; sizes in bytes, B = block_size_max() = min(window, 128 KiB):
//   window buffer    2^window_log + R + B     streaming history, room for new input before
//                                             the buffer slides (R = max(window, table
//                                             entries): a slide then costs at most one byte
//                                             moved and one entry rebased per input byte),
//                                             and the block being filled
//   hash table       4 << hash_log            one 32-bit position per entry
//   chain table      4 << chain_log           not for fast; dfast's second hash table,
//                                             the lazy chains, or the binary trees
//   row tags, heads  (1 << hash_log) * (1 + 2^-row_log)   instead, with the row table
//   hash3 table      4 << min(17, window_log) btopt and stronger with min_match 3
//   optimal parser   kOptimalParserBytes      btopt and stronger: prices and the path
//   sequence store   B + (B / d) * 11         literals, then per sequence 8 bytes of
//                                             values and 3 codes; a sequence covers at
//                                             least d = 3 bytes if min_match is 3, else 4
//   compressed block B + B / 256 + 64         the block's worst case, written before
//                                             it is known to be smaller than raw
//   entropy tables   kEntropyTableBytes       Huffman and FSE tables, previous and current
//   LDM              (8 << ldm_hash_log)      when enabled: the table (a position and a
//                    + (B / ldm_min_match     checksum per entry) and one block's long
//                      + 1) * 12              matches, 12 bytes each (LongDistanceMatcher::
//                                             memory_needed). Its entries count in R too:
//                                             a slide rebases them.
// With threads > 0 every worker holds its own tables and block buffers plus its job's
// input (job_size + overlap) and output (job_size + job_size / 256); the long-distance
// matcher runs once, ahead of the workers.
std::size_t estimate_context_size(const CompressionConfig& c) {
  // The parser's path, candidates and statistics (optimal_state.hpp).
  constexpr std::size_t kOptimalParserBytes = sizeof(OptimalState) + OptimalState::kHeapBytes;
  // Two sets (the previous block's, for repeat modes, and the current one) of a Huffman
  // table (256 x 4) and three FSE tables (up to 2^9 states x 4 plus symbol transforms),
  // plus an 8 KiB scratch area for histograms and normalisation.
  constexpr std::size_t kEntropyTableBytes = 2 * (256 * 4 + 3 * ((1u << 9) * 4 + 256 * 8)) + 8 * 1024;

  const std::size_t block = c.block_size_max();
  const bool optimal = c.strategy >= Strategy::btopt;
  std::size_t tables = std::size_t{4} << c.hash_log;
  if (c.row_match_finder) {
    tables += (std::size_t{1} << c.hash_log) + (std::size_t{1} << (c.hash_log - c.row_log));  // tags, heads
  } else if (c.strategy != Strategy::fast) {
    tables += std::size_t{4} << c.chain_log;
  }
  if (optimal && c.min_match == 3) tables += std::size_t{4} << std::min<unsigned>(HASHLOG3_MAX, c.window_log);
  if (optimal) tables += kOptimalParserBytes;
  const std::size_t max_sequences = block / (c.min_match <= 3 ? 3 : 4);
  const std::size_t block_buffers = block + max_sequences * 11 + (block + block / 256 + 64) + kEntropyTableBytes;
  std::size_t ldm = 0;
  if (c.enable_ldm) {
    const LdmParams p{.enabled = true,
                      .hash_log = c.ldm_hash_log,
                      .min_match = c.ldm_min_match,
                      .bucket_size_log = c.ldm_bucket_size_log,
                      .hash_rate_log = c.ldm_hash_rate_log};
    ldm = LongDistanceMatcher::memory_needed(p, block);
  }
  std::size_t table_entries = std::size_t{1} << c.hash_log;
  if (!c.row_match_finder && c.strategy != Strategy::fast) table_entries += std::size_t{1} << c.chain_log;
  if (c.enable_ldm) table_entries += std::size_t{1} << c.ldm_hash_log;
  const std::size_t window_buffer = c.window_size() + std::max(c.window_size(), table_entries) + block;
  if (c.threads == 0) return window_buffer + tables + block_buffers + ldm;
  const std::size_t overlap = c.overlap_log <= 1 ? 0 : std::size_t{1} << (c.window_log - (9 - c.overlap_log));
  const std::size_t job_buffers = (c.job_size + overlap) + (c.job_size + c.job_size / 256);
  return c.threads * (tables + block_buffers + job_buffers) + ldm;
}

}  // namespace encoder

// Public helpers of parameters.hpp, here because the engine owns the bounds table.

const char* strategy_name(Strategy strategy) noexcept {
  switch (strategy) {
    case Strategy::fast: return "fast";
    case Strategy::dfast: return "dfast";
    case Strategy::greedy: return "greedy";
    case Strategy::lazy: return "lazy";
    case Strategy::lazy2: return "lazy2";
    case Strategy::btlazy2: return "btlazy2";
    case Strategy::btopt: return "btopt";
    case Strategy::btultra: return "btultra";
    case Strategy::btultra2: return "btultra2";
  }
  return "unknown";
}

ParameterBounds bounds(CompressionParameter parameter) noexcept {
  const auto i = static_cast<unsigned>(parameter);
  return i < static_cast<unsigned>(kCompressionParameterCount) ? encoder::kParameters[i].range : ParameterBounds{0, 0};
}

const char* parameter_name(CompressionParameter parameter) noexcept {
  const auto i = static_cast<unsigned>(parameter);
  return i < static_cast<unsigned>(kCompressionParameterCount) ? encoder::kParameters[i].name : "unknown";
}

}  // namespace zstdpp

// Compression parameters, as python-zstandard's ZstdCompressionParameters documents them.
//
// A compression level is the one knob most callers need: it picks a row of the reference
// level table (window, hash and chain table sizes, search depth, match lengths, strategy)
// for the size of the input. ZstdCompressionParameters names each of those fields, plus
// the frame flags, long-distance matching and multithreading settings, so any of them can
// be pinned down. It is a plain aggregate: a field left at its default (0, or -1 where
// python-zstandard uses -1, or Strategy{}) means "what the level decides".
//
//   using namespace zstdpp;
//   auto p = ZstdCompressionParameters::from_level(19, 1 << 20);   // level 19, 1 MiB input
//   ZstdCompressionParameters q{.window_log = 20, .strategy = STRATEGY_BTOPT, .write_checksum = true};
//   q.validate();                                   // throws ZstdError naming a bad field
//
// Bounds are the reference library's for 64-bit builds (ZSTD_cParam_getBounds of 1.5.x).
// The names of the constants follow python-zstandard (CHAINLOG_MIN, ...), never zstd.h's
// ZSTD_* macros, so both headers can be included together; WINDOWLOG_MIN/MAX live in
// constants.hpp.
#pragma once

#include <cstddef>
#include <cstdint>

#include <zstdpp/constants.hpp>

namespace zstdpp {

/// Match-finding strategies, weakest and fastest first; the values are the format-neutral
/// numbers every zstd implementation uses (python-zstandard's STRATEGY_*).
enum class Strategy : std::uint8_t { fast = 1, dfast, greedy, lazy, lazy2, btlazy2, btopt, btultra, btultra2 };
inline constexpr Strategy STRATEGY_FAST = Strategy::fast;
inline constexpr Strategy STRATEGY_DFAST = Strategy::dfast;
inline constexpr Strategy STRATEGY_GREEDY = Strategy::greedy;
inline constexpr Strategy STRATEGY_LAZY = Strategy::lazy;
inline constexpr Strategy STRATEGY_LAZY2 = Strategy::lazy2;
inline constexpr Strategy STRATEGY_BTLAZY2 = Strategy::btlazy2;
inline constexpr Strategy STRATEGY_BTOPT = Strategy::btopt;
inline constexpr Strategy STRATEGY_BTULTRA = Strategy::btultra;
inline constexpr Strategy STRATEGY_BTULTRA2 = Strategy::btultra2;

/// "fast", "dfast", ..., "btultra2" (the zstd CLI's --zstd=strategy spelling);
/// "unknown" for a value outside the enumeration.
const char* strategy_name(Strategy strategy) noexcept;

/// Levels. 0 asks for the default; negative levels trade ratio for speed down to
/// MIN_COMPRESSION_LEVEL (the reference's ZSTD_minCLevel()).
inline constexpr int MAX_COMPRESSION_LEVEL = 22;
inline constexpr int MIN_COMPRESSION_LEVEL = -131072;
inline constexpr int COMPRESSION_LEVEL_DEFAULT = 3;

/// Field bounds (inclusive). A field at its "from the level" value is not checked.
inline constexpr int CHAINLOG_MIN = 6;
inline constexpr int CHAINLOG_MAX = 30;
inline constexpr int HASHLOG_MIN = 6;
inline constexpr int HASHLOG_MAX = 30;
inline constexpr int HASHLOG3_MAX = 17;  // the 3-byte-match table of btopt and stronger
inline constexpr int SEARCHLOG_MIN = 1;
inline constexpr int SEARCHLOG_MAX = 30;  // WINDOWLOG_MAX - 1
inline constexpr int MINMATCH_MIN = 3;
inline constexpr int MINMATCH_MAX = 7;
inline constexpr int TARGETLENGTH_MIN = 0;
inline constexpr int TARGETLENGTH_MAX = 131072;  // one block
inline constexpr int STRATEGY_MIN = 1;
inline constexpr int STRATEGY_MAX = 9;
inline constexpr int OVERLAPLOG_MIN = 0;
inline constexpr int OVERLAPLOG_MAX = 9;
inline constexpr int JOBSIZE_MAX = 1 << 30;
/// Smaller non-zero job sizes are raised to this, as the reference does silently.
inline constexpr int JOBSIZE_MIN = 512 * 1024;
inline constexpr int NBWORKERS_MAX = 256;
inline constexpr int LDM_HASHLOG_MIN = HASHLOG_MIN;
inline constexpr int LDM_HASHLOG_MAX = HASHLOG_MAX;
inline constexpr int LDM_MINMATCH_MIN = 4;
inline constexpr int LDM_MINMATCH_MAX = 4096;
inline constexpr int LDM_BUCKETSIZELOG_MIN = 1;
inline constexpr int LDM_BUCKETSIZELOG_MAX = 8;
inline constexpr int LDM_HASHRATELOG_MIN = 0;
inline constexpr int LDM_HASHRATELOG_MAX = 25;  // WINDOWLOG_MAX - HASHLOG_MIN

/// enable_ldm values (the reference's three-way switch; python-zstandard's True is 1).
inline constexpr int LDM_AUTO = 0;     // on when strategy >= btopt and window_log >= 27
inline constexpr int LDM_ENABLE = 1;
inline constexpr int LDM_DISABLE = 2;

/// use_row_match_finder values: which table the greedy, lazy and lazy2 strategies search.
/// The row-based table (buckets of 16..64 recent positions with one-byte tags compared
/// with SIMD) is faster at equal ratio on large windows; the hash chain walks every
/// candidate in order. AUTO picks rows for those strategies when window_log > 14, as the
/// reference does. (Not a python-zstandard field: the reference's ZSTD_c_useRowMatchFinder.)
inline constexpr int ROW_MATCH_FINDER_AUTO = 0;
inline constexpr int ROW_MATCH_FINDER_ENABLE = 1;
inline constexpr int ROW_MATCH_FINDER_DISABLE = 2;

/// One enumerator per field of ZstdCompressionParameters, in declaration order.
enum class CompressionParameter : std::uint8_t {
  format,
  compression_level,
  window_log,
  hash_log,
  chain_log,
  search_log,
  min_match,
  target_length,
  strategy,
  write_content_size,
  write_checksum,
  write_dict_id,
  job_size,
  overlap_log,
  force_max_window,
  enable_ldm,
  ldm_hash_log,
  ldm_min_match,
  ldm_bucket_size_log,
  ldm_hash_rate_log,
  threads,
  use_row_match_finder,
};
inline constexpr int kCompressionParameterCount = 22;

struct ParameterBounds {
  int lower;
  int upper;
  constexpr bool contains(long long value) const { return value >= lower && value <= upper; }
};

/// The inclusive range of a field (flags are 0..1). Values that mean "from the level"
/// (0, -1, Strategy{}) are accepted besides the range; threads < 0 means "one per CPU".
ParameterBounds bounds(CompressionParameter parameter) noexcept;
/// The field's name as spelled in ZstdCompressionParameters ("window_log", ...).
const char* parameter_name(CompressionParameter parameter) noexcept;

struct ZstdCompressionParameters {
  Format format = FORMAT_ZSTD1;
  int compression_level = 0;  ///< 0: COMPRESSION_LEVEL_DEFAULT
  /// Match finder shape; 0 (Strategy{} for strategy): from the level table.
  int window_log = 0;     ///< largest match distance, log2
  int hash_log = 0;       ///< first probe table: 4 << hash_log bytes
  int chain_log = 0;      ///< chain / binary tree / second hash table: 4 << chain_log bytes
  int search_log = 0;     ///< log2 of the number of candidates searched per position
  int min_match = 0;      ///< shortest match searched (finders clamp it to what they support)
  int target_length = 0;  ///< fast: skip acceleration; btopt+: "good enough" match length
  Strategy strategy{};
  /// Frame flags. write_dict_id defaults to true as in ZstdCompressor and the reference
  /// (python-zstandard's ZstdCompressionParameters alone defaults it to 0).
  bool write_content_size = true;
  bool write_checksum = false;
  bool write_dict_id = true;
  /// Multithreading (used when threads != 0). job_size 0: 4 << window_log, at least 1 MiB;
  /// overlap_log -1 (or 0): 6..9 by strategy, 1 = no overlap, 9 = a full window.
  int job_size = 0;
  int overlap_log = -1;
  /// Keep matches within the window even into a dictionary's content.
  bool force_max_window = false;
  /// Long-distance matching: LDM_AUTO, LDM_ENABLE (or true), LDM_DISABLE. Enabling it with
  /// no window_log raises the window to 27 (128 MiB). 0 / -1 fields below are derived
  /// from the window: hash_log = window_log - 7, min_match 64, bucket_size_log 3,
  /// hash_rate_log = window_log - ldm_hash_log.
  int enable_ldm = LDM_AUTO;
  int ldm_hash_log = 0;
  int ldm_min_match = 0;
  int ldm_bucket_size_log = 0;
  int ldm_hash_rate_log = -1;
  /// Worker threads: 0 compresses on the caller's thread; negative means one per CPU.
  int threads = 0;
  /// Greedy, lazy, lazy2: ROW_MATCH_FINDER_AUTO, _ENABLE (row-based table) or _DISABLE
  /// (hash chain). Ignored by the other strategies.
  int use_row_match_finder = ROW_MATCH_FINDER_AUTO;

  /// The parameters the level table gives for `level` (0: the default level) and an input
  /// of `source_size` bytes (0: unknown, as in python-zstandard) compressed with a
  /// dictionary of `dict_size` bytes, after the reference's adjustment to small inputs.
  /// Fields set in `overrides` are kept as given (and validated); the others are copied
  /// from `overrides` too (flags, threads, LDM). compression_level becomes `level`.
  /// Throws ZstdError(kParameterOutOfBounds) for a level outside
  /// MIN_COMPRESSION_LEVEL..MAX_COMPRESSION_LEVEL or an override out of bounds.
  ///   auto p = ZstdCompressionParameters::from_level(4, 0, 0, {.window_log = 10, .threads = 4});
  /// (Two overloads rather than a defaulted `overrides = {}`: a default argument cannot
  /// use the class's own default member initializers inside its definition.)
  static ZstdCompressionParameters from_level(int level, std::uint64_t source_size,
                                              std::size_t dict_size,
                                              const ZstdCompressionParameters& overrides);
  static ZstdCompressionParameters from_level(int level, std::uint64_t source_size = 0,
                                              std::size_t dict_size = 0);

  /// Throws ZstdError(kParameterOutOfBounds) naming the first field outside its bounds,
  /// its value and the range: "window_log 35 is outside 10..31".
  void validate() const;

  /// Bytes a compression context with these parameters needs, for an input of unknown
  /// size (fields at "from the level" are resolved first). The formula, in
  /// src/encoder/params.cpp, counts the window buffer (the window, as much again or the
  /// tables' entry count of room for input before it slides, and one block), the hash
  /// table (4 << hash_log), the chain table (4 << chain_log, none for fast) or the row
  /// table's tags and heads (greedy to lazy2 on rows), the optimal
  /// parser's state (btopt and stronger), the block buffers (literals, sequences and the
  /// compressed block), the long-distance matcher's tables when enabled, and per worker
  /// its tables and job buffers when threads > 0.
  std::size_t estimated_compression_context_size() const;

  bool operator==(const ZstdCompressionParameters&) const = default;
};

}  // namespace zstdpp

// Compression parameters inside the engine: the level table, the adjustment to the input
// and dictionary sizes, and the resolved integers every encoder stage reads.
//
// resolve_parameters() runs these steps, in this order (the reference's order, so the
// same level on the same input gets the same match finder shape):
//
//  1. Level. 0 means COMPRESSION_LEVEL_DEFAULT (3). Levels outside
//     MIN_COMPRESSION_LEVEL..MAX_COMPRESSION_LEVEL are refused (the reference clamps
//     them; refusing names the mistake instead).
//
//  2. Size class. Four tables exist, tuned for inputs of at most 16 KiB, 128 KiB,
//     256 KiB, and larger or unknown. The class is chosen on R = source + dictionary:
//     the dictionary is history the match finder indexes like the input itself.
//       - source known:                      R = source_size + dict_size
//       - source unknown, no dictionary:     "larger or unknown"
//       - source unknown, with a dictionary: R = dict_size + 499. Dictionaries are for
//         small inputs, so the reference assumes a source of about 500 bytes; its
//         arithmetic (unknown + dict + 500, wrapping in 64 bits) lands on dict + 499,
//         and we keep that exact value so both pick the same table at the boundaries.
//     R <= 16384 -> table 16 KiB, <= 131072 -> 128 KiB, <= 262144 -> 256 KiB, else the
//     large table (src/encoder/level_table.cpp, transcribed from the reference's
//     published table).
//
//  3. Row. Levels 1..22 have their own rows. A negative level uses the table's
//     "base_negative" row (strategy fast) with target_length = -level: the fast match
//     finder's acceleration, i.e. how quickly it skips ahead in input without matches.
//
//  4. Long-distance matching. enable_ldm == LDM_ENABLE with no window_log override sets
//     window_log to 27 (128 MiB: LDM only pays off with a long window).
//
//  5. Overrides. Every non-default field of the caller's ZstdCompressionParameters
//     replaces the table's value (after validation against bounds()).
//
//  6. Adjustment to a known source size (skipped when the size is unknown; it only
//     ever shrinks, so it costs no ratio: no match can reach further back than the
//     source plus the dictionary). With S = source_size and D = dict_size:
//       a. If S <= 2^30 and D <= 2^30: need = S + D; src_log = 6 if need < 64, else
//          ceil(log2(need)). window_log = min(window_log, src_log).
//       b. The tables only need to cover the window plus the dictionary:
//          dw_log = window_log                      if D == 0 or 2^window_log >= S + D,
//                   ceil(log2(2^window_log + D))    otherwise (at most 31).
//          hash_log = min(hash_log, dw_log + 1)   (a hash table twice the history
//                                                  keeps collisions rare; more is waste)
//          chain_log = min(chain_log, dw_log + (strategy >= btlazy2 ? 1 : 0))
//                                                 (binary trees keep two links per
//                                                  position, chains one)
//       c. window_log = max(window_log, 10): the frame header cannot describe a smaller
//          window. This comes after (b) on purpose: a 40-byte input gets 128-entry hash
//          tables, not 2048-entry ones.
//     Overrides are adjusted too: an explicit window_log 27 on a 1 KiB input compresses
//     with a 1 KiB window. (from_level() at the public API instead reports overrides as
//     given, as python-zstandard does; the adjustment happens again at compression.)
//
//  7. Derived settings: LDM_AUTO turns long-distance matching on when strategy >= btopt
//     and window_log >= 27 (the reference's default; ldm_by_default tells the encoder it
//     was not asked for explicitly); LDM table sizes from the window (zstd.h's
//     documented defaults); job size and overlap when threads != 0; the fast strategy's
//     acceleration; for greedy, lazy and lazy2, the row-based table (use_row_match_finder
//     ENABLE, or AUTO with window_log > 14, the reference's rule) with row_log =
//     clamp(search_log, 4, 6) and hash_log <= row_log + 24 (32-bit hashes: row index and
//     an 8-bit tag).
//
// What is NOT decided here: whether the strategy's match finder exists yet. The encoder
// refuses a strategy it has not built with kNotImplemented (never a silent fallback), so
// the level table stays the reference's. Finders also clamp min_match to the lengths they
// support (effective_min_match below).
#pragma once

#include <cstddef>
#include <cstdint>

#include <zstdpp/constants.hpp>
#include <zstdpp/parameters.hpp>

#include "common/status.hpp"

namespace zstdpp::encoder {

inline constexpr std::uint64_t kSourceSizeUnknown = CONTENTSIZE_UNKNOWN;

// The four tables of the level table, smallest inputs last (the reference's order).
enum class SizeClass : std::uint8_t { kLarge = 0, kUpTo256KiB = 1, kUpTo128KiB = 2, kUpTo16KiB = 3 };
inline constexpr int kSizeClassCount = 4;

// One row of the level table.
struct LevelRow {
  std::uint8_t window_log;
  std::uint8_t chain_log;
  std::uint8_t hash_log;
  std::uint8_t search_log;
  std::uint8_t min_match;
  std::uint16_t target_length;
  Strategy strategy;
};

// Row of `level` (1..22; 0 is the "base_negative" row) in `table` (level_table.cpp).
// REQUIRES: 0 <= level <= MAX_COMPRESSION_LEVEL.
const LevelRow& level_row(SizeClass table, int level);

// The class the reference chooses for this source (kSourceSizeUnknown allowed) and
// dictionary size (step 2 above).
SizeClass size_class(std::uint64_t source_size, std::size_t dict_size);

// Everything an encoder stage reads, resolved to plain integers.
struct CompressionConfig {
  int level = COMPRESSION_LEVEL_DEFAULT;  // the level asked for (0 already turned into 3)
  SizeClass table = SizeClass::kLarge;

  // Match finder shape.
  unsigned window_log = 0;
  unsigned chain_log = 0;
  unsigned hash_log = 0;
  unsigned search_log = 0;
  unsigned min_match = 0;
  unsigned target_length = 0;
  Strategy strategy = Strategy::fast;
  // Fast strategy only: how quickly the finder skips ahead through input that yields no
  // match (larger: faster, weaker). max(1, target_length): 1 for the positive levels'
  // rows, -level for negative levels.
  unsigned acceleration = 1;
  // Greedy, lazy, lazy2: the row-based table instead of the hash chain, with rows of
  // 2^row_log entries (search_log clamped to 4..6).
  bool row_match_finder = false;
  unsigned row_log = 0;

  // Frame.
  Format format = FORMAT_ZSTD1;
  bool content_size_flag = true;
  bool checksum_flag = false;
  bool dict_id_flag = true;
  bool force_max_window = false;

  // Long-distance matching.
  bool enable_ldm = false;
  bool ldm_by_default = false;  // enabled by LDM_AUTO's rule rather than by the caller
  unsigned ldm_hash_log = 0;
  unsigned ldm_min_match = 0;
  unsigned ldm_bucket_size_log = 0;
  unsigned ldm_hash_rate_log = 0;

  // Multithreading (job_size and overlap_log are 0 when threads == 0).
  unsigned threads = 0;
  std::size_t job_size = 0;
  unsigned overlap_log = 0;

  // What the parameters were resolved for.
  std::uint64_t source_size = kSourceSizeUnknown;
  std::size_t dict_size = 0;

  std::size_t window_size() const { return std::size_t{1} << window_log; }
  // Largest block: the window or 128 KiB, whichever is smaller (RFC 8878 3.1.1.2).
  std::size_t block_size_max() const {
    return window_size() < BLOCKSIZE_MAX ? window_size() : BLOCKSIZE_MAX;
  }
};

// Steps 1..7 of the file comment. `level` is used as given; overrides.compression_level
// is not consulted (a compressor built from parameters passes that field as `level`).
// source_size is kSourceSizeUnknown when unknown (0 is a known empty input here, unlike
// from_level's python convention). Fails with kParameterOutOfBounds naming the field.
Status resolve_parameters(int level, std::uint64_t source_size, std::size_t dict_size,
                          const ZstdCompressionParameters& overrides, CompressionConfig& out);

// The bounds check of every field, in declaration order; the first failure is returned:
// "window_log 35 is outside 10..31".
Status validate_parameters(const ZstdCompressionParameters& params);
// One field's check; values meaning "from the level" pass.
Status check_parameter(CompressionParameter parameter, long long value);

// Memory a context with this configuration needs; see the formula in params.cpp.
std::size_t estimate_context_size(const CompressionConfig& config);

// The shortest match a strategy's finder looks for: the reference's finders read 4..6
// bytes at once below btopt (fast also 7), and 3..6 from btopt up.
constexpr unsigned effective_min_match(Strategy strategy, unsigned min_match) {
  const unsigned lo = strategy >= Strategy::btopt ? 3u : 4u;
  const unsigned hi = strategy == Strategy::fast ? 7u : 6u;
  return min_match < lo ? lo : (min_match > hi ? hi : min_match);
}

// ceil(log2(n)) for n >= 1; 0 for n <= 1.
constexpr unsigned ceil_log2(std::uint64_t n) {
  unsigned log = 0;
  while (log < 64 && (std::uint64_t{1} << log) < n) ++log;
  return log;
}

}  // namespace zstdpp::encoder

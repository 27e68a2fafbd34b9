// Fuzz target: compress with zstdpp, decompress with zstdpp, demand the same bytes.
//
// Input layout (8 control bytes, then the data to compress; any file is a seed once the
// prefix is put in front):
//   byte 0      level: -10 + (byte * 13) % 33, i.e. -10..22, spread so that neighbouring
//               byte values reach distant levels (0..14, the seed script's, give -10, 3,
//               16, -4, 9, 22, 2, 15, -5, 8, 21, 1, 14, -6, 7). Levels 5..15 are greedy,
//               lazy, lazy2 and btlazy2 (btopt and stronger in the rows of small inputs:
//               11+ up to 16 KiB, 13+ up to 256 KiB), 16..22 btopt, btultra and btultra2.
//               Levels 20..22 with the size unknown to the encoder (streaming, no pledge)
//               get window_log 20, hash_log 20 and chain_log 21 unless bytes 1 and 3 set
//               them: their own would be 233..938 MB of tables
//   byte 1      bit 0: override window_log = 10 + (byte >> 3) % 11 (10..20; kept at or
//                      under 1 MiB so a streaming context stays small), raised to
//                      $ZSTDPP_FUZZ_ROUNDTRIP_MIN_WINDOW_LOG when that is set (a way to fuzz
//                      past a known small-window bug while it is open)
//               bit 1: override hash_log = 6 + (byte >> 3) % 15 (6..20)
//               bit 2: override the strategy (byte 3 bit 0 and byte 7 bits 0-2, below),
//                      min_match 3 + (byte 3 >> 1) % 5 and chain_log 6, 11, 16 or 21
//                      (byte 3 bits 4-5)
//   byte 2      bit 0: write_checksum; bit 1: write_content_size;
//               bits 2-3: path: 0 one-shot compress(), 1 compress_into() with exactly
//                      compress_bound() bytes, 2 compress_stream(), 3 compressobj;
//               bit 4: pledge the size (streaming paths); bit 5: random FLUSH_BLOCKs;
//               bits 6-7: output buffer sizes (0: 1 byte, 1: 1..16, 2: 1..4096,
//                      3: log-uniform to 256 KiB)
//   byte 3      strategy details (see byte 1 bit 2); bits 6-7: input piece sizes, same
//               four distributions as the output sizes
//   bytes 4-6   seed of the piece sizes and flush points (little-endian); the top bits
//               double as LDM knobs (the seed stays a seed, only less of it is random):
//               byte 6 bit 7: long-distance matching (through compression_params, with
//                      window_log 20 unless byte 1 sets one: LDM alone would ask for 2^27);
//               byte 6 bits 4-6: ldm_min_match {default, 4, 5, 8, 16, 32, 100, 300};
//               byte 5 bits 6-7: ldm_hash_rate_log {derived, 1, 3, 5};
//               byte 5 bits 4-5: ldm_bucket_size_log {default, 1, 4, 8}
//   byte 7      the lazy family's knobs (0, as the seed script writes it, changes nothing):
//               bits 0-2: with byte 1 bit 2, the strategy is {fast, dfast, greedy, lazy,
//                      lazy2, btlazy2, btopt, btultra, btultra2}[(2 * bits + byte 3 bit 0) % 9]
//                      (0: fast or dfast as before);
//               bits 3-4: use_row_match_finder: 0 auto, 1 row table, 2 hash chain, 3 auto
//                      (non-auto with byte 1 = 0 compresses at the level through
//                      compression_params, so levels 5..15 run with either finder);
//               bits 5-7: with parameters in use, search_log override: 0 none, else
//                      1, 2, 3, 4, 6, 8 or 10 (shallow searches to deep binary-tree walks)
//   rest        the data
// Each run compresses the data, decodes the frame with ZstdDecompressor::decompress
// (output limited to the data's size), and aborts when the bytes differ, when the frame's
// header disagrees with the flags (content size present exactly when written and known,
// checksum flag), when a streaming call breaks its contract (cursor past a buffer, no
// progress), or when any exception escapes: every level and strategy is built, so even
// ZstdError(kNotImplemented) is a failure.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "fuzz_common.hpp"

namespace {

using zstdpp::Bytes;
using zstdpp::ByteView;
using zstdpp::ZstdError;

constexpr std::size_t kControlSize = 8;

// splitmix64: the size and flush decisions, reproducible from the 4 seed bytes.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() { return zstdpp::fuzz::splitmix64(state_); }
  // 0: 1; 1: 1..16; 2: 1..4096; 3: log-uniform 1..256 KiB. After kSmallStepBudget sizes,
  // 64 KiB: 4096 one-byte steps already cross every header and block boundary of a frame,
  // and a 128 KiB input in 1-byte compressobj calls takes 16 s under ASan (each call
  // allocates a 128 KiB output buffer), which would make the run a slow unit, not a test.
  std::size_t size(unsigned mode) {
    if (++sizes_ > kSmallStepBudget) return std::size_t{1} << 16;
    const std::uint64_t r = next();
    switch (mode & 3u) {
      case 0: return 1;
      case 1: return 1 + r % 16;
      case 2: return 1 + r % 4096;
      default: {
        const unsigned bits = static_cast<unsigned>(r % 19);
        const std::size_t low = std::size_t{1} << bits;
        return low + static_cast<std::size_t>((r >> 8) % low);
      }
    }
  }

 private:
  static constexpr std::size_t kSmallStepBudget = 4096;
  std::uint64_t state_;
  std::size_t sizes_ = 0;
};

unsigned min_window_log_from_env() {
  static const unsigned value = [] {
    const char* v = std::getenv("ZSTDPP_FUZZ_ROUNDTRIP_MIN_WINDOW_LOG");
    return v ? static_cast<unsigned>(std::atoi(v)) : 0u;
  }();
  return value;
}

struct Plan {
  zstdpp::CompressorOptions options;
  bool checksum = false;
  bool content_size = false;
  unsigned path = 0;
  bool pledge = false;
  bool flushes = false;
  unsigned out_mode = 0;
  unsigned in_mode = 0;
  std::uint64_t seed = 0;
};

Plan read_plan(const std::uint8_t* c) {
  static constexpr zstdpp::Strategy kStrategies[] = {
      zstdpp::STRATEGY_FAST,    zstdpp::STRATEGY_DFAST, zstdpp::STRATEGY_GREEDY,
      zstdpp::STRATEGY_LAZY,    zstdpp::STRATEGY_LAZY2, zstdpp::STRATEGY_BTLAZY2,
      zstdpp::STRATEGY_BTOPT,   zstdpp::STRATEGY_BTULTRA, zstdpp::STRATEGY_BTULTRA2};
  static constexpr int kRowFinder[] = {zstdpp::ROW_MATCH_FINDER_AUTO, zstdpp::ROW_MATCH_FINDER_ENABLE,
                                       zstdpp::ROW_MATCH_FINDER_DISABLE, zstdpp::ROW_MATCH_FINDER_AUTO};
  static constexpr int kSearchLog[] = {0, 1, 2, 3, 4, 6, 8, 10};
  Plan p;
  const int level = -10 + (c[0] * 13) % 33;
  p.checksum = (c[2] & 1) != 0;
  p.content_size = (c[2] & 2) != 0;
  p.path = (c[2] >> 2) & 3;
  p.pledge = (c[2] & 0x10) != 0;
  p.flushes = (c[2] & 0x20) != 0;
  p.out_mode = c[2] >> 6;
  p.in_mode = c[3] >> 6;
  p.seed = c[4] | (std::uint64_t{c[5]} << 8) | (std::uint64_t{c[6]} << 16);
  const int row_finder = kRowFinder[(c[7] >> 3) & 3];
  const bool ldm = (c[6] & 0x80) != 0;
  const bool small_tables = level > 19 && p.path >= 2 && !p.pledge;  // see byte 0
  if (!ldm && !small_tables && (c[1] & 7) == 0 && row_finder == zstdpp::ROW_MATCH_FINDER_AUTO) {
    p.options.level = level;
    p.options.write_checksum = p.checksum;
    p.options.write_content_size = p.content_size;
    return p;
  }
  zstdpp::ZstdCompressionParameters params;
  params.compression_level = level;
  params.use_row_match_finder = row_finder;
  params.search_log = kSearchLog[c[7] >> 5];
  if (c[1] & 1) {
    unsigned window_log = 10 + (c[1] >> 3) % 11;
    if (window_log < min_window_log_from_env()) window_log = min_window_log_from_env();
    params.window_log = static_cast<int>(window_log);
  }
  if (c[1] & 2) params.hash_log = 6 + (c[1] >> 3) % 15;
  if (c[1] & 4) {
    params.strategy = kStrategies[(2 * (c[7] & 7) + (c[3] & 1)) % 9];
    params.min_match = 3 + (c[3] >> 1) % 5;
    params.chain_log = 6 + ((c[3] >> 4) & 3) * 5;  // 6, 11, 16, 21
  }
  if (ldm) {
    static constexpr int kLdmMinMatch[] = {0, 4, 5, 8, 16, 32, 100, 300};
    static constexpr int kLdmHashRateLog[] = {-1, 1, 3, 5};
    static constexpr int kLdmBucketSizeLog[] = {0, 1, 4, 8};
    params.enable_ldm = zstdpp::LDM_ENABLE;
    if (params.window_log == 0) params.window_log = 20;
    params.ldm_min_match = kLdmMinMatch[(c[6] >> 4) & 7];
    params.ldm_hash_rate_log = kLdmHashRateLog[c[5] >> 6];
    params.ldm_bucket_size_log = kLdmBucketSizeLog[(c[5] >> 4) & 3];
  }
  if (small_tables) {
    if (params.window_log == 0) params.window_log = 20;
    if (params.hash_log == 0) params.hash_log = 20;
    if (params.chain_log == 0) params.chain_log = 21;
  }
  params.write_checksum = p.checksum;
  params.write_content_size = p.content_size;
  p.options.compression_params = params;
  return p;
}

// compress_stream with pieces, output room and flushes from the plan.
Bytes stream(zstdpp::ZstdCompressor& c, ByteView data, const Plan& p) {
  Rng rng(p.seed);
  Bytes frame;
  std::vector<std::uint8_t> room;
  auto drive = [&](zstdpp::InBuffer& in, zstdpp::StreamMode mode) {
    unsigned stalls = 0;
    for (;;) {
      room.resize(std::min<std::size_t>(rng.size(p.out_mode), std::size_t{1} << 18));
      zstdpp::OutBuffer out{zstdpp::MutableByteView(room)};
      const std::size_t in_before = in.pos;
      const std::size_t left = c.compress_stream(in, out, mode);
      ZSTDPP_FUZZ_CHECK(in.pos >= in_before && in.pos <= in.src.size(), "compress_stream moved in.pos wrongly");
      ZSTDPP_FUZZ_CHECK(out.pos <= out.dst.size(), "compress_stream moved out.pos past the output");
      frame.insert(frame.end(), room.begin(), room.begin() + static_cast<std::ptrdiff_t>(out.pos));
      const bool consumed = in.pos == in.src.size();
      if (mode == zstdpp::StreamMode::CONTINUE ? consumed : (consumed && left == 0)) return;
      stalls = (in.pos == in_before && out.pos == 0) ? stalls + 1 : 0;
      ZSTDPP_FUZZ_CHECK(stalls < 4, "compress_stream made no progress 4 times in a row");
    }
  };
  if (p.pledge) c.set_pledged_input_size(data.size());
  std::size_t pos = 0;
  while (pos < data.size()) {
    const std::size_t n = std::min(rng.size(p.in_mode), data.size() - pos);
    zstdpp::InBuffer in{data.subspan(pos, n)};
    const bool flush = p.flushes && rng.next() % 8 == 0;
    drive(in, flush ? zstdpp::StreamMode::FLUSH_BLOCK : zstdpp::StreamMode::CONTINUE);
    pos += n;
  }
  zstdpp::InBuffer none{ByteView()};
  drive(none, zstdpp::StreamMode::FLUSH_FRAME);
  return frame;
}

Bytes compressobj(zstdpp::ZstdCompressor& c, ByteView data, const Plan& p) {
  Rng rng(p.seed);
  auto obj = p.pledge ? c.compressobj(data.size()) : c.compressobj();
  Bytes frame;
  std::size_t pos = 0;
  while (pos < data.size()) {
    const std::size_t n = std::min(rng.size(p.in_mode), data.size() - pos);
    const Bytes part = obj.compress(data.subspan(pos, n));
    frame.insert(frame.end(), part.begin(), part.end());
    pos += n;
    if (p.flushes && rng.next() % 8 == 0) {
      const Bytes flushed = obj.flush(zstdpp::COMPRESSOBJ_FLUSH_BLOCK);
      frame.insert(frame.end(), flushed.begin(), flushed.end());
    }
  }
  const Bytes tail = obj.flush(zstdpp::COMPRESSOBJ_FLUSH_FINISH);
  frame.insert(frame.end(), tail.begin(), tail.end());
  return frame;
}

void check_frame(ByteView frame, ByteView data, const Plan& p) {
  const bool size_known = p.path < 2 || p.pledge;
  zstdpp::FrameParameters fp;
  try {
    fp = zstdpp::get_frame_parameters(frame);
  } catch (const ZstdError& e) {
    std::fprintf(stderr, "==zstdpp-fuzz== get_frame_parameters: %s\n", e.what());
    zstdpp::fuzz::fail(__FILE__, __LINE__, "get_frame_parameters", "the frame's header does not parse");
  }
  ZSTDPP_FUZZ_CHECK(fp.has_checksum == p.checksum, "the checksum flag differs from write_checksum");
  ZSTDPP_FUZZ_CHECK(fp.content_size == (p.content_size && size_known ? data.size() : zstdpp::CONTENTSIZE_UNKNOWN),
                    "the content size field differs from what was asked and known");
  // compress_bound() covers frames without early flushes (each FLUSH_BLOCK may add a block).
  ZSTDPP_FUZZ_CHECK(p.flushes || frame.size() <= zstdpp::compress_bound(data.size()),
                    "the frame is larger than compress_bound()");

  zstdpp::ZstdDecompressor d;
  Bytes decoded;
  try {
    decoded = d.decompress(frame, {.max_output_size = std::max<std::size_t>(1, data.size()), .allow_extra_data = false});
  } catch (const ZstdError& e) {
    std::fprintf(stderr, "==zstdpp-fuzz== decoding zstdpp's own frame failed: %s: %s\n",
                 zstdpp::error_code_name(e.code()), e.what());
    zstdpp::fuzz::fail(__FILE__, __LINE__, "decompress(compress(data))", "zstdpp cannot decode its own frame");
  }
  if (decoded.size() != data.size() || !std::equal(decoded.begin(), decoded.end(), data.begin())) {
    std::size_t i = 0;
    while (i < decoded.size() && i < data.size() && decoded[i] == data[i]) ++i;
    std::fprintf(stderr, "==zstdpp-fuzz== decoded %zu bytes, input %zu bytes, first difference at %zu\n",
                 decoded.size(), data.size(), i);
    zstdpp::fuzz::fail(__FILE__, __LINE__, "decoded == data", "the round trip changed the data");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
  if (size < kControlSize) return 0;
  const Plan p = read_plan(bytes);
  const ByteView data(bytes + kControlSize, size - kControlSize);
  if (zstdpp::fuzz::trace_enabled()) {
    std::fprintf(stderr, "==zstdpp-fuzz== %zu bytes, path %u, pledge %d, flushes %d, checksum %d, content size %d\n",
                 data.size(), p.path, p.pledge, p.flushes, p.checksum, p.content_size);
    if (const auto& cp = p.options.compression_params) {
      const char* strategy = cp->strategy == zstdpp::Strategy{} ? "(the level's)" : zstdpp::strategy_name(cp->strategy);
      std::fprintf(stderr,
                   "==zstdpp-fuzz== parameters: level %d, strategy %s, use_row_match_finder %d, window_log %d, "
                   "hash_log %d, chain_log %d, search_log %d, min_match %d, enable_ldm %d (min_match %d, "
                   "hash_rate_log %d, bucket_size_log %d)\n",
                   cp->compression_level, strategy, cp->use_row_match_finder, cp->window_log, cp->hash_log,
                   cp->chain_log, cp->search_log, cp->min_match, cp->enable_ldm, cp->ldm_min_match,
                   cp->ldm_hash_rate_log, cp->ldm_bucket_size_log);
    } else {
      std::fprintf(stderr, "==zstdpp-fuzz== level %d\n", *p.options.level);
    }
  }
  try {
    zstdpp::ZstdCompressor c(p.options);
    Bytes frame;
    switch (p.path) {
      case 0: frame = c.compress(data); break;
      case 1: {
        frame.resize(zstdpp::compress_bound(data.size()));
        frame.resize(c.compress_into(data, frame));
        break;
      }
      case 2: frame = stream(c, data, p); break;
      default: frame = compressobj(c, data, p); break;
    }
    check_frame(frame, data, p);
  } catch (const ZstdError& e) {
    std::fprintf(stderr, "==zstdpp-fuzz== compressing threw %s: %s\n", zstdpp::error_code_name(e.code()), e.what());
    zstdpp::fuzz::fail(__FILE__, __LINE__, "no ZstdError", "compressing valid data failed");
  } catch (const std::exception& e) {
    zstdpp::fuzz::fail_on_foreign_exception("ZstdCompressor", e);
  }
  return 0;
}

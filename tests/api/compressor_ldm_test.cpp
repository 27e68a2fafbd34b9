// Long-distance matching through ZstdCompressor (enable_ldm in ZstdCompressionParameters).
//
// The input that shows what LDM is for: 6 MiB of random bytes, then the same 6 MiB again.
// Level 3's window (2 MiB) cannot reach the repeat, so without LDM the frame is as large as
// the input; with enable_ldm and a 16 MiB window the second half becomes a few long
// matches and the frame is about half the size. That frame must decode with zstdpp and
// with the reference `zstd -d` (told the window with --long=24, and with --memory=), and
// streaming it in small pieces (the window buffer then slides and the long-distance table
// is rebased) must give a frame just as small that decodes to the same bytes.
//
// Then: every strategy with LDM on an input with repeats (one-shot and streaming, twice
// for determinism), LDM with a dictionary, a window above the decoders' default limit
// (refused unless the decoder is told), and the context's memory_size() against
// estimated_compression_context_size() with LDM's table counted.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "../interop/test_support.hpp"

namespace {

using namespace zstdpp;
using zstdpp_test::Bytes;
using zstdpp_test::expect_decodes_to;
using zstdpp_test::same_bytes;

ZstdCompressionParameters ldm_parameters(int level, int window_log) {
  ZstdCompressionParameters p;
  p.compression_level = level;
  p.window_log = window_log;
  p.enable_ldm = LDM_ENABLE;
  p.write_checksum = true;
  return p;
}


// 6 MiB random, twice.
const Bytes& far_repeat() {
  static const Bytes input = [] {
    Bytes half = zstdpp_test::make_random_bytes(6 << 20, 0x1D0);
    Bytes twice = half;
    zstdpp_test::append(twice, half);
    return twice;
  }();
  return input;
}

// Small pieces (up to 64 KiB), output buffers up to 64 KiB, no flushes: the frame's
// blocks are the one-shot frame's, only the buffering differs.
const zstdpp_test::StreamCompressPolicy kSmallPieces{.flush_probability = 0.0, .max_in = 65536, .max_out = 65536};

TEST(CompressorLdm, FindsRepeatsFarBeyondTheLevelsWindow) {
  const Bytes& input = far_repeat();
  const Bytes plain = ZstdCompressor(zstdpp_test::level_options(3)).compress(input);
  ZstdCompressor ldm(zstdpp_test::params_options(ldm_parameters(3, 24)));
  const Bytes frame = ldm.compress(input);
  std::cout << "[ ldm      ] 12 MiB (6 MiB random twice), level 3: " << plain.size() << " bytes without LDM, "
            << frame.size() << " with\n";
  EXPECT_LT(frame.size(), plain.size() * 6 / 10);
  // The window reaches 6 MiB back (a single-segment frame states its content size).
  EXPECT_GT(get_frame_parameters(frame).window_size, std::uint64_t{6} << 20);
  expect_decodes_to(frame, input, "one-shot LDM frame");
  EXPECT_TRUE(same_bytes(ldm.compress(input), frame)) << "compressing again gave other bytes";

  // Streaming, unknown size: the window stays 16 MiB and the buffer slides.
  const zstdpp_test::StreamCompressResult streamed =
      zstdpp_test::stream_compress_random(ldm, input, zstdpp_test::seed_from("ldm streaming"), kSmallPieces);
  ASSERT_EQ(streamed.protocol_problem, "");
  EXPECT_LT(streamed.frame.size(), plain.size() * 6 / 10);
  expect_decodes_to(streamed.frame, input, "streamed LDM frame");

  if (!zstdpp_test::zstd_cli_path()) {
    std::cout << "[ ldm      ] SKIPPED the zstd CLI checks: the reference `zstd` command line was not found\n";
    return;
  }
  zstdpp_test::TempDir dir;
  for (const char* args : {"--long=24", "--memory=16MB", ""}) {  // 2^24 is under zstd's default limit
    SCOPED_TRACE(std::string("zstd -d ") + args);
    for (const Bytes* f : {&frame, &streamed.frame}) {
      std::string message;
      const std::optional<Bytes> decoded = zstdpp_test::zstd_cli_decode(dir, *f, message, args);
      ASSERT_TRUE(decoded.has_value()) << message;
      EXPECT_TRUE(same_bytes(*decoded, input)) << zstdpp_test::describe_mismatch(*decoded, input);
    }
  }
}

// Text, binary and random parts, each repeated once further on, so the long-distance
// matcher has something to find at every level.
const Bytes& repeats_input() {
  static const Bytes input = [] {
    Bytes parts = zstdpp_test::make_english_text(150000, 0x1D1);
    zstdpp_test::append(parts, zstdpp_test::make_random_bytes(60000, 0x1D2));
    zstdpp_test::append(parts, zstdpp_test::make_structured_binary(90000, 0x1D3));
    Bytes whole = parts;
    zstdpp_test::append(whole, zstdpp_test::make_random_bytes(100000, 0x1D4));
    zstdpp_test::append(whole, parts);
    return whole;
  }();
  return input;
}

TEST(CompressorLdm, EveryStrategyRoundTripsWithLongMatches) {
  const Bytes& input = repeats_input();
  // Fast, dfast, greedy (row), lazy2 (row), btlazy2, btopt, btultra2. Short long matches
  // and frequent split points, so LDM matches often inside every block.
  for (const int level : {1, 3, 5, 9, 13, 16, 19}) {
    SCOPED_TRACE("level " + std::to_string(level));
    ZstdCompressionParameters p = ldm_parameters(level, 20);
    p.ldm_min_match = 32;
    p.ldm_hash_rate_log = 4;
    ZstdCompressor c(zstdpp_test::params_options(p));
    zstdpp_test::guarded("level " + std::to_string(level), [&] {
      const Bytes frame = c.compress(input);
      expect_decodes_to(frame, input, "one-shot");
      EXPECT_TRUE(same_bytes(c.compress(input), frame)) << "compressing again gave other bytes";
      const auto streamed = zstdpp_test::stream_compress_random(c, input, zstdpp_test::seed_from("ldm level"));
      ASSERT_EQ(streamed.protocol_problem, "");
      expect_decodes_to(streamed.frame, input, "streamed with flushes");
    });
  }
}

TEST(CompressorLdm, WithADictionary) {
  const Bytes& input = repeats_input();
  const Bytes content(input.begin(), input.begin() + 20000);
  const ZstdCompressionDict dict(content, DICT_TYPE_RAWCONTENT);
  CompressorOptions o = zstdpp_test::params_options(ldm_parameters(3, 20));
  o.dict_data = dict;
  ZstdCompressor c(o);
  const Bytes frame = c.compress(input);
  expect_decodes_to(frame, input, "LDM with a dictionary", &dict);
  const auto streamed = zstdpp_test::stream_compress_random(c, input, zstdpp_test::seed_from("ldm dict"));
  ASSERT_EQ(streamed.protocol_problem, "");
  expect_decodes_to(streamed.frame, input, "streamed LDM with a dictionary", &dict);
}

TEST(CompressorLdm, WindowAboveTheDefaultLimitNeedsTheDecoderToBeTold) {
  // A stream of unknown size keeps the window asked for: 2^28, over the 2^27 every decoder
  // accepts by default. (The buffer is allocated for it but only touched as input comes.)
  Bytes input = zstdpp_test::make_random_bytes(300000, 0x1D5);
  const Bytes copy = input;
  zstdpp_test::append(input, copy);
  ZstdCompressor c(zstdpp_test::params_options(ldm_parameters(3, 28)));
  const auto streamed = zstdpp_test::stream_compress_random(c, input, zstdpp_test::seed_from("ldm 28"), kSmallPieces);
  ASSERT_EQ(streamed.protocol_problem, "");
  const Bytes& frame = streamed.frame;
  EXPECT_EQ(get_frame_parameters(frame).window_size, std::uint64_t{1} << 28);
  EXPECT_LT(frame.size(), input.size() * 6 / 10);
  zstdpp_test::expect_error([&] { ZstdDecompressor().decompress(frame, {.max_output_size = input.size()}); },
                            ErrorCode::kWindowTooLarge, {"window"});
  ZstdDecompressor told({.max_window_size = std::uint64_t{1} << 28});
  EXPECT_TRUE(same_bytes(told.decompress(frame, {.max_output_size = input.size()}), input));

  if (!zstdpp_test::zstd_cli_path()) return;
  zstdpp_test::TempDir dir;
  std::string message;
  EXPECT_FALSE(zstdpp_test::zstd_cli_decode(dir, frame, message).has_value())
      << "zstd -d accepted a 256 MiB window without --long or --memory";
  for (const char* args : {"--long=28", "--memory=256MB"}) {
    const std::optional<Bytes> decoded = zstdpp_test::zstd_cli_decode(dir, frame, message, args);
    ASSERT_TRUE(decoded.has_value()) << args << ": " << message;
    EXPECT_TRUE(same_bytes(*decoded, input)) << args;
  }
}

// As CompressorMemory.EstimateMatchesAStreamingContext, with LDM: the estimate counts the
// long-distance table, its cursors and match list, and the slide room its entries need.
TEST(CompressorLdm, MemoryEstimateCountsTheLongDistanceTables) {
  const Bytes& input = repeats_input();
  for (const int window_log : {20, 23}) {
    SCOPED_TRACE("window_log " + std::to_string(window_log));
    const ZstdCompressionParameters p = ldm_parameters(3, window_log);
    ZstdCompressor c(zstdpp_test::params_options(p));
    auto obj = c.compressobj();  // unknown size: sized for any stream
    obj.compress(input);
    obj.flush();
    const std::size_t estimate = p.estimated_compression_context_size();
    EXPECT_GE(c.memory_size() + (512u << 10), estimate);
    EXPECT_LE(c.memory_size(), estimate + estimate / 8 + (512u << 10));
    ZstdCompressionParameters without = p;
    without.enable_ldm = LDM_DISABLE;
    EXPECT_GT(estimate, without.estimated_compression_context_size());
  }
}

}  // namespace

// ZstdCompressor and ZstdCompressionObj (include/zstdpp/compressor.hpp), checked by
// decoding with zstdpp's own ZstdDecompressor.
//
// The grid: the settings of fast and dfast (levels -131072..4 and explicit
// parameters forcing fast or dfast with small and large tables, min_match 3..7 and windows
// from 1 KiB, smaller than one block, to 8 MiB; see built_encoder_cases() in
// ../interop/test_support.hpp) times every input of encoder_inputs() (empty, 1 and 2
// bytes, text, structured binary, random bytes, a 1 MiB run, a short pattern, sizes around
// the 128 KiB block boundary, and a 256 KiB mixture). For each pair:
//   - one-shot compress() decodes to the input, and compressing again gives the same bytes;
//   - streaming compress_stream() with input pieces, output buffers (down to 1 byte) and
//     FLUSH_BLOCK calls chosen from a seeded std::mt19937, ending with FLUSH_FRAME, decodes
//     to the input; the same seed on the same (reused) compressor gives the same bytes;
//   - the frame's window is no larger than the one asked for, and a decoder limited to that
//     window (max_window_size) accepts the frame.
// Then the frame fields (content size, checksum), the pledged size rules, compressobj's
// single-use rules, FLUSH_BLOCK making everything so far decodable, reuse of one compressor
// across frames and API paths, the optimal parsers (btopt, btultra, btultra2: levels
// 16..22, and 11+ / 13+ of the small inputs' rows) compressing with their own strategy,
// and the errors for what is not built (threads) or not allowed (compression_params with
// level). The lazy family and the optimal parsers (levels 5..22) have their own grid in
// compressor_strategies_test.cpp.
//
// Failures print the setting, the input and the seed; seeds come from the names, so a
// failure reproduces alone with --gtest_filter.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "../interop/test_support.hpp"

namespace {

using namespace zstdpp;
using zstdpp_test::Bytes;
using zstdpp_test::describe_mismatch;
using zstdpp_test::EncoderCase;
using zstdpp_test::expect_decodes_to;
using zstdpp_test::guarded;
using zstdpp_test::same_bytes;
using zstdpp_test::seed_from;

// The window_log the case pins, 0 when the level decides.
int pinned_window_log(const CompressorOptions& o) {
  return o.compression_params ? o.compression_params->window_log : 0;
}

bool is_level(const CompressorOptions& o, int level) { return o.level && *o.level == level; }

std::uint64_t frame_window_size(ByteView frame) { return get_frame_parameters(frame).window_size; }

class CompressorGrid : public ::testing::TestWithParam<EncoderCase> {};

TEST_P(CompressorGrid, OneShotRoundTripAndDeterminism) {
  const EncoderCase& c = GetParam();
  ZstdCompressor compressor(c.options);
  for (const auto& in : zstdpp_test::encoder_inputs()) {
    const std::string what = c.name + " / " + in.name + " / one-shot";
    SCOPED_TRACE(what);
    guarded(what, [&] {
    const Bytes frame = compressor.compress(in.data);
    if (!expect_decodes_to(frame, in.data, what)) return;
    const FrameParameters fp = get_frame_parameters(frame);
    EXPECT_EQ(fp.content_size, in.data.size()) << "one-shot frames carry the content size";
    EXPECT_FALSE(fp.has_checksum);
    if (const int w = pinned_window_log(c.options); w != 0) {
      EXPECT_LE(fp.window_size, std::uint64_t{1} << w) << "window larger than the window_log asked for";
      ZstdDecompressor limited({.max_window_size = std::uint64_t{1} << w});
      EXPECT_NO_THROW(limited.decompress(frame)) << "a decoder limited to the asked window refused the frame";
    }
    const Bytes again = compressor.compress(in.data);
    EXPECT_TRUE(same_bytes(again, frame)) << "compressing twice gave different frames: "
                                          << describe_mismatch(again, frame);
    ZstdCompressor fresh(c.options);
    EXPECT_TRUE(same_bytes(fresh.compress(in.data), frame)) << "a fresh compressor gave a different frame";
    // Level -131072 probes about once per 128 KiB: it may well find nothing.
    if (in.data.size() >= 4096 && in.name.find("random") == std::string::npos &&
        !is_level(c.options, MIN_COMPRESSION_LEVEL)) {
      EXPECT_LT(frame.size(), in.data.size()) << "compressible input did not shrink";
    }
    EXPECT_LE(frame.size(), compress_bound(in.data.size()));
    });
  }
}

TEST_P(CompressorGrid, StreamingRoundTripAndDeterminism) {
  const EncoderCase& c = GetParam();
  ZstdCompressor compressor(c.options);
  std::size_t flushes = 0;
  for (const auto& in : zstdpp_test::encoder_inputs()) {
    const std::uint32_t seed = seed_from(c.name + in.name);
    const std::string what = c.name + " / " + in.name + " / streaming seed " + std::to_string(seed);
    SCOPED_TRACE(what);
    guarded(what, [&] {
    const zstdpp_test::StreamCompressResult first = zstdpp_test::stream_compress_random(compressor, in.data, seed);
    EXPECT_EQ(first.protocol_problem, "");
    flushes += first.flushes;
    if (!expect_decodes_to(first.frame, in.data, what)) return;
    const FrameParameters fp = get_frame_parameters(first.frame);
    EXPECT_EQ(fp.content_size, CONTENTSIZE_UNKNOWN) << "no pledged size: no content size in the header";
    if (const int w = pinned_window_log(c.options); w != 0) {
      EXPECT_LE(fp.window_size, std::uint64_t{1} << w) << "window larger than the window_log asked for";
    }
    const FrameProgression progress = compressor.frame_progression();
    EXPECT_EQ(progress.ingested, in.data.size());
    EXPECT_EQ(progress.consumed, in.data.size());
    EXPECT_EQ(progress.produced, first.frame.size());
    const zstdpp_test::StreamCompressResult second = zstdpp_test::stream_compress_random(compressor, in.data, seed);
    EXPECT_TRUE(same_bytes(second.frame, first.frame))
        << "the same splits on the same compressor gave different frames: "
        << describe_mismatch(second.frame, first.frame);
    });
  }
  EXPECT_GT(flushes, 10u) << "the random driver made (almost) no FLUSH_BLOCK calls: the test lost its teeth";
}

// Streaming with the size pledged: the header carries it, and the frame decodes.
TEST_P(CompressorGrid, StreamingWithPledgedSize) {
  const EncoderCase& c = GetParam();
  ZstdCompressor compressor(c.options);
  for (const char* name : {"empty", "one-byte", "text-131073", "mixed-262145", "same-byte-1m"}) {
    const auto& in = zstdpp_test::encoder_input(name);
    const std::uint32_t seed = seed_from(c.name + "pledged" + in.name);
    const std::string what = c.name + " / " + in.name + " / pledged, seed " + std::to_string(seed);
    SCOPED_TRACE(what);
    guarded(what, [&] {
    compressor.set_pledged_input_size(in.data.size());
    const auto r = zstdpp_test::stream_compress_random(compressor, in.data, seed);
    ASSERT_EQ(r.protocol_problem, "");
    expect_decodes_to(r.frame, in.data, "pledged stream");
    EXPECT_EQ(get_frame_parameters(r.frame).content_size, in.data.size());
    // The pledge is for one frame: the next one has no content size again.
    const auto next = zstdpp_test::stream_compress_random(compressor, in.data, seed);
    EXPECT_EQ(get_frame_parameters(next.frame).content_size, CONTENTSIZE_UNKNOWN)
        << "a pledged size outlived its frame";
    expect_decodes_to(next.frame, in.data, "frame after the pledged one");
    });
  }
}

// Strict 1-byte output buffers on every call (headers, block headers, checksum all cut).
TEST_P(CompressorGrid, OneByteOutputBuffers) {
  const EncoderCase& c = GetParam();
  ZstdCompressor compressor(zstdpp_test::with_flags(c.options, true, true));
  const Bytes input = zstdpp_test::make_english_text(3000, 5);
  Bytes frame;
  std::uint8_t byte = 0;
  std::size_t calls = 0;
  InBuffer in{input};
  for (StreamMode mode : {StreamMode::CONTINUE, StreamMode::FLUSH_FRAME}) {
    for (;;) {
      OutBuffer out{MutableByteView(&byte, 1)};
      const std::size_t left = compressor.compress_stream(in, out, mode);
      if (out.pos) frame.push_back(byte);
      ASSERT_LT(++calls, 100000u) << "no end in sight";
      if (mode == StreamMode::CONTINUE ? in.pos == in.src.size() : left == 0) break;
    }
  }
  expect_decodes_to(frame, input, c.name + " / 1-byte output buffers");
  EXPECT_TRUE(get_frame_parameters(frame).has_checksum);
}

INSTANTIATE_TEST_SUITE_P(Built, CompressorGrid, ::testing::ValuesIn(zstdpp_test::built_encoder_cases()),
                         zstdpp_test::case_gtest_name);

// ---- Frame fields ------------------------------------------------------------------------

TEST(CompressorFrame, ContentSizeFlag) {
  const Bytes input = zstdpp_test::make_english_text(5000, 1);
  for (int level : {-1, 1, 3}) {
    SCOPED_TRACE("level " + std::to_string(level));
    ZstdCompressor with(zstdpp_test::with_flags(zstdpp_test::level_options(level), false, true));
    ZstdCompressor without(zstdpp_test::with_flags(zstdpp_test::level_options(level), false, false));
    EXPECT_EQ(get_frame_parameters(with.compress(input)).content_size, input.size());
    const Bytes bare = without.compress(input);
    EXPECT_EQ(get_frame_parameters(bare).content_size, CONTENTSIZE_UNKNOWN) << "write_content_size = false ignored";
    expect_decodes_to(bare, input, "one-shot without content size");
    // Streaming: pledged and written; pledged but not to be written.
    with.set_pledged_input_size(input.size());
    EXPECT_EQ(get_frame_parameters(zstdpp_test::stream_compress_random(with, input, 1).frame).content_size,
              input.size());
    without.set_pledged_input_size(input.size());
    const Bytes streamed = zstdpp_test::stream_compress_random(without, input, 1).frame;
    EXPECT_EQ(get_frame_parameters(streamed).content_size, CONTENTSIZE_UNKNOWN);
    expect_decodes_to(streamed, input, "pledged stream without content size");
  }
  // The same through compression_params.
  ZstdCompressionParameters p;
  p.compression_level = 2;
  p.write_content_size = false;
  ZstdCompressor from_params(zstdpp_test::params_options(p));
  EXPECT_EQ(get_frame_parameters(from_params.compress(input)).content_size, CONTENTSIZE_UNKNOWN);
}

// Also the reproducer for an empty input whose data() is null (ByteView{}), which callers
// pass all the time: the engine must not hand the null pointer to memcpy (undefined even for
// 0 bytes; UBSan stops here).
TEST(CompressorFrame, EmptyInputContentSizeIsZero) {
  ZstdCompressor c;
  const Bytes frame = c.compress(ByteView{});
  EXPECT_EQ(get_frame_parameters(frame).content_size, 0u);
  c.set_pledged_input_size(0);
  const Bytes streamed = zstdpp_test::stream_compress_random(c, {}, 3).frame;
  EXPECT_EQ(get_frame_parameters(streamed).content_size, 0u);
  expect_decodes_to(streamed, {}, "empty pledged stream");
}

TEST(CompressorFrame, ChecksumFlag) {
  const Bytes input = zstdpp_test::make_structured_binary(70000, 2);
  for (const EncoderCase& c : zstdpp_test::built_encoder_cases()) {
    for (bool checksum : {false, true}) {
      SCOPED_TRACE(c.name + (checksum ? " with checksum" : " without checksum"));
      ZstdCompressor compressor(zstdpp_test::with_flags(c.options, checksum, true));
      const Bytes one_shot = compressor.compress(input);
      const Bytes streamed = zstdpp_test::stream_compress_random(compressor, input, 7).frame;
      for (const Bytes* frame : {&one_shot, &streamed}) {
        EXPECT_EQ(get_frame_parameters(*frame).has_checksum, checksum);
        if (!expect_decodes_to(*frame, input, "checksum flag")) continue;
        if (checksum) {
          // The last 4 bytes are XXH64's low half, and the decoder checks them.
          const std::uint32_t want = zstdpp_test::content_checksum(input);
          const std::size_t n = frame->size();
          const std::uint32_t got = (*frame)[n - 4] | ((*frame)[n - 3] << 8) | ((*frame)[n - 2] << 16) |
                                    (static_cast<std::uint32_t>((*frame)[n - 1]) << 24);
          EXPECT_EQ(got, want);
          Bytes broken = *frame;
          broken.back() ^= 0x40;
          ZSTDPP_EXPECT_ERROR(zstdpp_test::zstdpp_decode(broken, input.size()), ErrorCode::kChecksumMismatch);
        }
      }
    }
  }
}

// ---- Pledged sizes -----------------------------------------------------------------------

// Pushes `input` in one piece, then FLUSH_FRAME; any ZstdError escapes.
Bytes stream_whole(ZstdCompressor& c, ByteView input) {
  Bytes frame(compress_bound(input.size()) + 64);
  InBuffer in{input};
  OutBuffer out{frame};
  for (int i = 0; i < 1000; ++i) {
    if (c.compress_stream(in, out, StreamMode::FLUSH_FRAME) == 0) {
      frame.resize(out.pos);
      return frame;
    }
  }
  ADD_FAILURE() << "FLUSH_FRAME never returned 0";
  return {};
}

TEST(CompressorPledgedSize, MismatchIsAnError) {
  const Bytes input = zstdpp_test::make_english_text(200000, 3);
  for (int level : {-5, 1, 3}) {
    SCOPED_TRACE("level " + std::to_string(level));
    ZstdCompressor c(zstdpp_test::level_options(level));
    // Fewer bytes than pledged (the frame ends early).
    c.set_pledged_input_size(input.size() + 1);
    ZSTDPP_EXPECT_ERROR(stream_whole(c, input), ErrorCode::kParameterOutOfBounds, "pledged");
    // More bytes than pledged: small pledge and one far over it.
    for (std::size_t pledge : {input.size() - 1, std::size_t{10}, std::size_t{0}}) {
      c.set_pledged_input_size(pledge);
      ZSTDPP_EXPECT_ERROR(stream_whole(c, input), ErrorCode::kParameterOutOfBounds, "pledged");
    }
    // In small pieces, the excess arrives in a later call.
    c.set_pledged_input_size(1000);
    ZSTDPP_EXPECT_ERROR(zstdpp_test::stream_compress_random(c, input, 9), ErrorCode::kParameterOutOfBounds,
                        "pledged");
    // After the error the compressor starts a clean frame (no pledge left behind).
    const Bytes frame = stream_whole(c, input);
    EXPECT_EQ(get_frame_parameters(frame).content_size, CONTENTSIZE_UNKNOWN);
    expect_decodes_to(frame, input, "frame after a pledged-size error");
    c.set_pledged_input_size(input.size());
    expect_decodes_to(stream_whole(c, input), input, "pledged frame after a pledged-size error");
  }
}

TEST(CompressorPledgedSize, OnlyBetweenFrames) {
  ZstdCompressor c;
  const Bytes input = zstdpp_test::make_english_text(1000, 4);
  InBuffer in{input};
  Bytes out_bytes(100);
  OutBuffer out{out_bytes};
  c.compress_stream(in, out, StreamMode::CONTINUE);
  ZSTDPP_EXPECT_ERROR(c.set_pledged_input_size(5), ErrorCode::kWrongState);
  // reset_stream() abandons the frame; a pledge is allowed again.
  c.reset_stream();
  c.set_pledged_input_size(input.size());
  const Bytes frame = stream_whole(c, input);
  EXPECT_EQ(get_frame_parameters(frame).content_size, input.size());
  expect_decodes_to(frame, input, "after reset_stream");
}

// ---- Windows smaller than a block -----------------------------------------------------------

// A block may not exceed the window (Block_Maximum_Size = min(window, 128 KiB)). Flushing
// after every piece of at most a window keeps each block within it whatever the encoder's
// own block cutting does, so this exercises matching and sliding over 1..16 KiB windows
// (hundreds of slides per input) on frames that must be valid; a decoder limited to the
// window must decode them, and so must zstd's (in the interop suite's grid).
// The lazy family runs here with each of its match finders (row-based table, hash chain),
// and the optimal parsers (slower: at windows of 1 and 4 KiB only).
TEST(CompressorSmallWindow, BlocksFlushedWithinTheWindow) {
  const std::pair<Strategy, int> finders[] = {
      {STRATEGY_FAST, ROW_MATCH_FINDER_AUTO},    {STRATEGY_DFAST, ROW_MATCH_FINDER_AUTO},
      {STRATEGY_GREEDY, ROW_MATCH_FINDER_ENABLE}, {STRATEGY_LAZY, ROW_MATCH_FINDER_DISABLE},
      {STRATEGY_LAZY2, ROW_MATCH_FINDER_ENABLE},  {STRATEGY_LAZY2, ROW_MATCH_FINDER_DISABLE},
      {STRATEGY_BTLAZY2, ROW_MATCH_FINDER_AUTO},  {STRATEGY_BTOPT, ROW_MATCH_FINDER_AUTO},
      {STRATEGY_BTULTRA, ROW_MATCH_FINDER_AUTO},  {STRATEGY_BTULTRA2, ROW_MATCH_FINDER_AUTO}};
  for (const auto& [strategy, row] : finders) {
    for (int window_log : {10, 11, 12, 14}) {
      if (zstdpp_test::is_optimal(strategy) && (window_log == 11 || window_log == 14)) continue;
      ZstdCompressionParameters p;
      p.strategy = strategy;
      p.use_row_match_finder = row;
      p.window_log = window_log;
      p.hash_log = 12;
      p.chain_log = 10;
      p.write_checksum = true;
      ZstdCompressor c(zstdpp_test::params_options(p));
      const std::size_t window = std::size_t{1} << window_log;
      for (const char* name : {"text-300k", "binary-200k", "pattern-100k", "random-200k"}) {
        const Bytes& input = zstdpp_test::encoder_input(name).data;
        const std::string what = std::string(strategy_name(strategy)) + zstdpp_test::row_finder_suffix(row) +
                                 " window_log " + std::to_string(window_log) + " / " + name;
        SCOPED_TRACE(what);
        std::mt19937 rng(seed_from(what));
        Bytes frame, out_bytes(1 << 16);
        guarded(what, [&] {
          std::size_t pos = 0;
          while (pos < input.size()) {
            const std::size_t n = std::min<std::size_t>(input.size() - pos, 1 + rng() % window);
            InBuffer in{ByteView(input).subspan(pos, n)};
            for (;;) {
              OutBuffer out{MutableByteView(out_bytes).first(1 + rng() % out_bytes.size())};
              const std::size_t left = c.compress_stream(in, out, StreamMode::FLUSH_BLOCK);
              zstdpp_test::append(frame, ByteView(out_bytes).first(out.pos));
              if (left == 0 && in.pos == in.src.size()) break;
            }
            pos += n;
          }
          InBuffer none{ByteView()};
          for (;;) {
            OutBuffer out{out_bytes};
            const std::size_t left = c.compress_stream(none, out, StreamMode::FLUSH_FRAME);
            zstdpp_test::append(frame, ByteView(out_bytes).first(out.pos));
            if (left == 0) break;
          }
          EXPECT_EQ(frame_window_size(frame), window);
          if (!expect_decodes_to(frame, input, what)) return;
          ZstdDecompressor limited({.max_window_size = window});
          Bytes got;
          EXPECT_NO_THROW(got = limited.decompress(frame, {.max_output_size = input.size()}));
          EXPECT_TRUE(same_bytes(got, input)) << "a decoder limited to the window";
          if (std::string_view(name) != "random-200k") {
            EXPECT_LT(frame.size(), input.size() * 3 / 4);
          }
        });
      }
    }
  }
}

// ---- compressobj -------------------------------------------------------------------------

TEST(CompressorObj, RoundTripWithBlockFlushes) {
  const Bytes input = zstdpp_test::encoder_input("mixed-262145").data;
  for (int level : {-100, -1, 1, 2, 3, 4}) {
    SCOPED_TRACE("level " + std::to_string(level));
    ZstdCompressor c(zstdpp_test::with_flags(zstdpp_test::level_options(level), true, true));
    for (bool sized : {false, true}) {
      auto obj = sized ? c.compressobj(input.size()) : c.compressobj();
      Bytes frame;
      std::mt19937 rng(seed_from("compressobj" + std::to_string(level)));
      std::size_t pos = 0;
      while (pos < input.size()) {
        const std::size_t n = std::min<std::size_t>(input.size() - pos, 1 + rng() % 50000);
        zstdpp_test::append(frame, obj.compress(ByteView(input).subspan(pos, n)));
        pos += n;
        if (rng() % 3 == 0) {
          zstdpp_test::append(frame, obj.flush(COMPRESSOBJ_FLUSH_BLOCK));
          // Everything given so far can be decoded from what came out so far.
          std::size_t taken = 0;
          const Bytes got = zstdpp_test::decode_available(frame, pos, taken);
          EXPECT_EQ(taken, frame.size()) << "the decoder did not take all flushed bytes";
          EXPECT_EQ(got.size(), pos) << "after flush(COMPRESSOBJ_FLUSH_BLOCK) at input offset " << pos;
          EXPECT_TRUE(std::equal(got.begin(), got.begin() + static_cast<std::ptrdiff_t>(std::min(got.size(), pos)),
                                 input.begin()));
        }
      }
      zstdpp_test::append(frame, obj.flush(COMPRESSOBJ_FLUSH_FINISH));
      const FrameParameters fp = get_frame_parameters(frame);
      EXPECT_EQ(fp.content_size, sized ? input.size() : CONTENTSIZE_UNKNOWN);
      EXPECT_TRUE(fp.has_checksum);
      expect_decodes_to(frame, input, "compressobj");
      // Single use: nothing after FINISH.
      ZSTDPP_EXPECT_ERROR(obj.compress(input), ErrorCode::kWrongState);
      ZSTDPP_EXPECT_ERROR(obj.flush(COMPRESSOBJ_FLUSH_BLOCK), ErrorCode::kWrongState);
      ZSTDPP_EXPECT_ERROR(obj.flush(COMPRESSOBJ_FLUSH_FINISH), ErrorCode::kWrongState);
    }
  }
}

TEST(CompressorObj, EmptyAndTinyFrames) {
  ZstdCompressor c;
  auto empty = c.compressobj();
  Bytes frame = empty.flush();
  expect_decodes_to(frame, {}, "empty compressobj");
  auto one = c.compressobj(1);
  frame = one.compress(Bytes{42});
  zstdpp_test::append(frame, one.flush());
  expect_decodes_to(frame, Bytes{42}, "one-byte compressobj");
  EXPECT_EQ(get_frame_parameters(frame).content_size, 1u);
}

TEST(CompressorObj, BadFlushMode) {
  ZstdCompressor c;
  auto obj = c.compressobj();
  ZSTDPP_EXPECT_ERROR(obj.flush(7), ErrorCode::kParameterOutOfBounds);
  // Still usable after refusing the mode.
  Bytes frame = obj.compress(zstdpp_test::to_bytes("hello hello hello"));
  zstdpp_test::append(frame, obj.flush());
  expect_decodes_to(frame, zstdpp_test::to_bytes("hello hello hello"), "after a bad flush mode");
}

// ---- FLUSH_BLOCK through compress_stream ------------------------------------------------

TEST(CompressorFlush, EveryFlushMakesThePrefixDecodable) {
  const Bytes input = zstdpp_test::encoder_input("text-300k").data;
  for (int level : {-5, 1, 3, 4}) {
    SCOPED_TRACE("level " + std::to_string(level));
    ZstdCompressor c(zstdpp_test::level_options(level));
    ZstdDecompressor d;
    std::mt19937 rng(seed_from("flush" + std::to_string(level)));
    Bytes frame, decoded, out_bytes(COMPRESSION_RECOMMENDED_OUTPUT_SIZE);
    std::size_t fed = 0, decoded_in = 0;
    while (fed < input.size()) {
      const std::size_t n = std::min<std::size_t>(input.size() - fed, 1 + rng() % 20000);
      InBuffer in{ByteView(input).subspan(fed, n)};
      for (;;) {
        OutBuffer out{out_bytes};
        const std::size_t left = c.compress_stream(in, out, StreamMode::FLUSH_BLOCK);
        zstdpp_test::append(frame, ByteView(out_bytes).first(out.pos));
        if (left == 0 && in.pos == in.src.size()) break;
      }
      fed += n;
      // Decode what is new with the same decoder; all of the input so far must come out.
      InBuffer din{ByteView(frame).subspan(decoded_in)};
      Bytes room(n + 64);
      OutBuffer dout{room};
      for (int i = 0; i < 100000; ++i) {
        const std::size_t in_before = din.pos, out_before = dout.pos;
        d.decompress_stream(din, dout);
        if (din.pos == in_before && dout.pos == out_before) break;
      }
      decoded_in += din.pos;
      zstdpp_test::append(decoded, ByteView(room).first(dout.pos));
      ASSERT_EQ(decoded.size(), fed) << "after FLUSH_BLOCK the decoder has not got all input so far";
    }
    InBuffer none{ByteView()};
    for (;;) {
      OutBuffer out{out_bytes};
      const std::size_t left = c.compress_stream(none, out, StreamMode::FLUSH_FRAME);
      zstdpp_test::append(frame, ByteView(out_bytes).first(out.pos));
      if (left == 0) break;
    }
    EXPECT_TRUE(same_bytes(decoded, input));
    expect_decodes_to(frame, input, "flushed stream");
  }
}

// ---- One compressor, many frames ---------------------------------------------------------

// A compressor is reused for frames of different sizes and API paths, in orders that a
// cached buffer or table from the previous frame could get wrong; each frame must equal
// what a fresh compressor makes of the same input in the same way.
TEST(CompressorReuse, FramesDoNotLeakIntoEachOther) {
  const Bytes small = zstdpp_test::make_english_text(1000, 30);
  const Bytes large = zstdpp_test::encoder_input("mixed-262145").data;
  const Bytes text = zstdpp_test::encoder_input("text-300k").data;
  for (int level : {1, 3}) {
    SCOPED_TRACE("level " + std::to_string(level));
    const CompressorOptions o = zstdpp_test::level_options(level);
    auto fresh_stream = [&](ByteView in, std::uint64_t pledge, std::uint32_t seed) {
      ZstdCompressor f(o);
      if (pledge != CONTENTSIZE_UNKNOWN) f.set_pledged_input_size(pledge);
      return zstdpp_test::stream_compress_random(f, in, seed).frame;
    };
    auto fresh_one_shot = [&](ByteView in) { return ZstdCompressor(o).compress(in); };

    ZstdCompressor c(o);
    // A small pledged stream (small window buffer), then a large unpledged one.
    c.set_pledged_input_size(small.size());
    Bytes f1 = zstdpp_test::stream_compress_random(c, small, 1).frame;
    expect_decodes_to(f1, small, "small pledged stream");
    Bytes f2 = zstdpp_test::stream_compress_random(c, text, 2).frame;
    expect_decodes_to(f2, text, "large stream after a small pledged one");
    EXPECT_TRUE(same_bytes(f2, fresh_stream(text, CONTENTSIZE_UNKNOWN, 2)))
        << "a large stream after a small pledged one differs from a fresh compressor's";
    // Stream, then one-shot (matching over the caller's buffer), then stream again.
    Bytes f3 = c.compress(large);
    EXPECT_TRUE(same_bytes(f3, fresh_one_shot(large))) << "one-shot after a stream differs from a fresh one";
    Bytes f4 = zstdpp_test::stream_compress_random(c, text, 3).frame;
    expect_decodes_to(f4, text, "stream after a one-shot");
    EXPECT_TRUE(same_bytes(f4, fresh_stream(text, CONTENTSIZE_UNKNOWN, 3)))
        << "a stream after a one-shot differs from a fresh compressor's";
    // An abandoned frame, then a complete one.
    {
      InBuffer in{ByteView(large).first(100000)};
      Bytes out_bytes(1000);
      OutBuffer out{out_bytes};
      c.compress_stream(in, out, StreamMode::CONTINUE);
      c.reset_stream();
    }
    Bytes f5 = zstdpp_test::stream_compress_random(c, small, 4).frame;
    expect_decodes_to(f5, small, "stream after reset_stream");
    EXPECT_TRUE(same_bytes(f5, fresh_stream(small, CONTENTSIZE_UNKNOWN, 4)))
        << "a stream after an abandoned one differs from a fresh compressor's";
  }
}

// The one-shot path matches over the caller's buffer; a stream after it must match over
// its own window again. The caller's buffer here is static storage, far (in address) from
// the heap where the stream's window lives, so matching that still used the one-shot's
// buffer as the origin of its positions would read wild memory rather than happen to work.
TEST(CompressorReuse, StreamAfterOneShotFromStaticStorage) {
  static std::uint8_t static_input[200000];
  const Bytes text = zstdpp_test::make_english_text(sizeof static_input, 31);
  std::copy(text.begin(), text.end(), static_input);
  const ByteView one_shot_input(static_input, sizeof static_input);
  const Bytes stream_input = zstdpp_test::encoder_input("text-300k").data;
  for (int level : {1, 3}) {
    SCOPED_TRACE("level " + std::to_string(level));
    ZstdCompressor c(zstdpp_test::level_options(level));
    const Bytes warm = zstdpp_test::stream_compress_random(c, stream_input, 5).frame;  // allocates the window
    expect_decodes_to(c.compress(one_shot_input), one_shot_input, "one-shot from static storage");
    const Bytes after = zstdpp_test::stream_compress_random(c, stream_input, 5).frame;
    expect_decodes_to(after, stream_input, "stream after a one-shot from static storage");
    EXPECT_TRUE(same_bytes(after, warm)) << "the same stream before and after a one-shot differs";
  }
}

// ---- Levels and parameters ---------------------------------------------------------------

TEST(CompressorLevels, DefaultIsLevel3AndParamsMatchLevels) {
  const Bytes input = zstdpp_test::encoder_input("mixed-262145").data;
  const Bytes level3 = ZstdCompressor(zstdpp_test::level_options(3)).compress(input);
  EXPECT_TRUE(same_bytes(ZstdCompressor().compress(input), level3)) << "the default is not level 3";
  EXPECT_TRUE(same_bytes(ZstdCompressor(zstdpp_test::level_options(0)).compress(input), level3))
      << "level 0 is not level 3";
  for (int level : {-5, 1, 2, 3, 4, 5, 8, 13, 15, 16, 19, 22}) {
    ZstdCompressionParameters p;
    p.compression_level = level;
    EXPECT_TRUE(same_bytes(ZstdCompressor(zstdpp_test::params_options(p)).compress(input),
                           ZstdCompressor(zstdpp_test::level_options(level)).compress(input)))
        << "compression_params with compression_level " << level << " differs from level " << level;
  }
}

TEST(CompressorLevels, StrongerLevelsDoNotGrowText) {
  const Bytes input = zstdpp_test::encoder_input("text-300k").data;
  std::size_t previous = 0;
  for (int level : {-100, -5, -1, 1, 3}) {
    const std::size_t size = ZstdCompressor(zstdpp_test::level_options(level)).compress(input).size();
    if (previous) {
      EXPECT_LE(size, previous) << "level " << level << " made the text larger than the level before";
    }
    previous = size;
  }
}

// The parameters `p` with strategy `s`, as compressor options.
CompressorOptions with_strategy(ZstdCompressionParameters p, Strategy s) {
  p.strategy = s;
  return zstdpp_test::params_options(p);
}

// btopt, btultra and btultra2 compress with their own strategy, never a fallback to a
// weaker one. Levels 16..22 give the frame of the parameters the level table lists for the
// input's size (pinned field by field), which is not btlazy2's frame with those
// parameters; pledged and compressobj frames decode (unpledged streams: the level grid of
// compressor_strategies_test.cpp). The smaller rows' btopt (levels 11 and 13) the same.
// Forced through compression_params, each ignores use_row_match_finder and makes a frame
// of its own; with level 19's parameters for the size, the three frames differ from each
// other and from btlazy2's, and none is larger than btlazy2's on text.
TEST(CompressorLevels, OptimalStrategiesRoundTripWithTheirOwnStrategy) {
  const Bytes input = zstdpp_test::make_english_text(50000, 6);
  for (int level = zstdpp_test::kFirstOptimalLevel; level <= MAX_COMPRESSION_LEVEL; ++level) {
    const std::string what = "level " + std::to_string(level);
    SCOPED_TRACE(what);
    guarded(what, [&] {
      const ZstdCompressionParameters p = ZstdCompressionParameters::from_level(level, input.size());
      ASSERT_TRUE(zstdpp_test::is_optimal(p.strategy)) << strategy_name(p.strategy);
      ZstdCompressor c(zstdpp_test::level_options(level));
      const Bytes frame = c.compress(input);
      if (!expect_decodes_to(frame, input, what + " one-shot")) return;
      EXPECT_TRUE(same_bytes(ZstdCompressor(zstdpp_test::params_options(p)).compress(input), frame))
          << "the level's parameters, pinned, gave another frame";
      EXPECT_FALSE(same_bytes(ZstdCompressor(with_strategy(p, STRATEGY_BTLAZY2)).compress(input), frame))
          << strategy_name(p.strategy) << " made btlazy2's frame";
      c.set_pledged_input_size(input.size());
      expect_decodes_to(zstdpp_test::stream_compress_random(c, input, 1).frame, input, what + " pledged");
      auto obj = c.compressobj(input.size());
      Bytes sized = obj.compress(input);
      zstdpp_test::append(sized, obj.flush());
      expect_decodes_to(sized, input, what + " compressobj");
    });
  }
  // Smaller rows reach btopt sooner: a 50 KB input at level 13 (128 KiB row), 10 KB at 11.
  for (const auto& row : {std::pair{13, std::size_t{50000}}, std::pair{11, std::size_t{10000}}}) {
    const int level = row.first;
    const std::size_t size = row.second;  // (not structured bindings: the lambda below uses them)
    const std::string what = "level " + std::to_string(level) + ", " + std::to_string(size) + " bytes";
    SCOPED_TRACE(what);
    guarded(what, [&] {
      const Bytes small(input.begin(), input.begin() + static_cast<std::ptrdiff_t>(size));
      const ZstdCompressionParameters p = ZstdCompressionParameters::from_level(level, size);
      ASSERT_EQ(p.strategy, STRATEGY_BTOPT);
      ZstdCompressor c(zstdpp_test::level_options(level));
      const Bytes frame = c.compress(small);
      expect_decodes_to(frame, small, what + " one-shot");
      EXPECT_FALSE(same_bytes(ZstdCompressor(with_strategy(p, STRATEGY_BTLAZY2)).compress(small), frame))
          << "btopt made btlazy2's frame";
      c.set_pledged_input_size(small.size());
      expect_decodes_to(zstdpp_test::stream_compress_random(c, small, 2).frame, small, what + " pledged");
      // Unpledged, the same level uses the largest row (lazy2 or btlazy2).
      expect_decodes_to(zstdpp_test::stream_compress_random(c, small, 3).frame, small, what + " unpledged");
    });
  }
  // Forced with the rest from the default level: the finder flag changes nothing.
  for (Strategy s : {STRATEGY_BTOPT, STRATEGY_BTULTRA, STRATEGY_BTULTRA2}) {
    const std::string what = std::string("forced ") + strategy_name(s);
    SCOPED_TRACE(what);
    guarded(what, [&] {
      ZstdCompressionParameters p;
      p.strategy = s;
      const Bytes frame = ZstdCompressor(zstdpp_test::params_options(p)).compress(input);
      expect_decodes_to(frame, input, what + " one-shot");
      for (int row : {ROW_MATCH_FINDER_ENABLE, ROW_MATCH_FINDER_DISABLE}) {
        p.use_row_match_finder = row;
        ZstdCompressor c(zstdpp_test::params_options(p));
        EXPECT_TRUE(same_bytes(c.compress(input), frame)) << "use_row_match_finder " << row << " changed the frame";
        expect_decodes_to(zstdpp_test::stream_compress_random(c, input, 4).frame, input,
                          what + zstdpp_test::row_finder_suffix(row) + " streaming");
      }
      EXPECT_FALSE(same_bytes(ZstdCompressor(with_strategy(p, STRATEGY_BTLAZY2)).compress(input), frame))
          << strategy_name(s) << " made btlazy2's frame";
    });
  }
  // Level 19's parameters for the size, each strategy: four different frames.
  const ZstdCompressionParameters p19 = ZstdCompressionParameters::from_level(19, input.size());
  const Strategy strategies[] = {STRATEGY_BTLAZY2, STRATEGY_BTOPT, STRATEGY_BTULTRA, STRATEGY_BTULTRA2};
  std::vector<Bytes> frames;
  for (Strategy s : strategies) {
    frames.push_back(ZstdCompressor(with_strategy(p19, s)).compress(input));
    expect_decodes_to(frames.back(), input, std::string("level 19's parameters with ") + strategy_name(s));
  }
  for (std::size_t i = 0; i < frames.size(); ++i) {
    for (std::size_t j = i + 1; j < frames.size(); ++j) {
      EXPECT_FALSE(same_bytes(frames[i], frames[j]))
          << strategy_name(strategies[i]) << " and " << strategy_name(strategies[j]) << " made the same frame";
    }
    EXPECT_LE(frames[i].size(), frames[0].size())
        << strategy_name(strategies[i]) << " (" << frames[i].size() << " B) is larger than btlazy2 ("
        << frames[0].size() << " B) on text";
  }
}

TEST(CompressorOptionsErrors, ThreadsAreNotImplemented) {
  for (int threads : {1, 2, 8}) {
    ZSTDPP_EXPECT_ERROR(ZstdCompressor(CompressorOptions{.threads = threads}), ErrorCode::kNotImplemented,
                        "thread");
    ZstdCompressionParameters p;
    p.threads = threads;
    ZSTDPP_EXPECT_ERROR(ZstdCompressor(zstdpp_test::params_options(p)), ErrorCode::kNotImplemented, "thread");
  }
  EXPECT_NO_THROW(ZstdCompressor(CompressorOptions{.threads = 0}));
}

TEST(CompressorOptionsErrors, ParamsCombinedWithOtherOptions) {
  ZstdCompressionParameters p;
  p.compression_level = 1;
  CompressorOptions with_level = zstdpp_test::params_options(p);
  with_level.level = 1;
  ZSTDPP_EXPECT_ERROR(ZstdCompressor{with_level}, ErrorCode::kParameterOutOfBounds, "level");
  CompressorOptions with_checksum = zstdpp_test::params_options(p);
  with_checksum.write_checksum = true;
  ZSTDPP_EXPECT_ERROR(ZstdCompressor{with_checksum}, ErrorCode::kParameterOutOfBounds, "checksum");
}

TEST(CompressorOptionsErrors, LevelOutOfRange) {
  for (int level : {MIN_COMPRESSION_LEVEL - 1, MAX_COMPRESSION_LEVEL + 1, 1000}) {
    ZSTDPP_EXPECT_ERROR(ZstdCompressor(zstdpp_test::level_options(level)), ErrorCode::kParameterOutOfBounds,
                        "level");
  }
}

// ---- compress_into, memory ----------------------------------------------------------------

TEST(CompressorInto, BoundIsEnoughAndSmallerRoomFailsCleanly) {
  for (const char* name : {"empty", "random-200k", "text-131071", "two-bytes"}) {
    SCOPED_TRACE(name);
    const Bytes& input = zstdpp_test::encoder_input(name).data;
    ZstdCompressor c(zstdpp_test::level_options(1));
    const Bytes reference = c.compress(input);
    Bytes dst(compress_bound(input.size()) + 32, 0xCC);
    const std::size_t n = c.compress_into(input, MutableByteView(dst).first(compress_bound(input.size())));
    ASSERT_EQ(n, reference.size());
    EXPECT_TRUE(std::equal(reference.begin(), reference.end(), dst.begin()));
    for (std::size_t i = compress_bound(input.size()); i < dst.size(); ++i) ASSERT_EQ(dst[i], 0xCC);
    // Too little room: an error, and nothing written past the room.
    for (std::size_t room : {std::size_t{0}, std::size_t{5}, reference.size() / 2}) {
      if (room >= reference.size()) continue;
      Bytes small(room + 32, 0xCC);
      EXPECT_THROW(c.compress_into(input, MutableByteView(small).first(room)), ZstdError) << "room " << room;
      for (std::size_t i = room; i < small.size(); ++i) ASSERT_EQ(small[i], 0xCC) << "room " << room;
    }
    // Still usable afterwards.
    EXPECT_TRUE(same_bytes(c.compress(input), reference));
  }
}

TEST(CompressorMemory, ReportsItsTables) {
  ZstdCompressor small(zstdpp_test::level_options(1));
  ZstdCompressor big(zstdpp_test::level_options(4));
  const Bytes input = zstdpp_test::make_english_text(300000, 8);
  small.compress(input);
  big.compress(input);
  EXPECT_GT(small.memory_size(), std::size_t{1} << 14);
  EXPECT_GT(big.memory_size(), small.memory_size()) << "level 4's tables are larger than level 1's";
}

// estimated_compression_context_size() is what a streaming compressor of unknown input
// size really holds: its window buffer (history, slide room, block), tables and block
// buffers. Allowed: the per-sequence bookkeeping the formula rounds (a few hundred KiB).
TEST(CompressorMemory, EstimateMatchesAStreamingContext) {
  const Bytes input = zstdpp_test::make_english_text(200000, 9);
  for (const int level : {1, 3, 5, 9, 13, 15, 16, 18, 19}) {
    SCOPED_TRACE("level " + std::to_string(level));
    ZstdCompressor c(zstdpp_test::level_options(level));
    auto obj = c.compressobj();  // unknown size: the buffer is sized for any stream
    obj.compress(input);
    obj.flush();
    const std::size_t estimate = ZstdCompressionParameters::from_level(level).estimated_compression_context_size();
    EXPECT_GE(c.memory_size() + (512u << 10), estimate);
    EXPECT_LE(c.memory_size(), estimate + estimate / 8 + (512u << 10));
  }
}

}  // namespace

// Unit tests of decoder/stream_decoder.hpp: the streaming decoder driven with input and
// output steps down to one byte, on frames built by hand (raw, RLE and compressed blocks
// from block_builder.hpp) and frames made at test time by the `zstd` command line.
//
// The frames whose window is 1 KiB make the decoder's ring (window + one block + slack)
// wrap every couple of blocks, so matches reach into the "ext" half of a wrapped ring all
// the time. The memory tests hold the decoder to its stated bounds and check that the
// window limit is enforced before the window is allocated.
#include <gtest/gtest.h>

#include <memory>
#include <random>
#include <string>
#include <vector>

#include "decoder/frame_header.hpp"
#include "decoder/frame_decoder.hpp"
#include "decoder/stream_decoder.hpp"
#include "block_builder.hpp"
#include "unit_support.hpp"

#if defined(__SANITIZE_ADDRESS__)
#define ZSTDPP_UNIT_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ZSTDPP_UNIT_ASAN 1
#endif
#endif

namespace zstdpp::decoder {
namespace {

using zstdpp_unit::append;
using zstdpp_unit::Bytes;
using zstdpp_unit::FrameSpec;

struct Decoded {
  Status status;
  Bytes output;
  std::size_t frames_done = 0;
  std::size_t max_memory = 0;  // largest memory_size() seen between calls
  std::size_t calls = 0;
};

// Feeds `input` at most `in_step` bytes at a time (the decoder keeps what it did not take
// at the front of the next call) and offers `out_step` bytes of output per call, until the
// input is used up and a call makes no progress.
Decoded stream_decode(StreamDecoder& dec, const Bytes& input, std::size_t in_step, std::size_t out_step) {
  Decoded d;
  std::size_t in_pos = 0;
  Bytes buf(out_step);
  for (;;) {
    const std::size_t in_end = std::min(input.size(), in_pos + in_step);
    std::size_t dst_pos = 0;
    StreamStep step;
    const std::size_t in_before = in_pos;
    d.status = dec.decompress(input.data(), in_end, in_pos, buf.data(), buf.size(), dst_pos, step);
    ++d.calls;
    d.max_memory = std::max(d.max_memory, dec.memory_size());
    d.output.insert(d.output.end(), buf.begin(), buf.begin() + static_cast<std::ptrdiff_t>(dst_pos));
    if (!d.status.ok()) return d;
    if (step.frame_done) ++d.frames_done;
    if (in_pos == in_before && dst_pos == 0 && !step.frame_done && in_pos == input.size()) return d;
    if (d.calls > 50 * (input.size() + d.output.size()) + 1000) {
      ADD_FAILURE() << "the decoder stopped making progress";
      return d;
    }
  }
}

Decoded decode_all(const Bytes& input, std::size_t in_step, std::size_t out_step, StreamOptions options = {}) {
  StreamDecoder dec(options);
  Decoded d = stream_decode(dec, input, in_step, out_step);
  if (d.status.ok()) {
    EXPECT_TRUE(dec.at_frame_boundary()) << "input ended inside a frame";
  }
  return d;
}

// Steps to try: byte by byte, odd sizes, whole buffers.
const std::pair<std::size_t, std::size_t> kSteps[] = {{1, 1}, {1, 1 << 20}, {1 << 20, 1}, {7, 13}, {1 << 20, 1 << 20}};

std::string steps_name(std::pair<std::size_t, std::size_t> s) {
  return "in " + std::to_string(s.first) + " out " + std::to_string(s.second);
}

// ---- Hand-built frames --------------------------------------------------------------------

TEST(StreamDecoder, RawAndRleBlocksWithEveryStep) {
  std::mt19937 rng(1);
  Bytes a(100), c(30);
  for (auto& x : a) x = static_cast<std::uint8_t>(rng());
  for (auto& x : c) x = static_cast<std::uint8_t>(rng());
  Bytes content = a;
  content.insert(content.end(), 50, 'x');
  append(content, c);
  FrameSpec spec;
  spec.checksum = true;
  spec.content_size = content.size();
  Bytes frame = zstdpp_unit::frame_header(spec);
  append(frame, zstdpp_unit::raw_block(a, false));
  append(frame, zstdpp_unit::rle_block('x', 50, false));
  append(frame, zstdpp_unit::raw_block(c, true));
  append(frame, zstdpp_unit::content_checksum(content));
  for (const auto& steps : kSteps) {
    const Decoded d = decode_all(frame, steps.first, steps.second);
    ASSERT_TRUE(d.status.ok()) << steps_name(steps) << ": " << describe(d.status);
    EXPECT_EQ(d.output, content) << steps_name(steps);
    EXPECT_EQ(d.frames_done, 1u) << steps_name(steps);
  }
}

TEST(StreamDecoder, EmptyFrameAndEmptyBlocks) {
  FrameSpec spec;
  spec.single_segment = true;
  spec.content_size = 0;
  Bytes frame = zstdpp_unit::frame_header(spec);
  append(frame, zstdpp_unit::raw_block({}, true));
  for (const auto& steps : kSteps) {
    const Decoded d = decode_all(frame, steps.first, steps.second);
    ASSERT_TRUE(d.status.ok()) << describe(d.status);
    EXPECT_TRUE(d.output.empty());
    EXPECT_EQ(d.frames_done, 1u);
  }
}

TEST(StreamDecoder, CompressedBlocksWrapTheRingManyTimes) {
  // 1 KiB window: the ring holds about two blocks, and 400 blocks with matches reaching a
  // full window back wrap it a couple of hundred times.
  std::mt19937 rng(2);
  Bytes content;
  const Bytes frame = zstdpp_unit::many_block_frame(rng, 400, content, true);
  ASSERT_GT(content.size(), 100000u);
  for (const auto& steps : {std::pair<std::size_t, std::size_t>{1 << 20, 1 << 20}, {1 << 20, 1}, {1, 7},
                            {3, 100}, {1000, 999}}) {
    const Decoded d = decode_all(frame, steps.first, steps.second);
    ASSERT_TRUE(d.status.ok()) << steps_name(steps) << ": " << describe(d.status);
    ASSERT_EQ(d.output.size(), content.size()) << steps_name(steps);
    EXPECT_TRUE(d.output == content) << steps_name(steps);
  }
}

TEST(StreamDecoder, ConcatenatedAndSkippableFrames) {
  std::mt19937 rng(3);
  Bytes c1, c2;
  Bytes input = zstdpp_unit::many_block_frame(rng, 5, c1, false);
  append(input, zstdpp_unit::skippable_frame(7, Bytes(300, 0xAB)));
  append(input, zstdpp_unit::skippable_frame(0, {}));
  append(input, zstdpp_unit::many_block_frame(rng, 6, c2, true));
  Bytes content = c1;
  append(content, c2);
  for (const auto& steps : kSteps) {
    const Decoded d = decode_all(input, steps.first, steps.second);
    ASSERT_TRUE(d.status.ok()) << steps_name(steps) << ": " << describe(d.status);
    EXPECT_EQ(d.output, content) << steps_name(steps);
    EXPECT_EQ(d.frames_done, 4u) << steps_name(steps);
  }
}

TEST(StreamDecoder, FrameDoneStopsRightAfterEachFrame) {
  std::mt19937 rng(4);
  Bytes c1, c2;
  const Bytes f1 = zstdpp_unit::many_block_frame(rng, 3, c1, true);
  const Bytes f2 = zstdpp_unit::many_block_frame(rng, 3, c2, false);
  Bytes input = f1;
  append(input, f2);
  StreamDecoder dec({});
  std::size_t in_pos = 0, dst_pos = 0;
  Bytes out(c1.size() + c2.size());
  StreamStep step;
  std::vector<std::size_t> ends;
  for (int call = 0; call < 10 && in_pos < input.size(); ++call) {
    ASSERT_TRUE(dec.decompress(input.data(), input.size(), in_pos, out.data(), out.size(), dst_pos, step).ok());
    if (step.frame_done) ends.push_back(in_pos);
  }
  EXPECT_EQ(ends, (std::vector<std::size_t>{f1.size(), f1.size() + f2.size()}));
  EXPECT_EQ(dst_pos, out.size());
}

TEST(StreamDecoder, MagiclessFrames) {
  FrameSpec spec;
  spec.magic = false;
  spec.content_size = 5;
  spec.single_segment = true;
  Bytes frame = zstdpp_unit::frame_header(spec);
  append(frame, zstdpp_unit::raw_block({'h', 'e', 'l', 'l', 'o'}, true));
  StreamOptions options;
  options.magicless = true;
  const Decoded d = decode_all(frame, 1, 1, options);
  ASSERT_TRUE(d.status.ok()) << describe(d.status);
  EXPECT_EQ(std::string(d.output.begin(), d.output.end()), "hello");
  // Without the option, the descriptor byte is not a magic number.
  EXPECT_EQ(decode_all(frame, 100, 100).status.code, ErrorCode::kUnknownMagic);
}

TEST(StreamDecoder, InputHintNamesTheBytesNeeded) {
  FrameSpec spec;
  spec.content_size = 1000;
  Bytes frame = zstdpp_unit::frame_header(spec);
  append(frame, zstdpp_unit::rle_block(1, 1000, true));
  StreamDecoder dec({});
  Bytes out(2000);
  std::size_t in_pos = 0, dst_pos = 0;
  StreamStep step;
  ASSERT_TRUE(dec.decompress(frame.data(), 2, in_pos, out.data(), out.size(), dst_pos, step).ok());
  EXPECT_EQ(in_pos, 2u);
  EXPECT_EQ(step.input_hint, 2u) << "two more bytes of magic";
  EXPECT_FALSE(dec.at_frame_boundary());
  ASSERT_TRUE(dec.decompress(frame.data(), 5, in_pos, out.data(), out.size(), dst_pos, step).ok());
  EXPECT_EQ(in_pos, 5u);
  EXPECT_EQ(step.input_hint, 3u) << "the window descriptor and the 2-byte content size";
  ASSERT_TRUE(dec.decompress(frame.data(), frame.size(), in_pos, out.data(), out.size(), dst_pos, step).ok());
  EXPECT_EQ(dst_pos, 1000u);
  EXPECT_TRUE(step.frame_done);
}

// ---- Errors -------------------------------------------------------------------------------

TEST(StreamDecoder, ChecksumMismatch) {
  Bytes content(200, 'q');
  FrameSpec spec;
  spec.checksum = true;
  Bytes frame = zstdpp_unit::frame_header(spec);
  append(frame, zstdpp_unit::raw_block(content, true));
  Bytes sum = zstdpp_unit::content_checksum(content);
  sum[0] ^= 1;
  append(frame, sum);
  for (const auto& steps : kSteps) {
    const Decoded d = decode_all(frame, steps.first, steps.second);
    EXPECT_EQ(d.status.code, ErrorCode::kChecksumMismatch) << steps_name(steps);
  }
  StreamOptions no_verify;
  no_verify.verify_checksum = false;
  const Decoded d = decode_all(frame, 3, 5, no_verify);
  ASSERT_TRUE(d.status.ok()) << describe(d.status);
  EXPECT_EQ(d.output, content);
}

TEST(StreamDecoder, ContentSizeMismatch) {
  for (std::uint64_t declared : {299u, 301u, 1000u}) {
    FrameSpec spec;
    spec.content_size = declared;
    Bytes frame = zstdpp_unit::frame_header(spec);
    append(frame, zstdpp_unit::rle_block(7, 100, false));
    append(frame, zstdpp_unit::rle_block(8, 200, true));
    const Decoded d = decode_all(frame, 1000, 1000);
    EXPECT_EQ(d.status.code, ErrorCode::kContentSizeMismatch) << "declared " << declared;
  }
}

TEST(StreamDecoder, HeaderErrors) {
  EXPECT_EQ(decode_all({0x28, 0xB5, 0x2F, 0xFE, 0, 0}, 100, 100).status.code, ErrorCode::kUnknownMagic);
  EXPECT_EQ(decode_all({0x28, 0xB5, 0x2F, 0xFD, 0x08, 0}, 100, 100).status.code, ErrorCode::kUnsupportedFeature);
}

TEST(StreamDecoder, BlockErrorsNameTheBlock) {
  Bytes frame = zstdpp_unit::frame_header({});
  append(frame, zstdpp_unit::raw_block({1, 2, 3}, false));
  append(frame, zstdpp_unit::block_header(3, 10, true));  // reserved block type
  frame.resize(frame.size() + 10);
  const Decoded d = decode_all(frame, 1, 1);
  EXPECT_EQ(d.status.code, ErrorCode::kCorruptedData);
  EXPECT_EQ(d.status.block, 1u);
  EXPECT_NE(describe(d.status).find("in block 1"), std::string::npos) << describe(d.status);
  // A block larger than Block_Maximum_Size (the 1 KiB window here).
  Bytes big = zstdpp_unit::frame_header({});
  append(big, zstdpp_unit::raw_block(Bytes(1025, 0), true));
  EXPECT_EQ(decode_all(big, 100, 100).status.code, ErrorCode::kCorruptedData);
  // A compressed block whose sequence reaches before the frame start (no dictionary).
  Bytes far = zstdpp_unit::frame_header({});
  append(far, zstdpp_unit::raw_block(Bytes(10, 'a'), false));
  append(far, zstdpp_unit::compressed_block({'b'}, {{1, 20 + 3, 5}}, true));
  const Decoded e = decode_all(far, 1, 1);
  EXPECT_EQ(e.status.code, ErrorCode::kCorruptedData);
  EXPECT_NE(describe(e.status).find("at sequence 0 of block 1"), std::string::npos) << describe(e.status);
}

TEST(StreamDecoder, RecoversAfterAnErrorAndAfterReset) {
  Bytes bad = zstdpp_unit::frame_header({});
  append(bad, zstdpp_unit::block_header(3, 0, true));
  FrameSpec spec;
  spec.content_size = 3;
  spec.single_segment = true;
  Bytes good = zstdpp_unit::frame_header(spec);
  append(good, zstdpp_unit::raw_block({'o', 'k', '!'}, true));
  StreamDecoder dec({});
  EXPECT_EQ(stream_decode(dec, bad, 100, 100).status.code, ErrorCode::kCorruptedData);
  Decoded d = stream_decode(dec, good, 100, 100);
  ASSERT_TRUE(d.status.ok()) << describe(d.status);
  EXPECT_EQ(std::string(d.output.begin(), d.output.end()), "ok!");
  // reset() abandons a frame half read.
  std::size_t in_pos = 0, dst_pos = 0;
  Bytes out(10);
  StreamStep step;
  ASSERT_TRUE(dec.decompress(good.data(), 5, in_pos, out.data(), out.size(), dst_pos, step).ok());
  EXPECT_FALSE(dec.at_frame_boundary());
  dec.reset();
  EXPECT_TRUE(dec.at_frame_boundary());
  d = stream_decode(dec, good, 1, 1);
  ASSERT_TRUE(d.status.ok()) << describe(d.status);
  EXPECT_EQ(std::string(d.output.begin(), d.output.end()), "ok!");
}

TEST(StreamDecoder, DictionaryIdMustMatch) {
  FrameSpec spec;
  spec.dict_id = 7;
  Bytes frame = zstdpp_unit::frame_header(spec);
  append(frame, zstdpp_unit::compressed_block({'z'}, {{1, 5 + 3, 10}}, true));  // reaches 4 bytes into the dictionary
  const Decoded none = decode_all(frame, 100, 100);
  EXPECT_EQ(none.status.code, ErrorCode::kDictionaryMismatch);
  EXPECT_NE(describe(none.status).find("dictionary 7"), std::string::npos) << describe(none.status);

  const Bytes dict_content = {'d', 'i', 'c', 't', 'i', 'o', 'n', 'a', 'r', 'y'};
  auto dict = std::make_unique<DecoderDictionary>();
  dict->id = 8;
  dict->content = dict_content.data();
  dict->content_size = dict_content.size();
  StreamDecoder dec({});
  dec.set_dictionary(dict.get());
  EXPECT_EQ(stream_decode(dec, frame, 100, 100).status.code, ErrorCode::kDictionaryMismatch);
  dict->id = 7;
  const Decoded d = stream_decode(dec, frame, 1, 1);
  ASSERT_TRUE(d.status.ok()) << describe(d.status);
  // 'z', then 10 bytes from 5 back: "nary" + 'z' + repeating.
  EXPECT_EQ(std::string(d.output.begin(), d.output.end()), "znaryznaryz");
}

// ---- Streaming against one-shot -----------------------------------------------------------

// Decodes `frame` both ways; they must agree: the same bytes when the one-shot decoder
// succeeds, the same error code when it fails (except truncation, which a streaming
// decoder cannot see: it just ends inside the frame).
void expect_streaming_agrees_with_one_shot(const Bytes& frame, std::size_t capacity, std::mt19937& rng,
                                           const std::string& what) {
  BlockDecoder blocks;
  Bytes one(capacity);
  FrameResult result;
  const Status s1 = decode_frame(blocks, nullptr, frame.data(), frame.size(), one.data(), one.size(), {}, result);
  StreamDecoder dec({});
  const Decoded d = stream_decode(dec, frame, 1 + rng() % 3000, 1 + rng() % 3000);
  if (s1.ok()) {
    ASSERT_TRUE(d.status.ok()) << what << ": one-shot decoded it, streaming said " << describe(d.status);
    one.resize(result.produced);
    EXPECT_TRUE(d.output == one) << what << ": different bytes";
  } else if (s1.code == ErrorCode::kTruncatedInput) {
    EXPECT_TRUE(!d.status.ok() || !dec.at_frame_boundary()) << what << ": streaming accepted a truncated frame";
  } else {
    EXPECT_EQ(d.status.code, s1.code) << what << ": one-shot said " << describe(s1) << ", streaming said "
                                      << (d.status.ok() ? "ok" : describe(d.status));
  }
}

TEST(StreamDecoder, AgreesWithOneShotOnCorruptedFrames) {
  std::mt19937 rng(10);
  Bytes content;
  const Bytes frame = zstdpp_unit::many_block_frame(rng, 40, content, false);
  for (int round = 0; round < 400; ++round) {
    Bytes bad = frame;
    const int flips = 1 + static_cast<int>(rng() % 3);
    for (int k = 0; k < flips; ++k) bad[6 + rng() % (bad.size() - 6)] ^= static_cast<std::uint8_t>(1u << (rng() % 8));
    expect_streaming_agrees_with_one_shot(bad, content.size() + 4096, rng, "round " + std::to_string(round));
    if (HasFatalFailure()) return;
  }
}

// ---- Memory -------------------------------------------------------------------------------

constexpr std::size_t kBlockMax = 128 * 1024;

TEST(StreamDecoder, WindowLimitIsEnforcedBeforeAllocation) {
  StreamOptions options;
  options.max_window_size = std::size_t{1} << 20;
  StreamDecoder dec(options);
  const std::size_t fresh = dec.memory_size();
  FrameSpec spec;
  spec.window_descriptor = 0x68;  // exponent 13: 8 MiB
  Bytes frame = zstdpp_unit::frame_header(spec);
  append(frame, zstdpp_unit::raw_block({1}, true));
  Decoded d = stream_decode(dec, frame, 100, 100);
  EXPECT_EQ(d.status.code, ErrorCode::kWindowTooLarge);
  EXPECT_EQ(d.status.value, 8u << 20);
  EXPECT_EQ(d.status.limit, 1u << 20);
  EXPECT_EQ(dec.memory_size(), fresh) << "no window may be allocated for a refused frame";
  // A single-segment frame's window is its content size.
  FrameSpec big;
  big.single_segment = true;
  big.content_size = std::uint64_t{3} << 30;
  frame = zstdpp_unit::frame_header(big);
  append(frame, zstdpp_unit::raw_block({1}, true));
  d = stream_decode(dec, frame, 100, 100);
  EXPECT_EQ(d.status.code, ErrorCode::kWindowTooLarge);
  EXPECT_EQ(dec.memory_size(), fresh);
  // Exactly at the limit is allowed.
  spec.window_descriptor = 0x50;  // exponent 10: 1 MiB
  frame = zstdpp_unit::frame_header(spec);
  append(frame, zstdpp_unit::raw_block({1}, true));
  EXPECT_TRUE(stream_decode(dec, frame, 100, 100).status.ok());
}

TEST(StreamDecoder, AllocationFailureIsAStatus) {
#ifdef ZSTDPP_UNIT_ASAN
  GTEST_SKIP() << "AddressSanitizer aborts on an impossible allocation instead of returning null";
#else
  // A single-segment frame declaring 2^62 bytes, with no window limit: the ring cannot be
  // allocated, and the decoder says so instead of throwing.
  StreamOptions options;
  options.max_window_size = ~std::uint64_t{0};
  StreamDecoder dec(options);
  FrameSpec spec;
  spec.single_segment = true;
  spec.content_size = std::uint64_t{1} << 62;
  Bytes frame = zstdpp_unit::frame_header(spec);
  append(frame, zstdpp_unit::raw_block({1}, true));
  const Decoded d = stream_decode(dec, frame, 100, 100);
  EXPECT_EQ(d.status.code, ErrorCode::kAllocationFailed);
#endif
}

TEST(StreamDecoder, MemoryStaysWithinItsBounds) {
  // Bounds: memory_size() never exceeds memory_needed(window); with whole blocks of input
  // (no gather buffer) it stays under window + 2 blocks + 64 KiB.
  std::mt19937 rng(5);
  Bytes content;
  const Bytes small_window = zstdpp_unit::many_block_frame(rng, 50, content, false);
  for (const auto& steps : {std::pair<std::size_t, std::size_t>{1 << 20, 1 << 20}, {1, 1}, {5, 64}}) {
    StreamDecoder dec({});
    const Decoded d = stream_decode(dec, small_window, steps.first, steps.second);
    ASSERT_TRUE(d.status.ok()) << describe(d.status);
    EXPECT_LE(d.max_memory, StreamDecoder::memory_needed(1024)) << steps_name(steps);
    EXPECT_LE(d.max_memory, 1024 + 2 * kBlockMax + 64 * 1024) << steps_name(steps);
  }
  // A 1 MiB window (and 128 KiB blocks).
  FrameSpec spec;
  spec.window_descriptor = 0x50;
  Bytes frame = zstdpp_unit::frame_header(spec);
  Bytes block(kBlockMax, 'm');
  for (int i = 0; i < 3; ++i) append(frame, zstdpp_unit::raw_block(block, i == 2));
  const std::size_t window = 1 << 20;
  StreamDecoder whole({});
  Decoded d = stream_decode(whole, frame, 1 << 20, 4096);
  ASSERT_TRUE(d.status.ok()) << describe(d.status);
  EXPECT_LE(d.max_memory, StreamDecoder::memory_needed(window));
  EXPECT_LE(d.max_memory, window + 2 * kBlockMax + 64 * 1024) << "whole blocks of input";
  StreamDecoder trickle({});
  d = stream_decode(trickle, frame, 1000, 4096);
  ASSERT_TRUE(d.status.ok()) << describe(d.status);
  EXPECT_LE(d.max_memory, StreamDecoder::memory_needed(window));
  // Gathering a block from small pieces costs one more block: window + 3 blocks + 64 KiB.
  EXPECT_LE(d.max_memory, window + 3 * kBlockMax + 64 * 1024) << "input in 1000-byte pieces";
  // Memory is reused: a second frame of the same window allocates nothing more.
  const std::size_t after_first = trickle.memory_size();
  d = stream_decode(trickle, frame, 1000, 4096);
  ASSERT_TRUE(d.status.ok());
  EXPECT_EQ(trickle.memory_size(), after_first);
}

// ---- Frames from the zstd command line ----------------------------------------------------

#define SKIP_WITHOUT_ZSTD_CLI()                                                               \
  do {                                                                                        \
    if (!zstdpp_unit::zstd_cli()) GTEST_SKIP() << "zstd CLI not on PATH: CLI-made frames not tested"; \
  } while (0)

TEST(StreamDecoderCli, DefaultLevelWithEveryStep) {
  SKIP_WITHOUT_ZSTD_CLI();
  const Bytes text = zstdpp_unit::make_text(60000, 1);
  const Bytes frame = zstdpp_unit::zstd_compress(text, "-3 --check");
  ASSERT_FALSE(frame.empty());
  for (const auto& steps : kSteps) {
    const Decoded d = decode_all(frame, steps.first, steps.second);
    ASSERT_TRUE(d.status.ok()) << steps_name(steps) << ": " << describe(d.status);
    ASSERT_EQ(d.output.size(), text.size()) << steps_name(steps);
    EXPECT_TRUE(d.output == text) << steps_name(steps);
    if (steps.second == 1) {
      EXPECT_GE(d.calls, text.size()) << "one output byte per call";
    }
  }
}

TEST(StreamDecoderCli, SmallWindowWrapsTheRingManyTimes) {
  SKIP_WITHOUT_ZSTD_CLI();
  const Bytes text = zstdpp_unit::make_text(200 * 1024, 2);
  const Bytes frame = zstdpp_unit::zstd_compress(text, "-5 --zstd=wlog=10");
  ASSERT_FALSE(frame.empty());
  FrameHeader header;
  std::size_t needed = 0;
  ASSERT_TRUE(parse_frame_header(frame.data(), frame.size(), false, header, needed).ok());
  ASSERT_EQ(header.window_size, 1024u) << "the CLI did not honour wlog=10";
  for (const auto& steps : {std::pair<std::size_t, std::size_t>{1 << 20, 1 << 20}, {1 << 20, 1}, {1, 3}, {100, 7},
                            {4096, 1000}}) {
    StreamDecoder dec({});
    const Decoded d = stream_decode(dec, frame, steps.first, steps.second);
    ASSERT_TRUE(d.status.ok()) << steps_name(steps) << ": " << describe(d.status);
    ASSERT_EQ(d.output.size(), text.size()) << steps_name(steps);
    EXPECT_TRUE(d.output == text) << steps_name(steps);
    EXPECT_LE(d.max_memory, StreamDecoder::memory_needed(1024));
    EXPECT_LE(d.max_memory, 1024 + 2 * kBlockMax + 64 * 1024);
  }
}

TEST(StreamDecoderCli, ManyOptionsAndConcatenatedFrames) {
  SKIP_WITHOUT_ZSTD_CLI();
  const Bytes text = zstdpp_unit::make_text(150000, 3);
  Bytes input, expected;
  for (const char* args : {"-1", "-9 --no-check", "--fast=3", "-3 --zstd=wlog=12,hlog=10", "-6 --no-content-size",
                           "-12 --zstd=wlog=14"}) {
    const Bytes frame = zstdpp_unit::zstd_compress(text, args);
    ASSERT_FALSE(frame.empty()) << args;
    const Decoded d = decode_all(frame, 777, 555);
    ASSERT_TRUE(d.status.ok()) << args << ": " << describe(d.status);
    EXPECT_TRUE(d.output == text) << args;
    append(input, frame);
    append(expected, text);
  }
  const Decoded d = decode_all(input, 1 << 16, 1 << 12);
  ASSERT_TRUE(d.status.ok()) << describe(d.status);
  EXPECT_EQ(d.frames_done, 6u);
  EXPECT_TRUE(d.output == expected);
}

TEST(StreamDecoderCli, CorruptedCliFramesFailCleanly) {
  SKIP_WITHOUT_ZSTD_CLI();
  // Flipping bytes of a real frame must give an error or (rarely) other bytes, never a
  // crash, a hang or an overrun (run under the sanitizers to catch the latter).
  const Bytes text = zstdpp_unit::make_text(20000, 4);
  const Bytes frame = zstdpp_unit::zstd_compress(text, "-3 --check");
  ASSERT_FALSE(frame.empty());
  std::mt19937 rng(6);
  int errors = 0;
  for (int round = 0; round < 200; ++round) {
    Bytes bad = frame;
    const std::size_t pos = 6 + rng() % (bad.size() - 6);
    bad[pos] ^= static_cast<std::uint8_t>(1 + rng() % 255);
    StreamDecoder dec({});
    const Decoded d = stream_decode(dec, bad, 1 + rng() % 5000, 1 + rng() % 5000);
    if (!d.status.ok() || !dec.at_frame_boundary() || d.output != text) ++errors;
    expect_streaming_agrees_with_one_shot(bad, text.size() + 4096, rng, "flip at " + std::to_string(pos));
  }
  EXPECT_EQ(errors, 200) << "every corruption must be noticed (the checksum catches what parsing does not)";
}

}  // namespace
}  // namespace zstdpp::decoder

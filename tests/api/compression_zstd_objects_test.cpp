// compression.zstd's one-shot functions, ZstdCompressor and ZstdDecompressor
// (include/zstdpp/compression/zstd.hpp): each documented behaviour of Python 3.14's module,
// its examples as C++, and the edge cases (empty input, max_length 0 and 1, unused_data,
// needs_input transitions, FLUSH_BLOCK decodable so far, pledged size mismatch, frames
// with skippable frames between them).
#include <zstdpp/compression/zstd.hpp>

#include <gtest/gtest.h>

#include <thread>

#include "../interop/test_support.hpp"

namespace zstd = zstdpp::compression::zstd;
using zstdpp::Bytes;
using zstdpp::ErrorCode;
using zstdpp_test::append;
using zstdpp_test::make_english_text;

namespace {

Bytes text(std::size_t n, std::uint32_t seed = 1) { return make_english_text(n, seed); }

// Decodes what a streaming decoder can produce from `data` so far (no frame end needed).
Bytes decodable_so_far(zstdpp::ByteView data) {
  zstdpp::ZstdDecompressor d;
  Bytes out(1 << 20);
  zstdpp::InBuffer in{data};
  zstdpp::OutBuffer ob{out};
  while (in.pos < in.src.size()) {
    const std::size_t before = in.pos, produced = ob.pos;
    d.decompress_stream(in, ob);
    if (in.pos == before && ob.pos == produced) break;
  }
  out.resize(ob.pos);
  return out;
}

}  // namespace

TEST(CompressionZstdOneShot, RoundTripDefaultLevelWithContentSize) {
  const Bytes data = text(100000);
  const Bytes frame = zstd::compress(data);
  EXPECT_EQ(zstd::decompress(frame), data);
  EXPECT_EQ(zstd::get_frame_info(frame).decompressed_size, data.size());
  EXPECT_EQ(zstd::COMPRESSION_LEVEL_DEFAULT, 3);
}

TEST(CompressionZstdOneShot, LevelsAndOptions) {
  const Bytes data = text(50000);
  for (int level : {-5, 1, 3, 9, 19}) EXPECT_EQ(zstd::decompress(zstd::compress(data, level)), data) << level;
  const Bytes checked = zstd::compress(data, std::nullopt, zstd::CompressionOptions{
      {zstd::CompressionParameter::checksum_flag, 1},
      {zstd::CompressionParameter::compression_level, 7},
      {zstd::CompressionParameter::strategy, static_cast<int>(zstd::Strategy::lazy2)}});
  EXPECT_EQ(zstd::decompress(checked), data);
  EXPECT_TRUE(zstdpp::get_frame_parameters(checked).has_checksum);
  const Bytes no_size = zstd::compress(data, std::nullopt,
                                       zstd::CompressionOptions{{zstd::CompressionParameter::content_size_flag, 0}});
  EXPECT_FALSE(zstd::get_frame_info(no_size).decompressed_size.has_value());
  EXPECT_EQ(zstd::decompress(no_size), data);
}

TEST(CompressionZstdOneShot, EmptyInputMakesAFrameAndEmptyDataIsAnError) {
  const Bytes frame = zstd::compress({});
  EXPECT_FALSE(frame.empty());
  EXPECT_TRUE(zstd::decompress(frame).empty());
  ZSTDPP_EXPECT_ERROR(zstd::decompress({}), ErrorCode::kTruncatedInput, "empty");
}

TEST(CompressionZstdOneShot, DecompressesAcrossFramesSkippingSkippableFrames) {
  const Bytes a = text(3000, 1), b = text(70000, 2);
  Bytes stream = zstd::compress(a, 1);
  append(stream, zstdpp_test::make_skippable_frame(3, zstdpp_test::to_bytes("metadata")));
  append(stream, zstd::compress(b, 5));
  append(stream, zstdpp_test::make_skippable_frame(0, {}));
  Bytes want = a;
  append(want, b);
  EXPECT_EQ(zstd::decompress(stream), want);
  // Only skippable frames: nothing to output, and no error.
  EXPECT_TRUE(zstd::decompress(zstdpp_test::make_skippable_frame(1, zstdpp_test::to_bytes("x"))).empty());
}

TEST(CompressionZstdOneShot, TruncatedOrTrailingGarbageIsAnError) {
  const Bytes frame = zstd::compress(text(10000));
  ZSTDPP_EXPECT_ERROR(zstd::decompress(zstdpp::ByteView(frame).first(frame.size() - 1)), ErrorCode::kTruncatedInput,
                      "ended");
  Bytes garbage = frame;
  append(garbage, zstdpp_test::to_bytes("garbage!"));
  EXPECT_THROW(zstd::decompress(garbage), zstd::ZstdError);
}

TEST(CompressionZstdOneShot, LevelAndOptionsAreMutuallyExclusive) {
  ZSTDPP_EXPECT_ERROR(zstd::compress({}, 3, zstd::CompressionOptions{}), ErrorCode::kParameterOutOfBounds,
                      "mutually exclusive");
  ZSTDPP_EXPECT_ERROR(zstd::ZstdCompressor(1, zstd::CompressionOptions{{zstd::CompressionParameter::window_log, 20}}),
                      ErrorCode::kParameterOutOfBounds, "mutually exclusive");
}

TEST(CompressionZstdOneShot, OutOfRangeOptionsNameTheParameterAndRange) {
  ZSTDPP_EXPECT_ERROR(zstd::compress({}, std::nullopt,
                                     zstd::CompressionOptions{{zstd::CompressionParameter::window_log, 40}}),
                      ErrorCode::kParameterOutOfBounds, "window_log = 40 is outside its bounds 10..31");
  ZSTDPP_EXPECT_ERROR(zstd::compress({}, 23), ErrorCode::kParameterOutOfBounds, "level");
  ZSTDPP_EXPECT_ERROR(zstd::compress({}, std::nullopt,
                                     zstd::CompressionOptions{{zstd::CompressionParameter::checksum_flag, 2}}),
                      ErrorCode::kParameterOutOfBounds, "checksum_flag");
  ZSTDPP_EXPECT_ERROR(zstd::compress({}, std::nullopt,
                                     zstd::CompressionOptions{{zstd::CompressionParameter::nb_workers, 2}}),
                      ErrorCode::kNotImplemented, "nb_workers");
  ZSTDPP_EXPECT_ERROR(zstd::ZstdDecompressor(std::nullopt,
                                             zstd::DecompressionOptions{{zstd::DecompressionParameter::window_log_max, 9}}),
                      ErrorCode::kParameterOutOfBounds, "window_log_max = 9");
}

TEST(CompressionZstdOneShot, WindowLogMaxRefusesLargerWindows) {
  const Bytes data = text(300000);
  const Bytes frame = zstd::compress(data, std::nullopt, zstd::CompressionOptions{
      {zstd::CompressionParameter::window_log, 20}, {zstd::CompressionParameter::content_size_flag, 0}});
  EXPECT_THROW(zstd::decompress(frame, std::nullopt,
                                zstd::DecompressionOptions{{zstd::DecompressionParameter::window_log_max, 15}}),
               zstd::ZstdError);
  EXPECT_EQ(zstd::decompress(frame, std::nullopt,
                             zstd::DecompressionOptions{{zstd::DecompressionParameter::window_log_max, 20}}),
            data);
}

// --- ZstdCompressor ------------------------------------------------------------------------

TEST(CompressionZstdCompressor, ContinueThenFlushMakesOneFrame) {
  const Bytes data = text(200000);
  zstd::ZstdCompressor c;
  EXPECT_EQ(c.last_mode(), zstd::ZstdCompressor::FLUSH_FRAME);
  Bytes frame;
  for (std::size_t at = 0; at < data.size(); at += 7777) {
    append(frame, c.compress(zstdpp::ByteView(data).subspan(at, std::min<std::size_t>(7777, data.size() - at))));
    EXPECT_EQ(c.last_mode(), zstd::ZstdCompressor::CONTINUE);
  }
  append(frame, c.flush());
  EXPECT_EQ(c.last_mode(), zstd::ZstdCompressor::FLUSH_FRAME);
  EXPECT_EQ(zstd::get_frame_size(frame), frame.size());
  EXPECT_EQ(zstd::decompress(frame), data);
  EXPECT_FALSE(zstd::get_frame_info(frame).decompressed_size.has_value());  // not pledged
}

TEST(CompressionZstdCompressor, FlushBlockOutputIsDecodableSoFar) {
  const Bytes a = text(5000, 3), b = text(5000, 4);
  zstd::ZstdCompressor c(6);
  Bytes out = c.compress(a);
  append(out, c.compress({}, zstd::ZstdCompressor::FLUSH_BLOCK));
  EXPECT_EQ(c.last_mode(), zstd::ZstdCompressor::FLUSH_BLOCK);
  EXPECT_EQ(decodable_so_far(out), a);
  append(out, c.compress(b, zstd::ZstdCompressor::FLUSH_BLOCK));
  Bytes ab = a;
  append(ab, b);
  EXPECT_EQ(decodable_so_far(out), ab);
  append(out, c.flush(zstd::ZstdCompressor::FLUSH_BLOCK));  // nothing buffered: harmless
  append(out, c.flush());
  EXPECT_EQ(zstd::decompress(out), ab);
}

TEST(CompressionZstdCompressor, FlushFrameAtStartWritesContentSizeAndFramesChain) {
  zstd::ZstdCompressor c;
  const Bytes a = text(1000, 5), b = text(2000, 6);
  Bytes fa = c.compress(a, zstd::ZstdCompressor::FLUSH_FRAME);
  Bytes fb = c.compress(b, zstd::ZstdCompressor::FLUSH_FRAME);
  EXPECT_EQ(zstd::get_frame_info(fa).decompressed_size, a.size());
  EXPECT_EQ(zstd::get_frame_info(fb).decompressed_size, b.size());
  Bytes both = fa;
  append(both, fb);
  Bytes want = a;
  append(want, b);
  EXPECT_EQ(zstd::decompress(both), want);
  // FLUSH_FRAME at a frame start writes an empty frame, as zstd does.
  const Bytes empty = c.flush();
  EXPECT_FALSE(empty.empty());
  EXPECT_TRUE(zstd::decompress(empty).empty());
}

TEST(CompressionZstdCompressor, PledgedInputSize) {
  const Bytes data = text(40000);
  zstd::ZstdCompressor c;
  c.set_pledged_input_size(data.size());
  Bytes frame = c.compress(zstdpp::ByteView(data).first(10000));
  ZSTDPP_EXPECT_ERROR(c.set_pledged_input_size(5), ErrorCode::kWrongState, "start of a frame");
  append(frame, c.compress(zstdpp::ByteView(data).subspan(10000)));
  append(frame, c.flush());
  EXPECT_EQ(zstd::get_frame_info(frame).decompressed_size, data.size());
  EXPECT_EQ(zstd::decompress(frame), data);
  // One frame only: the next frame has no size unless pledged again.
  Bytes next = c.compress(data);
  append(next, c.flush());
  EXPECT_FALSE(zstd::get_frame_info(next).decompressed_size.has_value());
  // std::nullopt: unknown size, even for FLUSH_FRAME on the first call.
  c.set_pledged_input_size(std::nullopt);
  EXPECT_FALSE(zstd::get_frame_info(c.compress(data, zstd::ZstdCompressor::FLUSH_FRAME)).decompressed_size);
}

TEST(CompressionZstdCompressor, PledgedSizeMismatchIsAnErrorAndTheNextFrameWorks) {
  const Bytes data = text(4000);
  zstd::ZstdCompressor c;
  c.set_pledged_input_size(100);
  ZSTDPP_EXPECT_ERROR(c.compress(data, zstd::ZstdCompressor::FLUSH_FRAME), ErrorCode::kParameterOutOfBounds,
                      "pledged");
  c.set_pledged_input_size(data.size() + 1);
  c.compress(data);
  ZSTDPP_EXPECT_ERROR(c.flush(), ErrorCode::kParameterOutOfBounds, "pledged");
  EXPECT_EQ(c.last_mode(), zstd::ZstdCompressor::FLUSH_FRAME);
  EXPECT_EQ(zstd::decompress(c.compress(data, zstd::ZstdCompressor::FLUSH_FRAME)), data);
}

TEST(CompressionZstdCompressor, FlushRefusesContinue) {
  zstd::ZstdCompressor c;
  ZSTDPP_EXPECT_ERROR(c.flush(zstd::ZstdCompressor::CONTINUE), ErrorCode::kParameterOutOfBounds, "FLUSH_BLOCK");
}

TEST(CompressionZstdCompressor, MovedCompressorKeepsItsFrame) {
  const Bytes data = text(9000);
  zstd::ZstdCompressor c(2);
  Bytes frame = c.compress(data);
  zstd::ZstdCompressor moved = std::move(c);
  append(frame, moved.flush());
  EXPECT_EQ(zstd::decompress(frame), data);
}

TEST(CompressionZstdCompressor, ThreadSafeAtMethodLevel) {
  // Python documents the object as thread-safe per method: calls from two threads are
  // serialised, and every frame they end decodes.
  zstd::ZstdCompressor c;
  const Bytes data = text(20000);
  std::vector<Bytes> frames(2);
  std::thread t1([&] { for (int i = 0; i < 20; ++i) append(frames[0], c.compress(data, zstd::ZstdCompressor::FLUSH_FRAME)); });
  std::thread t2([&] { for (int i = 0; i < 20; ++i) append(frames[1], c.compress(data, zstd::ZstdCompressor::FLUSH_FRAME)); });
  t1.join();
  t2.join();
  for (const Bytes& f : frames) EXPECT_EQ(zstd::decompress(f).size(), 20 * data.size());
}

// --- ZstdDecompressor ----------------------------------------------------------------------

TEST(CompressionZstdDecompressor, WholeFrameAtOnce) {
  const Bytes data = text(50000);
  zstd::ZstdDecompressor d;
  EXPECT_FALSE(d.eof());
  EXPECT_TRUE(d.needs_input());
  EXPECT_EQ(d.decompress(zstd::compress(data)), data);
  EXPECT_TRUE(d.eof());
  EXPECT_FALSE(d.needs_input());
  EXPECT_TRUE(d.unused_data().empty());
  ZSTDPP_EXPECT_ERROR(d.decompress(zstdpp_test::to_bytes("more")), ErrorCode::kWrongState, "end");
}

TEST(CompressionZstdDecompressor, BytePiecesAndNeedsInput) {
  const Bytes data = text(30000);
  const Bytes frame = zstd::compress(data, 4);
  zstd::ZstdDecompressor d;
  Bytes out;
  for (std::size_t i = 0; i < frame.size(); ++i) {
    EXPECT_FALSE(d.eof());
    append(out, d.decompress(zstdpp::ByteView(frame).subspan(i, 1)));
    if (i + 1 < frame.size()) {
      EXPECT_TRUE(d.needs_input()) << i;
    }
  }
  EXPECT_TRUE(d.eof());
  EXPECT_EQ(out, data);
}

TEST(CompressionZstdDecompressor, UnusedDataAfterTheFrame) {
  const Bytes data = text(1000);
  Bytes input = zstd::compress(data);
  const Bytes second = zstd::compress(text(500, 9));
  append(input, second);
  zstd::ZstdDecompressor d;
  // Before the end, unused_data is empty even though the bytes are already given.
  EXPECT_EQ(d.decompress(zstdpp::ByteView(input).first(10)), Bytes{});
  EXPECT_TRUE(d.unused_data().empty());
  EXPECT_EQ(d.decompress(zstdpp::ByteView(input).subspan(10)), data);
  EXPECT_TRUE(d.eof());
  EXPECT_EQ(d.unused_data(), second);
  // The documented multi-frame loop: a new decompressor over unused_data.
  zstd::ZstdDecompressor d2;
  EXPECT_EQ(d2.decompress(d.unused_data()), text(500, 9));
  EXPECT_TRUE(d2.eof());
}

TEST(CompressionZstdDecompressor, MaxLengthBuffersTheRest) {
  const Bytes data = text(100000);
  const Bytes frame = zstd::compress(data);
  zstd::ZstdDecompressor d;
  Bytes out = d.decompress(frame, 1000);
  EXPECT_EQ(out.size(), 1000u);
  EXPECT_FALSE(d.needs_input());
  EXPECT_FALSE(d.eof());
  // The documentation's loop.
  while (!d.eof() && !d.needs_input()) {
    Bytes part = d.decompress({}, 1000);
    EXPECT_LE(part.size(), 1000u);
    append(out, part);
  }
  EXPECT_TRUE(d.eof());
  EXPECT_EQ(out, data);
}

TEST(CompressionZstdDecompressor, MaxLengthZeroAndOne) {
  const Bytes data = text(3000);
  const Bytes frame = zstd::compress(data);
  zstd::ZstdDecompressor d;
  EXPECT_TRUE(d.decompress(frame, 0).empty());
  EXPECT_FALSE(d.needs_input());  // output is ready
  Bytes out;
  while (!d.eof()) {
    Bytes one = d.decompress({}, 1);
    ASSERT_EQ(one.size(), 1u);
    append(out, one);
  }
  EXPECT_EQ(out, data);
  // max_length 0 on an empty decompressor with no input: it needs input.
  zstd::ZstdDecompressor e;
  EXPECT_TRUE(e.decompress({}, 0).empty());
  EXPECT_TRUE(e.needs_input());
}

TEST(CompressionZstdDecompressor, LimitMeetingTheFrameEndExactly) {
  const Bytes data = text(4096);
  const Bytes frame = zstd::compress(data);
  zstd::ZstdDecompressor d;
  EXPECT_EQ(d.decompress(frame, static_cast<std::int64_t>(data.size())), data);
  EXPECT_TRUE(d.eof());  // nothing left: the end is known without another call
  EXPECT_FALSE(d.needs_input());
}

TEST(CompressionZstdDecompressor, LimitWithInputStillToCome) {
  const Bytes data = text(400000);  // several blocks: half the frame holds whole blocks
  const Bytes frame = zstd::compress(data);
  zstd::ZstdDecompressor d;
  const std::size_t half = frame.size() / 2;
  Bytes out = d.decompress(zstdpp::ByteView(frame).first(half), 10);
  EXPECT_EQ(out.size(), 10u);
  EXPECT_FALSE(d.needs_input());
  while (!d.needs_input()) append(out, d.decompress({}, 4096));
  EXPECT_FALSE(d.eof());
  append(out, d.decompress(zstdpp::ByteView(frame).subspan(half)));
  EXPECT_TRUE(d.eof());
  EXPECT_EQ(out, data);
}

TEST(CompressionZstdDecompressor, SkippableFrameIsAFrameOfNothing) {
  Bytes input = zstdpp_test::make_skippable_frame(2, zstdpp_test::to_bytes("abc"));
  const Bytes frame = zstd::compress(text(100));
  append(input, frame);
  zstd::ZstdDecompressor d;
  EXPECT_TRUE(d.decompress(input).empty());
  EXPECT_TRUE(d.eof());
  EXPECT_EQ(d.unused_data(), frame);
}

TEST(CompressionZstdDecompressor, CorruptInputIsZstdError) {
  Bytes frame = zstd::compress(text(20000), 3);
  frame[frame.size() / 2] ^= 0x55;
  frame[frame.size() / 2 + 1] ^= 0xAA;
  zstd::ZstdDecompressor d;
  EXPECT_THROW(d.decompress(zstdpp_test::to_bytes("not a zstd frame at all")), zstd::ZstdError);
  EXPECT_THROW(zstd::decompress(frame), zstd::ZstdError);
}

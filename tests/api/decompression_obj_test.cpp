// ZstdDecompressionObj (ZstdDecompressor::decompressobj): python-zstandard's documented
// behaviours (zlib-style decompress / flush / eof / unused_data / unconsumed_tail, single
// use) and the edges: 1-byte pieces, write_size 1, read_across_frames, skippable frames,
// magicless frames, corrupted input.
#include <gtest/gtest.h>

#include "stream_test_support.hpp"

namespace zstdpp_test {
namespace {

using zstdpp::ErrorCode;
using zstdpp::ZstdDecompressor;

Bytes text(std::size_t n, const char* name) { return make_english_text(n, seed_from(name)); }

// python: dobj = dctx.decompressobj(); data = dobj.decompress(compressed)
TEST(DecompressionObj, WholeFrameAtOnce) {
  const Bytes data = text(300000, "whole");
  const Bytes frame = frame_of(data);
  ZstdDecompressor d;
  auto obj = d.decompressobj();
  EXPECT_FALSE(obj.eof());
  EXPECT_TRUE(same_bytes(obj.decompress(frame), data));
  EXPECT_TRUE(obj.eof());
  EXPECT_TRUE(obj.unused_data().empty());
  EXPECT_TRUE(obj.unconsumed_tail().empty());
  EXPECT_TRUE(obj.flush().empty());
  EXPECT_TRUE(obj.flush(100).empty());
}

TEST(DecompressionObj, OneBytePiecesAndTinyWriteSize) {
  const Bytes data = text(40000, "pieces");
  const Bytes frame = frame_of(data, 3, /*content_size=*/false);
  for (std::size_t write_size : {std::size_t{1}, std::size_t{7}, zstdpp::DECOMPRESSION_RECOMMENDED_OUTPUT_SIZE}) {
    ZstdDecompressor d;
    auto obj = d.decompressobj(write_size);
    Bytes got;
    for (std::uint8_t b : frame) append(got, obj.decompress(ByteView(&b, 1)));
    EXPECT_TRUE(same_bytes(got, data)) << write_size << ": " << describe_mismatch(got, data);
    EXPECT_TRUE(obj.eof());
  }
}

TEST(DecompressionObj, EmptyInputGivesNothing) {
  ZstdDecompressor d;
  auto obj = d.decompressobj();
  EXPECT_TRUE(obj.decompress({}).empty());
  EXPECT_FALSE(obj.eof());
}

TEST(DecompressionObj, SingleUseAndUnusedData) {
  const Bytes data = text(5000, "single");
  Bytes input = frame_of(data);
  const Bytes trailing = to_bytes("trailing bytes");
  append(input, trailing);
  ZstdDecompressor d;
  auto obj = d.decompressobj();
  EXPECT_TRUE(same_bytes(obj.decompress(input), data));
  EXPECT_TRUE(obj.eof());
  EXPECT_TRUE(same_bytes(obj.unused_data(), trailing));
  expect_zstd_error([&] { (void)obj.decompress(to_bytes("x")); }, ErrorCode::kWrongState,
                    "cannot use a decompressobj multiple times");
  // The frame ended: the decompressor is free again.
  EXPECT_TRUE(same_bytes(d.decompress(frame_of(data)), data));
}

TEST(DecompressionObj, ReadAcrossFrames) {
  const Bytes a = text(150000, "a"), b = text(10, "b");
  Bytes input = frame_of(a);
  append(input, make_skippable_frame(1, to_bytes("payload")));
  append(input, frame_of(b, 1, false));
  Bytes want = a;
  append(want, b);
  ZstdDecompressor d;
  auto obj = d.decompressobj(zstdpp::DECOMPRESSION_RECOMMENDED_OUTPUT_SIZE, /*read_across_frames=*/true);
  Bytes got;
  const std::size_t half = input.size() / 2;
  append(got, obj.decompress(ByteView(input).first(half)));
  EXPECT_FALSE(obj.eof());
  append(got, obj.decompress(ByteView(input).subspan(half)));
  EXPECT_TRUE(same_bytes(got, want)) << describe_mismatch(got, want);
  EXPECT_TRUE(obj.eof());
  // More frames may follow.
  EXPECT_TRUE(same_bytes(obj.decompress(frame_of(b)), b));
}

TEST(DecompressionObj, WithoutReadAcrossFramesStopsAtTheFirst) {
  const Bytes a = text(1000, "a1");
  Bytes input = frame_of(a);
  const Bytes second = frame_of(text(10, "b1"));
  append(input, second);
  ZstdDecompressor d;
  auto obj = d.decompressobj();
  EXPECT_TRUE(same_bytes(obj.decompress(input), a));
  EXPECT_TRUE(same_bytes(obj.unused_data(), second));
}

TEST(DecompressionObj, MagiclessFrame) {
  const Bytes data = text(20000, "magicless");
  ZstdDecompressor d = magicless_decompressor();
  auto obj = d.decompressobj();
  EXPECT_TRUE(same_bytes(obj.decompress(magicless_frame_of(data)), data));
  EXPECT_TRUE(obj.eof());
}

TEST(DecompressionObj, CorruptedInput) {
  Bytes frame = frame_of(text(100000, "corrupt"));
  frame[frame.size() / 2] ^= 0x40;
  ZstdDecompressor d;
  auto obj = d.decompressobj();
  EXPECT_THROW((void)obj.decompress(frame), zstdpp::ZstdError);
  expect_zstd_error([&] { (void)obj.decompress(to_bytes("x")); }, ErrorCode::kWrongState, "earlier call failed");
  EXPECT_EQ(as_chars(d.decompress(frame_of(to_bytes("ok")))), "ok");
}

TEST(DecompressionObj, ZeroWriteSizeRefused) {
  ZstdDecompressor d;
  expect_zstd_error([&] { (void)d.decompressobj(0); }, ErrorCode::kParameterOutOfBounds, "write_size");
}

TEST(DecompressionObj, FramesFromTheZstdCli) {
  if (!zstd_cli_path()) GTEST_SKIP() << "zstd CLI not found";
  TempDir dir;
  const Bytes data = text(300000, "cli");
  const Bytes frame = zstd_compress(dir, data, "-7 --check", /*via_stdin=*/true);
  ZstdDecompressor d;
  auto obj = d.decompressobj(1000);
  Bytes got;
  for (std::size_t at = 0; at < frame.size(); at += 777)
    append(got, obj.decompress(ByteView(frame).subspan(at, std::min<std::size_t>(777, frame.size() - at))));
  EXPECT_TRUE(same_bytes(got, data));
}

}  // namespace
}  // namespace zstdpp_test

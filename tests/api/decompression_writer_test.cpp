// ZstdDecompressionWriter (ZstdDecompressor::stream_writer): python-zstandard's
// documented behaviours (write_return_read both ways, flush, close with closefd, tell,
// memory_size) and the edges: zero-length writes, 1-byte writes, many frames, skippable
// frames, closing inside a frame, a failing inner writer, dictionaries, CLI frames.
#include <gtest/gtest.h>

#include "stream_test_support.hpp"

namespace zstdpp_test {
namespace {

using zstdpp::ErrorCode;
using zstdpp::ZstdDecompressor;

Bytes text(std::size_t n, const char* name) { return make_english_text(n, seed_from(name)); }

TEST(DecompressionWriter, WritesDecodedBytesOn) {
  const Bytes data = text(300000, "basic");
  const Bytes frame = frame_of(data);
  ZstdDecompressor d;
  RecordingWriter inner;
  auto w = d.stream_writer(inner, 10000);
  EXPECT_EQ(w.write(frame), frame.size());  // write_return_read: compressed bytes taken
  EXPECT_TRUE(same_bytes(inner.out, data));
  for (std::size_t n : inner.writes) EXPECT_LE(n, 10000u);
  EXPECT_EQ(w.tell(), data.size());
  EXPECT_GT(w.memory_size(), 10000u);
  w.close();
  EXPECT_TRUE(w.closed());
  EXPECT_TRUE(inner.closed);
}

TEST(DecompressionWriter, WriteReturnReadFalseCountsOutput) {
  const Bytes data = text(50000, "retread");
  const Bytes frame = frame_of(data);
  ZstdDecompressor d;
  RecordingWriter inner;
  auto w = d.stream_writer(inner, zstdpp::DECOMPRESSION_RECOMMENDED_OUTPUT_SIZE, /*write_return_read=*/false);
  std::size_t total = 0;
  for (std::size_t at = 0; at < frame.size(); at += 100)
    total += w.write(ByteView(frame).subspan(at, std::min<std::size_t>(100, frame.size() - at)));
  EXPECT_EQ(total, data.size());
  EXPECT_TRUE(same_bytes(inner.out, data));
}

TEST(DecompressionWriter, ZeroLengthAndOneByteWrites) {
  const Bytes data = text(20000, "onebyte");
  const Bytes frame = frame_of(data, 3, false);
  ZstdDecompressor d;
  RecordingWriter inner;
  auto w = d.stream_writer(inner, 1);
  EXPECT_EQ(w.write({}), 0u);
  for (std::uint8_t b : frame) EXPECT_EQ(w.write(ByteView(&b, 1)), 1u);
  EXPECT_EQ(w.write({}), 0u);
  EXPECT_TRUE(same_bytes(inner.out, data));
  w.close();
}

TEST(DecompressionWriter, ManyFramesAndSkippableFrames) {
  const Bytes a = text(200000, "m1"), b = text(3, "m2");
  Bytes input = frame_of(a);
  append(input, make_skippable_frame(5, to_bytes("skip")));
  append(input, frame_of(b));
  append(input, frame_of(ByteView{}));  // an empty frame at the end
  Bytes want = a;
  append(want, b);
  ZstdDecompressor d;
  RecordingWriter inner;
  {
    auto w = d.stream_writer(inner);
    w.write(input);
    w.close();
  }
  EXPECT_TRUE(same_bytes(inner.out, want));
}

TEST(DecompressionWriter, FlushFlushesInner) {
  ZstdDecompressor d;
  RecordingWriter inner;
  auto w = d.stream_writer(inner);
  w.write(frame_of(to_bytes("abc")));
  w.flush();
  w.flush();
  EXPECT_EQ(inner.flushes, 2);
  EXPECT_EQ(as_chars(inner.out), "abc");
}

TEST(DecompressionWriter, ClosefdFalseLeavesInnerOpen) {
  ZstdDecompressor d;
  RecordingWriter inner;
  auto w = d.stream_writer(inner, 100, true, /*closefd=*/false);
  w.write(frame_of(to_bytes("abc")));
  w.close();
  w.close();  // idempotent
  EXPECT_FALSE(inner.closed);
  expect_zstd_error([&] { w.write(to_bytes("x")); }, ErrorCode::kWrongState, "closed");
  expect_zstd_error([&] { w.flush(); }, ErrorCode::kWrongState, "closed");
}

TEST(DecompressionWriter, CloseInsideAFrameSaysSoAndLosesNothing) {
  const Bytes data = text(300000, "midframe");
  const Bytes frame = frame_of(data, 1);
  ZstdDecompressor d;
  RecordingWriter inner;
  auto w = d.stream_writer(inner);
  w.write(ByteView(frame).first(frame.size() - 10));
  const std::uint64_t decoded = w.tell();
  EXPECT_GT(decoded, 0u);
  expect_zstd_error([&] { w.close(); }, ErrorCode::kTruncatedInput, "inside a frame");
  EXPECT_TRUE(w.closed());
  EXPECT_TRUE(inner.closed);
  EXPECT_EQ(inner.out.size(), decoded);  // everything decoded reached the inner writer
  EXPECT_TRUE(same_bytes(inner.out, ByteView(data).first(decoded)));
  // The decompressor starts clean.
  EXPECT_EQ(as_chars(d.decompress(frame_of(to_bytes("next")))), "next");
}

TEST(DecompressionWriter, DestructorClosesAndNeverThrows) {
  const Bytes frame = frame_of(text(1000, "dtor"));
  ZstdDecompressor d;
  RecordingWriter inner;
  {
    auto w = d.stream_writer(inner);
    w.write(ByteView(frame).first(frame.size() / 2));
  }  // mid-frame: close() would throw; the destructor swallows it
  EXPECT_TRUE(inner.closed);
}

TEST(DecompressionWriter, FailingInnerWriter) {
  const Bytes data = text(300000, "failing");
  const Bytes frame = frame_of(data);
  ZstdDecompressor d;
  RecordingWriter inner(/*fail_after=*/50000);
  auto w = d.stream_writer(inner, 4096);
  expect_zstd_error([&] { w.write(frame); }, ErrorCode::kIo, "disk full");
  expect_zstd_error([&] { w.write(frame); }, ErrorCode::kWrongState, "earlier write failed");
  EXPECT_NO_THROW(w.close());
  EXPECT_TRUE(inner.closed);
}

TEST(DecompressionWriter, CorruptedInput) {
  Bytes frame = frame_of(text(100000, "corrupt"));
  frame[frame.size() / 2] ^= 0x21;
  ZstdDecompressor d;
  RecordingWriter inner;
  auto w = d.stream_writer(inner);
  EXPECT_THROW(w.write(frame), zstdpp::ZstdError);
}

TEST(DecompressionWriter, DictionaryAndMagicless) {
  const Bytes dict_content = text(8000, "dict");
  zstdpp::ZstdCompressionDict dict(dict_content);
  const Bytes data(dict_content.begin() + 100, dict_content.begin() + 6000);
  zstdpp::CompressorOptions co;
  co.dict_data = dict;
  zstdpp::DecompressorOptions o;
  o.dict_data = dict;
  ZstdDecompressor d(o);
  RecordingWriter inner;
  auto w = d.stream_writer(inner);
  w.write(zstdpp::ZstdCompressor(co).compress(data));
  EXPECT_TRUE(same_bytes(inner.out, data));

  ZstdDecompressor m = magicless_decompressor();
  RecordingWriter inner2;
  auto w2 = m.stream_writer(inner2);
  w2.write(magicless_frame_of(data));
  EXPECT_TRUE(same_bytes(inner2.out, data));
}

TEST(DecompressionWriter, FramesFromTheZstdCli) {
  if (!zstd_cli_path()) GTEST_SKIP() << "zstd CLI not found";
  TempDir dir;
  const Bytes data = text(400000, "cli");
  const Bytes frame = zstd_compress(dir, data, "-12 --check");
  ZstdDecompressor d;
  RecordingWriter inner;
  auto w = d.stream_writer(inner);
  for (std::size_t at = 0; at < frame.size(); at += 5000)
    w.write(ByteView(frame).subspan(at, std::min<std::size_t>(5000, frame.size() - at)));
  w.close();
  EXPECT_TRUE(same_bytes(inner.out, data));
}

TEST(DecompressionWriter, ZeroWriteSizeRefused) {
  ZstdDecompressor d;
  RecordingWriter inner;
  expect_zstd_error([&] { (void)d.stream_writer(inner, 0); }, ErrorCode::kParameterOutOfBounds, "write_size");
}

}  // namespace
}  // namespace zstdpp_test

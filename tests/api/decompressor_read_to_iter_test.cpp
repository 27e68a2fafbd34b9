// ZstdDecompressor::read_to_iter and copy_stream: chunks of at most write_size bytes,
// never empty, every frame decoded, skip_bytes, argument validation, truncated input.
#include <gtest/gtest.h>

#include "stream_test_support.hpp"

namespace zstdpp_test {
namespace {

using zstdpp::ErrorCode;
using zstdpp::ZstdDecompressor;

Bytes text(std::size_t n, const char* name) { return make_english_text(n, seed_from(name)); }

Bytes collect(zstdpp::ChunkRange range, std::size_t write_size) {
  Bytes got;
  for (const Bytes& chunk : range) {
    EXPECT_FALSE(chunk.empty());
    EXPECT_LE(chunk.size(), write_size);
    append(got, chunk);
  }
  return got;
}

TEST(DecompressorReadToIter, ChunksOfAtMostWriteSize) {
  const Bytes data = text(500000, "chunks");
  const Bytes frame = frame_of(data);
  ZstdDecompressor d;
  for (std::size_t write_size : {std::size_t{1000}, zstdpp::DECOMPRESSION_RECOMMENDED_OUTPUT_SIZE}) {
    PieceReader source(frame, 1 << 30);
    EXPECT_TRUE(same_bytes(collect(d.read_to_iter(source, 8192, write_size), write_size), data));
    EXPECT_TRUE(same_bytes(collect(d.read_to_iter(ByteView(frame), 8192, write_size), write_size), data));
  }
}

TEST(DecompressorReadToIter, EveryFrameAndOneByteReads) {
  const Bytes a = text(100000, "a"), b = text(7, "b");
  Bytes input = frame_of(a);
  append(input, make_skippable_frame(2, to_bytes("zz")));
  append(input, frame_of(b, 1, false));
  Bytes want = a;
  append(want, b);
  ZstdDecompressor d;
  PieceReader source(input, 1);
  EXPECT_TRUE(same_bytes(collect(d.read_to_iter(source, 1, 333), 333), want));
}

TEST(DecompressorReadToIter, SkipBytes) {
  const Bytes data = text(50000, "skip");
  Bytes input = to_bytes("HEADER");  // 6 bytes of a container before the frame
  append(input, frame_of(data));
  ZstdDecompressor d;
  PieceReader source(input, 1 << 30);
  EXPECT_TRUE(same_bytes(collect(d.read_to_iter(source, 100, 1000, 6), 1000), data));
  PieceReader slow(input, 2);  // the skip spans several reads
  EXPECT_TRUE(same_bytes(collect(d.read_to_iter(slow, 100, 1000, 6), 1000), data));
  EXPECT_TRUE(same_bytes(collect(d.read_to_iter(ByteView(input), 100, 1000, 6), 1000), data));
}

TEST(DecompressorReadToIter, ArgumentValidation) {
  ZstdDecompressor d;
  zstdpp::MemoryReader empty(ByteView{});
  expect_zstd_error([&] { (void)d.read_to_iter(empty, 10, 10, 10); }, ErrorCode::kParameterOutOfBounds,
                    "skip_bytes (10) must be smaller than read_size (10)");
  expect_zstd_error([&] { (void)d.read_to_iter(empty, 0); }, ErrorCode::kParameterOutOfBounds, "read_size");
  expect_zstd_error([&] { (void)d.read_to_iter(empty, 10, 0); }, ErrorCode::kParameterOutOfBounds, "write_size");
}

TEST(DecompressorReadToIter, EmptyInputIsAnEmptyRange) {
  ZstdDecompressor d;
  zstdpp::MemoryReader empty(ByteView{});
  auto range = d.read_to_iter(empty);
  EXPECT_TRUE(range.begin() == range.end());
}

TEST(DecompressorReadToIter, TruncatedAndCorrupted) {
  const Bytes frame = frame_of(text(100000, "trunc"));
  ZstdDecompressor d;
  const Bytes part(frame.begin(), frame.end() - 5);
  expect_zstd_error([&] { (void)collect(d.read_to_iter(ByteView(part)), 1 << 20); }, ErrorCode::kTruncatedInput,
                    "truncated");
  Bytes bad = frame;
  bad[bad.size() / 2] ^= 0x11;
  EXPECT_THROW((void)collect(d.read_to_iter(ByteView(bad)), 1 << 20), zstdpp::ZstdError);
  EXPECT_EQ(as_chars(d.decompress(frame_of(to_bytes("ok")))), "ok");  // usable again
}

TEST(DecompressorReadToIter, MagiclessFrames) {
  const Bytes data = text(30000, "magicless");
  ZstdDecompressor d = magicless_decompressor();
  EXPECT_TRUE(same_bytes(collect(d.read_to_iter(ByteView(magicless_frame_of(data))), 1 << 20), data));
}

// --- copy_stream ------------------------------------------------------------------------

TEST(DecompressorCopyStream, CopiesEveryFrame) {
  const Bytes a = text(300000, "ca"), b = text(1000, "cb");
  Bytes input = frame_of(a);
  append(input, frame_of(b, 2, false));
  Bytes want = a;
  append(want, b);
  for (std::size_t piece : {std::size_t{1}, std::size_t{4096}, std::size_t{1} << 20}) {
    ZstdDecompressor d;
    PieceReader source(input, piece);
    RecordingWriter sink;
    const zstdpp::CopyStreamResult r = d.copy_stream(source, sink, piece, 777);
    EXPECT_EQ(r.read, input.size());
    EXPECT_EQ(r.written, want.size());
    EXPECT_TRUE(same_bytes(sink.out, want));
    for (std::size_t n : sink.writes) EXPECT_LE(n, 777u);
  }
}

TEST(DecompressorCopyStream, TruncatedFailingWriterAndArguments) {
  const Bytes frame = frame_of(text(200000, "cerr"));
  ZstdDecompressor d;
  const Bytes part(frame.begin(), frame.end() - 3);
  zstdpp::MemoryReader source(part);
  RecordingWriter sink;
  expect_zstd_error([&] { (void)d.copy_stream(source, sink); }, ErrorCode::kTruncatedInput, "truncated");
  zstdpp::MemoryReader again(frame);
  RecordingWriter failing(1000);
  expect_zstd_error([&] { (void)d.copy_stream(again, failing); }, ErrorCode::kIo, "disk full");
  zstdpp::MemoryReader third(frame);
  expect_zstd_error([&] { (void)d.copy_stream(third, sink, 0); }, ErrorCode::kParameterOutOfBounds, "read_size");
  expect_zstd_error([&] { (void)d.copy_stream(third, sink, 10, 0); }, ErrorCode::kParameterOutOfBounds,
                    "write_size");
  EXPECT_EQ(as_chars(d.decompress(frame_of(to_bytes("ok")))), "ok");
}

TEST(DecompressorCopyStream, FramesFromTheZstdCli) {
  if (!zstd_cli_path()) GTEST_SKIP() << "zstd CLI not found";
  TempDir dir;
  const Bytes data = text(300000, "cli");
  Bytes input = zstd_compress(dir, data, "-3", true);
  append(input, zstd_compress(dir, data, "-19 --check"));
  Bytes want = data;
  append(want, data);
  ZstdDecompressor d;
  zstdpp::MemoryReader source(input);
  RecordingWriter sink;
  (void)d.copy_stream(source, sink);
  EXPECT_TRUE(same_bytes(sink.out, want));
  EXPECT_TRUE(same_bytes(collect(d.read_to_iter(ByteView(input)), 1 << 20), want));
}

}  // namespace
}  // namespace zstdpp_test

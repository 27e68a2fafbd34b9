// ZstdCompressionChunker: python-zstandard's chunker() as C++: every chunk of compress()
// is exactly chunk_size bytes, flush() and finish() end with a possibly shorter one, the
// chunks concatenate to one valid frame, and the single-use rules after finish().
#include <gtest/gtest.h>

#include "stream_test_support.hpp"

namespace zstdpp_test {
namespace {

using zstdpp::CONTENTSIZE_UNKNOWN;
using zstdpp::ErrorCode;
using zstdpp::ZstdCompressor;

const Bytes& text() {
  static const Bytes t = make_english_text(400000, 33);
  return t;
}

void expect_all_sized(const std::vector<Bytes>& chunks, std::size_t size) {
  for (const Bytes& chunk : chunks) EXPECT_EQ(chunk.size(), size);
}

void append_all(Bytes& out, const std::vector<Bytes>& chunks) {
  for (const Bytes& chunk : chunks) append(out, chunk);
}

TEST(CompressionChunker, ChunksAreExactlyChunkSizeAndFormOneFrame) {
  for (std::size_t chunk_size : {std::size_t{1}, std::size_t{100}, std::size_t{32768}}) {
    ZstdCompressor c;
    auto chunker = c.chunker(text().size(), chunk_size);
    Bytes frame;
    for (std::size_t at = 0; at < text().size(); at += 50000) {
      const auto chunks = chunker.compress(ByteView(text()).subspan(at, std::min<std::size_t>(50000, text().size() - at)));
      expect_all_sized(chunks, chunk_size);
      append_all(frame, chunks);
    }
    const auto last = chunker.finish();
    for (std::size_t i = 0; i + 1 < last.size(); ++i) EXPECT_EQ(last[i].size(), chunk_size);
    ASSERT_FALSE(last.empty());
    EXPECT_LE(last.back().size(), chunk_size);
    EXPECT_FALSE(last.back().empty());
    append_all(frame, last);
    EXPECT_EQ(zstdpp::frame_content_size(frame), text().size());
    EXPECT_EQ(decode_one_frame(frame), text()) << "chunk size " << chunk_size;
  }
}

TEST(CompressionChunker, FlushMakesThePrefixDecodable) {
  ZstdCompressor c;
  auto chunker = c.chunker(CONTENTSIZE_UNKNOWN, 4096);
  Bytes stream;
  append_all(stream, chunker.compress(ByteView(text()).first(100000)));
  const auto flushed = chunker.flush();
  ASSERT_FALSE(flushed.empty());
  for (std::size_t i = 0; i + 1 < flushed.size(); ++i) EXPECT_EQ(flushed[i].size(), 4096u);
  append_all(stream, flushed);
  // Everything given so far decodes from what was handed out, before the frame ends.
  zstdpp::ZstdDecompressor d;
  auto obj = d.decompressobj();
  EXPECT_EQ(obj.decompress(stream), Bytes(text().begin(), text().begin() + 100000));
  EXPECT_FALSE(obj.eof());
  EXPECT_TRUE(chunker.flush().empty() || chunker.flush().size() == 1);  // flush twice is fine
  append_all(stream, chunker.compress(ByteView(text()).subspan(100000)));
  append_all(stream, chunker.finish());
  EXPECT_EQ(decode_one_frame(stream), text());
}

TEST(CompressionChunker, SmallInputsGiveNoChunkUntilFull) {
  ZstdCompressor c;
  auto chunker = c.chunker(CONTENTSIZE_UNKNOWN, 1 << 16);
  for (int i = 0; i < 100; ++i) EXPECT_TRUE(chunker.compress(ByteView(text()).subspan(i * 10, 10)).empty());
  EXPECT_TRUE(chunker.compress({}).empty());  // zero-length input
  Bytes frame;
  append_all(frame, chunker.finish());
  EXPECT_EQ(decode_one_frame(frame), Bytes(text().begin(), text().begin() + 1000));
}

TEST(CompressionChunker, EmptyFrame) {
  ZstdCompressor c;
  auto chunker = c.chunker(0);
  Bytes frame;
  append_all(frame, chunker.finish());
  EXPECT_EQ(zstdpp::frame_content_size(frame), 0u);
  EXPECT_TRUE(decode_one_frame(frame).empty());
}

TEST(CompressionChunker, NothingAfterFinish) {
  ZstdCompressor c;
  auto chunker = c.chunker();
  (void)chunker.compress(text());
  (void)chunker.finish();
  expect_zstd_error([&] { (void)chunker.compress(text()); }, ErrorCode::kWrongState, "after compression finished");
  expect_zstd_error([&] { (void)chunker.flush(); }, ErrorCode::kWrongState, "after compression finished");
  expect_zstd_error([&] { (void)chunker.finish(); }, ErrorCode::kWrongState, "after compression finished");
  EXPECT_NO_THROW((void)c.compress(text()));  // finish() released the compressor
}

TEST(CompressionChunker, HoldsTheCompressorAndAbandonsOnDestruction) {
  ZstdCompressor c;
  {
    auto chunker = c.chunker();
    (void)chunker.compress(text());
    expect_zstd_error([&] { (void)c.compress(text()); }, ErrorCode::kWrongState, "chunker");
  }
  const Bytes frame = c.compress(ByteView(text()).first(5000));
  EXPECT_EQ(decode_one_frame(frame), Bytes(text().begin(), text().begin() + 5000));
}

TEST(CompressionChunker, WrongPledgedSizeFailsAndRefusesMore) {
  ZstdCompressor c;
  auto chunker = c.chunker(10);
  EXPECT_THROW((void)chunker.compress(text()), zstdpp::ZstdError);
  expect_zstd_error([&] { (void)chunker.finish(); }, ErrorCode::kWrongState, "earlier call failed");
}

TEST(CompressionChunker, ZeroChunkSizeIsRefused) {
  ZstdCompressor c;
  ZSTDPP_EXPECT_ERROR((void)c.chunker(CONTENTSIZE_UNKNOWN, 0), ErrorCode::kParameterOutOfBounds);
}

}  // namespace
}  // namespace zstdpp_test

// The compressor's read_to_iter and copy_stream: one frame of the whole source, chunks of
// at most write_size bytes and never empty, the content size written only when known,
// errors of the source or the destination reaching the caller, and the compressor's lease.
#include <gtest/gtest.h>

#include "stream_test_support.hpp"

namespace zstdpp_test {
namespace {

using zstdpp::CONTENTSIZE_UNKNOWN;
using zstdpp::ErrorCode;
using zstdpp::ZstdCompressor;

const Bytes& text() {
  static const Bytes t = make_english_text(600000, 44);
  return t;
}

TEST(CompressorReadToIter, ChunksFormOneFrame) {
  for (std::size_t write_size : {std::size_t{1}, std::size_t{1000}, zstdpp::COMPRESSION_RECOMMENDED_OUTPUT_SIZE}) {
    ZstdCompressor c;
    PieceReader src(text(), 7000);
    Bytes frame;
    std::size_t chunks = 0;
    for (const Bytes& chunk : c.read_to_iter(src, CONTENTSIZE_UNKNOWN, 7000, write_size)) {
      EXPECT_FALSE(chunk.empty());
      EXPECT_LE(chunk.size(), write_size);
      append(frame, chunk);
      ++chunks;
    }
    EXPECT_GE(chunks, frame.size() / write_size);
    EXPECT_EQ(zstdpp::frame_content_size(frame), CONTENTSIZE_UNKNOWN);
    EXPECT_EQ(decode_one_frame(frame), text()) << "write size " << write_size;
  }
}

TEST(CompressorReadToIter, KnownSizeIsWritten) {
  ZstdCompressor c;
  PieceReader src(text(), 1 << 20);
  Bytes frame;
  for (const Bytes& chunk : c.read_to_iter(src, text().size())) append(frame, chunk);
  EXPECT_EQ(zstdpp::frame_content_size(frame), text().size());
  Bytes from_memory;
  for (const Bytes& chunk : c.read_to_iter(ByteView(text()))) append(from_memory, chunk);
  EXPECT_EQ(from_memory, c.compress(text()));
}

TEST(CompressorReadToIter, EmptySourceGivesOneEmptyFrame) {
  ZstdCompressor c;
  PieceReader src({}, 10);
  Bytes frame;
  for (const Bytes& chunk : c.read_to_iter(src)) append(frame, chunk);
  EXPECT_FALSE(frame.empty());
  EXPECT_TRUE(decode_one_frame(frame).empty());
}

TEST(CompressorReadToIter, HoldsTheCompressorUntilDone) {
  ZstdCompressor c;
  {
    auto range = c.read_to_iter(ByteView(text()), 1000, 1000);
    auto it = range.begin();
    expect_zstd_error([&] { (void)c.compress(text()); }, ErrorCode::kWrongState, "read_to_iter");
    while (!(it == range.end())) ++it;
    EXPECT_NO_THROW((void)c.compress(text()));
  }
  { auto abandoned = c.read_to_iter(ByteView(text())); }
  EXPECT_NO_THROW((void)c.compress(text()));
}

TEST(CompressorReadToIter, ZeroSizesAreRefused) {
  ZstdCompressor c;
  ZSTDPP_EXPECT_ERROR((void)c.read_to_iter(ByteView(text()), 0), ErrorCode::kParameterOutOfBounds);
  ZSTDPP_EXPECT_ERROR((void)c.read_to_iter(ByteView(text()), 10, 0), ErrorCode::kParameterOutOfBounds);
}

TEST(CompressorCopyStream, CountsAndRoundTrip) {
  ZstdCompressor c;
  PieceReader src(text(), 9000);
  RecordingWriter sink;
  const zstdpp::CopyStreamResult r = c.copy_stream(src, sink, CONTENTSIZE_UNKNOWN, 9000, 4096);
  EXPECT_EQ(r.read, text().size());
  EXPECT_EQ(r.written, sink.out.size());
  for (std::size_t w : sink.writes) EXPECT_LE(w, 4096u);
  EXPECT_EQ(decode_one_frame(sink.out), text());
  EXPECT_FALSE(sink.closed);  // copy_stream leaves both ends open
  EXPECT_FALSE(src.closed);
}

TEST(CompressorCopyStream, PledgedSizeAndEmptyInput) {
  ZstdCompressor c;
  PieceReader src(text(), 1 << 20);
  RecordingWriter sink;
  (void)c.copy_stream(src, sink, text().size());
  EXPECT_EQ(zstdpp::frame_content_size(sink.out), text().size());
  PieceReader empty({}, 1);
  RecordingWriter empty_sink;
  const auto r = c.copy_stream(empty, empty_sink);
  EXPECT_EQ(r.read, 0u);
  EXPECT_GT(r.written, 0u);
  EXPECT_TRUE(decode_one_frame(empty_sink.out).empty());
}

TEST(CompressorCopyStream, FailingWriterReachesTheCallerAndFreesTheCompressor) {
  ZstdCompressor c;
  PieceReader src(text(), 1 << 20);
  RecordingWriter sink(1000);
  expect_zstd_error([&] { (void)c.copy_stream(src, sink, CONTENTSIZE_UNKNOWN, 1 << 17, 512); }, ErrorCode::kIo,
                    "disk full");
  const Bytes frame = c.compress(ByteView(text()).first(3000));
  EXPECT_EQ(decode_one_frame(frame), Bytes(text().begin(), text().begin() + 3000));
}

TEST(CompressorCopyStream, RefusedWhileLeased) {
  ZstdCompressor c;
  auto obj = c.compressobj();
  PieceReader src(text(), 10);
  RecordingWriter sink;
  expect_zstd_error([&] { (void)c.copy_stream(src, sink); }, ErrorCode::kWrongState, "compressobj");
}

}  // namespace
}  // namespace zstdpp_test

// ZstdCompressionReader (the compressor's stream_reader): python-zstandard's documented
// behaviour as C++: one frame per reader, the content size written only when known,
// read/read1/readinto/readinto1/readall with their size rules, tell, close and closefd,
// and the compressor's lease.
#include <gtest/gtest.h>

#include "stream_test_support.hpp"

namespace zstdpp_test {
namespace {

using zstdpp::CONTENTSIZE_UNKNOWN;
using zstdpp::ErrorCode;
using zstdpp::ZstdCompressor;
using zstdpp::ZstdDecompressor;

const Bytes& text() {
  static const Bytes t = make_english_text(700000, 21);
  return t;
}

std::uint64_t header_content_size(const Bytes& frame) { return zstdpp::frame_content_size(frame); }

TEST(CompressionReader, ReadallIsOneFrameOfTheSource) {
  ZstdCompressor c;
  PieceReader src(text(), 5000);
  auto r = c.stream_reader(src);
  const Bytes frame = r.readall();
  EXPECT_EQ(decode_one_frame(frame), text());
  EXPECT_EQ(header_content_size(frame), zstdpp::CONTENTSIZE_UNKNOWN);  // size not given
  EXPECT_EQ(r.tell(), frame.size());
  EXPECT_TRUE(r.read(100).empty());  // the stream has ended
}

TEST(CompressionReader, PledgedSizeIsWrittenAndEnforced) {
  ZstdCompressor c;
  {
    PieceReader src(text(), 1 << 20);
    auto r = c.stream_reader(src, text().size());
    const Bytes frame = r.readall();
    EXPECT_EQ(header_content_size(frame), text().size());
    EXPECT_EQ(decode_one_frame(frame), text());
  }
  PieceReader short_src(ByteView(text()).first(1000), 1 << 20);
  auto r = c.stream_reader(short_src, text().size());
  EXPECT_THROW((void)r.readall(), zstdpp::ZstdError);
  ZSTDPP_EXPECT_ERROR((void)r.read(10), ErrorCode::kWrongState);  // failed: cannot go on
}

TEST(CompressionReader, MemorySourceKnowsItsSize) {
  ZstdCompressor c;
  auto r = c.stream_reader(ByteView(text()));
  const Bytes frame = r.readall();
  EXPECT_EQ(header_content_size(frame), text().size());
  EXPECT_EQ(decode_one_frame(frame), text());
  EXPECT_EQ(frame, c.compress(text()));  // the same frame as one-shot compression
}

TEST(CompressionReader, SmallReadsConcatenateToTheFrame) {
  ZstdCompressor c;
  const Bytes whole = c.stream_reader(ByteView(text())).readall();
  for (std::ptrdiff_t size : {1, 7, 4096, 131072}) {
    auto r = c.stream_reader(ByteView(text()));
    Bytes got;
    for (;;) {
      const Bytes part = r.read(size);
      ASSERT_LE(part.size(), static_cast<std::size_t>(size));
      if (part.empty()) break;
      // read() fills the request unless the stream ends.
      if (part.size() < static_cast<std::size_t>(size)) {
        EXPECT_TRUE(r.read(1).empty());
      }
      append(got, part);
    }
    EXPECT_EQ(got, whole) << "read size " << size;
  }
}

TEST(CompressionReader, ReadZeroReadsNothing) {
  ZstdCompressor c;
  PieceReader src(text(), 1000);
  auto r = c.stream_reader(src);
  EXPECT_TRUE(r.read(0).empty());
  EXPECT_EQ(src.reads, 0u);
  EXPECT_EQ(r.tell(), 0u);
  EXPECT_FALSE(r.read(10).empty());
}

TEST(CompressionReader, Read1ReadsTheSourceAtMostOnce) {
  ZstdCompressor c;
  PieceReader src(text(), 8192);
  auto r = c.stream_reader(src, CONTENTSIZE_UNKNOWN, 8192);
  Bytes frame;
  std::size_t empty_before_end = 0;
  for (int call = 0; call < 100000; ++call) {
    const std::size_t reads_before = src.reads;
    const Bytes part = r.read1(1 << 20);
    ASSERT_LE(src.reads - reads_before, 1u);
    // Empty without reading the source: the stream has ended (otherwise it would read).
    if (part.empty() && src.reads == reads_before) {
      EXPECT_TRUE(r.eof());
      break;
    }
    if (part.empty()) {
      EXPECT_FALSE(r.eof());  // eof() tells this empty result from the end
      ++empty_before_end;
    }
    append(frame, part);
  }
  EXPECT_TRUE(r.eof());
  EXPECT_EQ(decode_one_frame(frame), text());
  EXPECT_GT(empty_before_end, 0u);  // the documented case: input held back for a block
}

TEST(CompressionReader, ReadintoAndReadinto1) {
  ZstdCompressor c;
  const Bytes whole = c.stream_reader(ByteView(text())).readall();
  auto r = c.stream_reader(ByteView(text()));
  Bytes got;
  Bytes buf(1000);
  const std::size_t n1 = r.readinto1(zstdpp::MutableByteView(buf));
  append(got, ByteView(buf).first(n1));
  for (;;) {
    const std::size_t n = r.readinto(zstdpp::MutableByteView(buf));
    append(got, ByteView(buf).first(n));
    if (n < buf.size()) break;
  }
  EXPECT_EQ(got, whole);
}

TEST(CompressionReader, EmptySourceIsAnEmptyFrame) {
  ZstdCompressor c;
  PieceReader src({}, 10);
  auto r = c.stream_reader(src);
  const Bytes frame = r.readall();
  EXPECT_FALSE(frame.empty());
  EXPECT_TRUE(decode_one_frame(frame).empty());
}

TEST(CompressionReader, CloseClosesTheSourceWithClosefd) {
  ZstdCompressor c;
  PieceReader kept(text(), 1000), closed(text(), 1000);
  {
    auto r = c.stream_reader(kept, CONTENTSIZE_UNKNOWN, 1000, false);
    (void)r.read(10);
  }
  EXPECT_FALSE(kept.closed);
  auto r = c.stream_reader(closed);
  (void)r.read(10);
  r.close();
  r.close();  // idempotent
  EXPECT_TRUE(closed.closed);
  EXPECT_TRUE(r.closed());
  ZSTDPP_EXPECT_ERROR((void)r.read(10), ErrorCode::kWrongState);
  ZSTDPP_EXPECT_ERROR((void)r.readall(), ErrorCode::kWrongState);
}

TEST(CompressionReader, HoldsTheCompressorUntilTheFrameEnds) {
  ZstdCompressor c;
  auto r = c.stream_reader(ByteView(text()));
  (void)r.read(100);
  expect_zstd_error([&] { (void)c.compress(text()); }, ErrorCode::kWrongState, "stream_reader");
  expect_zstd_error([&] { (void)c.chunker(); }, ErrorCode::kWrongState, "stream_reader");
  (void)r.readall();
  EXPECT_NO_THROW((void)c.compress(text()));  // released at the frame's end
  EXPECT_FALSE(r.closed());
}

TEST(CompressionReader, FailingSourceReachesTheCaller) {
  class Broken final : public zstdpp::Reader {
   public:
    std::size_t read(zstdpp::MutableByteView) override { throw zstdpp::ZstdError(ErrorCode::kIo, "source broke"); }
  } broken;
  ZstdCompressor c;
  auto r = c.stream_reader(broken);
  expect_zstd_error([&] { (void)r.read(10); }, ErrorCode::kIo, "source broke");
  ZSTDPP_EXPECT_ERROR((void)r.read(10), ErrorCode::kWrongState);
  EXPECT_NO_THROW((void)c.compress(text()));  // the failure released the compressor
}

TEST(CompressionReader, ComposesWithADecompressingReader) {
  ZstdCompressor c;
  ZstdDecompressor d;
  PieceReader src(text(), 3000);
  auto compressing = c.stream_reader(src, CONTENTSIZE_UNKNOWN, 3000);
  auto decompressing = d.stream_reader(compressing, 1000);
  EXPECT_EQ(decompressing.readall(), text());
}

TEST(CompressionReader, ZeroReadSizeIsRefused) {
  ZstdCompressor c;
  PieceReader src(text(), 10);
  ZSTDPP_EXPECT_ERROR((void)c.stream_reader(src, CONTENTSIZE_UNKNOWN, 0), ErrorCode::kParameterOutOfBounds);
}

}  // namespace
}  // namespace zstdpp_test

// The one-operation-at-a-time rule on a ZstdDecompressor: each stream object holds the
// decompressor's lease until it finishes, is closed or destroyed; other operations are
// refused meanwhile, naming the holder; a moved decompressor keeps its streams working.
#include <gtest/gtest.h>

#include "decompression_streams_support.hpp"

namespace zstdpp_test {
namespace {

using zstdpp::ErrorCode;
using zstdpp::ZstdDecompressor;

const Bytes& sample_frame() {
  static const Bytes frame = frame_of(make_english_text(200000, 7));
  return frame;
}

TEST(DecompressorLease, StreamReaderHoldsUntilClosed) {
  ZstdDecompressor d;
  auto r = d.stream_reader(ByteView(sample_frame()));
  (void)r.read(10);
  expect_zstd_error([&] { (void)d.decompress(sample_frame()); }, ErrorCode::kWrongState, "stream_reader");
  expect_zstd_error([&] { (void)d.decompressobj(); }, ErrorCode::kWrongState, "stream_reader");
  r.close();
  EXPECT_NO_THROW((void)d.decompress(sample_frame()));
}

TEST(DecompressorLease, DecompressobjHoldsUntilFrameEnds) {
  ZstdDecompressor d;
  auto obj = d.decompressobj();
  (void)obj.decompress(ByteView(sample_frame()).first(100));
  RecordingWriter sink;
  expect_zstd_error([&] { (void)d.stream_writer(sink); }, ErrorCode::kWrongState, "decompressobj");
  (void)obj.decompress(ByteView(sample_frame()).subspan(100));
  EXPECT_TRUE(obj.eof());
  EXPECT_NO_THROW((void)d.decompress(sample_frame()));
}

TEST(DecompressorLease, StreamWriterAndReadToIterHoldUntilDone) {
  ZstdDecompressor d;
  {
    RecordingWriter sink;
    auto w = d.stream_writer(sink);
    zstdpp::MemoryReader src(sample_frame());
    expect_zstd_error([&] { (void)d.read_to_iter(src); }, ErrorCode::kWrongState, "stream_writer");
  }
  {
    auto range = d.read_to_iter(ByteView(sample_frame()), 1000, 1000);
    auto it = range.begin();
    expect_zstd_error([&] { (void)d.stream_reader(ByteView(sample_frame())); }, ErrorCode::kWrongState,
                      "read_to_iter");
    while (!(it == range.end())) ++it;
    EXPECT_NO_THROW((void)d.decompress(sample_frame()));  // released at the end
  }
}

TEST(DecompressorLease, DestroyedObjectsRelease) {
  ZstdDecompressor d;
  { auto obj = d.decompressobj(); }
  { auto r = d.stream_reader(ByteView(sample_frame())); }
  { auto range = d.read_to_iter(ByteView(sample_frame())); }
  EXPECT_NO_THROW((void)d.decompress(sample_frame()));
}

TEST(DecompressorLease, StreamsSurviveAMovedDecompressor) {
  ZstdDecompressor d;
  auto r = d.stream_reader(ByteView(sample_frame()));
  ZstdDecompressor moved(std::move(d));
  const Bytes all = r.readall();
  EXPECT_EQ(all.size(), 200000u);
  EXPECT_NO_THROW((void)moved.decompress(sample_frame()));
}

TEST(DecompressorLease, CopyStreamIsRefusedWhileLeased) {
  ZstdDecompressor d;
  auto obj = d.decompressobj();
  zstdpp::MemoryReader src(sample_frame());
  RecordingWriter sink;
  expect_zstd_error([&] { (void)d.copy_stream(src, sink); }, ErrorCode::kWrongState, "decompressobj");
}

}  // namespace
}  // namespace zstdpp_test

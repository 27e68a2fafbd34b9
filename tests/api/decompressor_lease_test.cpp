// The one-operation-at-a-time rule on a ZstdDecompressor: each stream object holds the
// decompressor's lease until it finishes, is closed or destroyed; other operations are
// refused meanwhile, naming the holder; a moved decompressor keeps its streams working.
#include <gtest/gtest.h>

#include "stream_test_support.hpp"

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

// Gives the first `good` bytes of `data`, then fails: a source that breaks mid-frame.
class BreakingReader final : public zstdpp::Reader {
 public:
  BreakingReader(ByteView data, std::size_t good) : data_(data.first(good)) {}
  std::size_t read(zstdpp::MutableByteView dst) override {
    if (pos_ == data_.size()) throw zstdpp::ZstdError(ErrorCode::kIo, "source broke (test)");
    const std::size_t n = std::min(dst.size(), data_.size() - pos_);
    std::copy_n(data_.data() + pos_, n, dst.data());
    pos_ += n;
    return n;
  }

 private:
  ByteView data_;
  std::size_t pos_ = 0;
};

// The decompressor's own streaming call after `d` ended an operation: a whole new frame
// must decode as itself, with no half frame of the earlier operation in front of it.
void expect_fresh_stream(ZstdDecompressor& d) {
  const Bytes content = make_english_text(5000, 3);
  const Bytes frame = frame_of(content);
  Bytes out(content.size() + 100);
  zstdpp::InBuffer in{frame};
  zstdpp::OutBuffer ob{zstdpp::MutableByteView(out)};
  const zstdpp::StreamProgress p = d.decompress_stream(in, ob);
  EXPECT_TRUE(p.frame_done);
  out.resize(ob.pos);
  EXPECT_EQ(out, content);
}

TEST(DecompressorLease, FailingSourceLeavesNoHalfFrame) {
  ZstdDecompressor d;
  BreakingReader src(sample_frame(), sample_frame().size() / 2);
  auto r = d.stream_reader(src, 1000);
  expect_zstd_error([&] { (void)r.readall(); }, ErrorCode::kIo, "source broke");
  expect_fresh_stream(d);
}

TEST(DecompressorLease, AbandonedObjectsLeaveNoHalfFrame) {
  ZstdDecompressor d;
  {
    auto obj = d.decompressobj();
    (void)obj.decompress(ByteView(sample_frame()).first(1000));
  }
  expect_fresh_stream(d);
  {
    RecordingWriter sink;
    auto w = d.stream_writer(sink, 4096, true, false);
    (void)w.write(ByteView(sample_frame()).first(1000));
    EXPECT_THROW(w.close(), zstdpp::ZstdError);  // ends inside a frame
  }
  expect_fresh_stream(d);
  {
    auto range = d.read_to_iter(ByteView(sample_frame()), 1000, 1000);
    auto it = range.begin();
    ++it;
  }
  expect_fresh_stream(d);
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

// The one-operation-at-a-time rule on a ZstdCompressor: a stream object holds the
// compressor's lease until it finishes, is closed or destroyed; meanwhile the compressor's
// own calls are refused, naming the holder; and a frame the holder left half written never
// reaches the compressor's next operation.
#include <gtest/gtest.h>

#include <zstdpp/zstdpp.hpp>

#include "../interop/test_support.hpp"

namespace zstdpp_test {
namespace {

using zstdpp::ErrorCode;
using zstdpp::ZstdCompressor;

class ThrowingWriter final : public zstdpp::Writer {
 public:
  std::size_t write(zstdpp::ByteView) override { throw zstdpp::ZstdError(ErrorCode::kIo, "disk full (test)"); }
};

const Bytes& sample_text() {
  static const Bytes text = make_english_text(300000, 11);
  return text;
}

// compress_stream() after `c` ended an operation: FLUSH_FRAME over a small input must be
// one complete frame of exactly that input (a leftover frame would be continued instead).
void expect_fresh_frame(ZstdCompressor& c) {
  const Bytes content = make_english_text(4000, 5);
  Bytes out(zstdpp::compress_bound(content.size()));
  zstdpp::InBuffer in{content};
  zstdpp::OutBuffer ob{zstdpp::MutableByteView(out)};
  EXPECT_EQ(c.compress_stream(in, ob, zstdpp::StreamMode::FLUSH_FRAME), 0u);
  out.resize(ob.pos);
  zstdpp::ZstdDecompressor d;
  EXPECT_EQ(d.decompress(out, {.max_output_size = 1 << 20, .allow_extra_data = false}), content);
}

TEST(CompressorLease, CompressobjHoldsUntilFinished) {
  ZstdCompressor c;
  auto obj = c.compressobj();
  (void)obj.compress(sample_text());
  ZSTDPP_EXPECT_ERROR((void)c.compress(sample_text()), ErrorCode::kWrongState);
  Bytes sink;
  zstdpp::VectorWriter w(sink);
  ZSTDPP_EXPECT_ERROR((void)c.stream_writer(w), ErrorCode::kWrongState);
  (void)obj.flush();
  EXPECT_NO_THROW((void)c.compress(sample_text()));
}

TEST(CompressorLease, AbandonedCompressobjLeavesNoHalfFrame) {
  ZstdCompressor c;
  {
    auto obj = c.compressobj();
    (void)obj.compress(sample_text());
    (void)obj.flush(zstdpp::COMPRESSOBJ_FLUSH_BLOCK);
  }
  expect_fresh_frame(c);
}

TEST(CompressorLease, FailedStreamWriterLeavesNoHalfFrame) {
  ZstdCompressor c;
  {
    ThrowingWriter inner;
    auto w = c.stream_writer(inner, zstdpp::CONTENTSIZE_UNKNOWN, 1024, true, false);
    EXPECT_THROW((void)w.write(sample_text()), zstdpp::ZstdError);
  }
  expect_fresh_frame(c);
}

}  // namespace
}  // namespace zstdpp_test

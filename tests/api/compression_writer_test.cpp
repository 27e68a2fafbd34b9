// ZstdCompressionWriter (stream_writer): the behaviours python-zstandard documents, as C++.
#include <gtest/gtest.h>

#include <zstdpp/zstdpp.hpp>

#include "../interop/test_support.hpp"

namespace {

using zstdpp::Bytes;
using zstdpp::ZstdCompressor;
using zstdpp::ZstdDecompressor;

Bytes decode_all(const Bytes& frames) {
  ZstdDecompressor d;
  return d.decompress(frames, {.max_output_size = 1 << 26, .read_across_frames = true});
}

// An inner writer that fails on its n-th write and records close/flush calls.
class FailingWriter final : public zstdpp::Writer {
 public:
  explicit FailingWriter(int fail_at) : fail_at_(fail_at) {}
  std::size_t write(zstdpp::ByteView src) override {
    if (++writes == fail_at_) throw zstdpp::ZstdError(zstdpp::ErrorCode::kIo, "disk full");
    data.insert(data.end(), src.begin(), src.end());
    return src.size();
  }
  void flush() override { ++flushes; }
  void close() override { ++closes; }
  Bytes data;
  int writes = 0, flushes = 0, closes = 0;

 private:
  int fail_at_;
};

TEST(CompressionWriter, RoundTripAndContentSizeWhenGiven) {
  const Bytes input = zstdpp_test::make_english_text(300000, 1);
  ZstdCompressor c;
  Bytes out;
  zstdpp::VectorWriter sink(out);
  auto w = c.stream_writer(sink, input.size());
  EXPECT_EQ(w.write(input), input.size());  // write_return_read defaults to true
  w.close();
  EXPECT_TRUE(w.closed());
  EXPECT_EQ(w.tell(), out.size());
  EXPECT_EQ(zstdpp::get_frame_parameters(out).content_size, input.size());
  EXPECT_TRUE(zstdpp_test::same_bytes(decode_all(out), input));
}

TEST(CompressionWriter, NoContentSizeWhenUnknown) {
  ZstdCompressor c;
  Bytes out;
  zstdpp::VectorWriter sink(out);
  {
    auto w = c.stream_writer(sink);
    w.write(zstdpp::as_bytes("hello hello hello"));
  }  // the destructor closes
  EXPECT_EQ(zstdpp::get_frame_parameters(out).content_size, zstdpp::CONTENTSIZE_UNKNOWN);
  EXPECT_EQ(zstdpp::as_chars(decode_all(out)), "hello hello hello");
}

TEST(CompressionWriter, EmptyWriterMakesOneEmptyFrame) {
  ZstdCompressor c;
  Bytes out;
  zstdpp::VectorWriter sink(out);
  auto w = c.stream_writer(sink);
  EXPECT_EQ(w.write({}), 0u);
  w.close();
  // python-zstandard's test expects 9 bytes (libzstd's window byte differs: 0x00 there).
  ASSERT_EQ(out.size(), 9u);
  EXPECT_EQ(zstdpp::get_frame_parameters(out).content_size, zstdpp::CONTENTSIZE_UNKNOWN);
  EXPECT_TRUE(decode_all(out).empty());
}

TEST(CompressionWriter, OperationsAfterCloseAreWrongState) {
  ZstdCompressor c;
  Bytes out;
  zstdpp::VectorWriter sink(out);
  auto w = c.stream_writer(sink);
  w.close();
  w.close();  // idempotent
  zstdpp_test::expect_error([&] { w.write(zstdpp::as_bytes("x")); }, zstdpp::ErrorCode::kWrongState, {"closed"});
  zstdpp_test::expect_error([&] { w.flush(); }, zstdpp::ErrorCode::kWrongState, {"closed"});
}

TEST(CompressionWriter, FailingInnerWriterReachesCaller) {
  ZstdCompressor c;
  FailingWriter sink(1);
  auto w = c.stream_writer(sink, zstdpp::CONTENTSIZE_UNKNOWN, 16);
  const Bytes input = zstdpp_test::make_random_bytes(5000, 2);
  zstdpp_test::expect_error([&] { w.write(input); w.flush(); }, zstdpp::ErrorCode::kIo, {"disk full"});
  zstdpp_test::expect_error([&] { w.write(input); }, zstdpp::ErrorCode::kWrongState, {"earlier error"});
  w.close();
  EXPECT_EQ(sink.closes, 1);
  EXPECT_EQ(c.compress(input).empty(), false);  // the compressor is free again
}

}  // namespace

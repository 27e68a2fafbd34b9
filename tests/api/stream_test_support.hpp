// Helpers shared by the stream-object tests of both sides (stream_reader, stream_writer,
// read_to_iter, copy_stream, chunker, decompressobj, open, leases): frames made with zstdpp's own
// compressor, a source that hands out a few bytes per read (to drive every refill
// path), a writer that fails on demand, and a writer that counts its calls.
#pragma once

#include <gtest/gtest.h>

#include <cstddef>
#include <stdexcept>
#include <string>

#include <zstdpp/zstdpp.hpp>

#include "../interop/test_support.hpp"

namespace zstdpp_test {

using zstdpp::as_chars;

// One frame of `data` at `level`; `content_size` false leaves the size out of the header.
inline Bytes frame_of(ByteView data, int level = 3, bool content_size = true, bool checksum = true) {
  zstdpp::CompressorOptions o;
  o.level = level;
  o.write_content_size = content_size;
  o.write_checksum = checksum;
  zstdpp::ZstdCompressor c(o);
  if (content_size) return c.compress(data);
  // compressobj does not know the size, so the header has none.
  auto obj = c.compressobj();
  Bytes out = obj.compress(data);
  append(out, obj.flush());
  return out;
}

// The content of exactly one frame (bytes after it are an error), up to 16 MiB.
inline Bytes decode_one_frame(ByteView frame) {
  zstdpp::ZstdDecompressor d;
  return d.decompress(frame, {.max_output_size = 1 << 24, .allow_extra_data = false});
}

inline Bytes magicless_frame_of(ByteView data) {
  zstdpp::ZstdCompressionParameters p;
  p.format = zstdpp::FORMAT_ZSTD1_MAGICLESS;
  p.compression_level = 3;
  p.write_checksum = true;
  zstdpp::ZstdCompressor c(params_options(p));
  return c.compress(data);
}

inline zstdpp::ZstdDecompressor magicless_decompressor() {
  zstdpp::DecompressorOptions o;
  o.format = zstdpp::FORMAT_ZSTD1_MAGICLESS;
  return zstdpp::ZstdDecompressor(o);
}

// Hands out at most `piece` bytes per read; counts reads and whether it was closed.
class PieceReader final : public zstdpp::Reader {
 public:
  PieceReader(ByteView data, std::size_t piece) : data_(data), piece_(piece) {}
  std::size_t read(zstdpp::MutableByteView dst) override {
    ++reads;
    if (closed) throw zstdpp::ZstdError(zstdpp::ErrorCode::kWrongState, "PieceReader read after close");
    const std::size_t n = std::min({dst.size(), piece_, data_.size() - pos});
    std::copy_n(data_.data() + pos, n, dst.data());
    pos += n;
    return n;
  }
  void close() override { closed = true; }
  std::size_t pos = 0;
  std::size_t reads = 0;
  bool closed = false;

 private:
  ByteView data_;
  std::size_t piece_;
};

// Appends to `out`, records each write's size, and throws kIo once `fail_after` bytes
// have been taken (never, by default).
class RecordingWriter final : public zstdpp::Writer {
 public:
  explicit RecordingWriter(std::size_t fail_after = ~std::size_t{0}) : fail_after_(fail_after) {}
  std::size_t write(ByteView src) override {
    if (closed) throw zstdpp::ZstdError(zstdpp::ErrorCode::kWrongState, "RecordingWriter write after close");
    if (out.size() + src.size() > fail_after_) throw zstdpp::ZstdError(zstdpp::ErrorCode::kIo, "disk full (test)");
    writes.push_back(src.size());
    append(out, src);
    return src.size();
  }
  void flush() override { ++flushes; }
  void close() override { closed = true; }
  Bytes out;
  std::vector<std::size_t> writes;
  int flushes = 0;
  bool closed = false;

 private:
  std::size_t fail_after_;
};

// Runs `f` and expects a ZstdError with `code` whose message contains `words`.
template <typename F>
void expect_zstd_error(F&& f, zstdpp::ErrorCode code, const std::string& words) {
  try {
    f();
    ADD_FAILURE() << "no ZstdError; expected " << zstdpp::error_code_name(code) << " mentioning \"" << words << "\"";
  } catch (const zstdpp::ZstdError& e) {
    EXPECT_EQ(e.code(), code) << e.what();
    EXPECT_NE(std::string(e.what()).find(words), std::string::npos) << e.what();
  }
}

}  // namespace zstdpp_test

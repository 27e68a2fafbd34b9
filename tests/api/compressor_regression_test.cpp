// Regression tests for the compressor, each naming the bug it guards.
#include <zstdpp/zstdpp.hpp>

#include <gtest/gtest.h>

#include <random>

namespace {

using namespace zstdpp;

Bytes stream_frame(ZstdCompressor& c, const Bytes& data, std::uint64_t pledged) {
  c.reset_stream();
  c.set_pledged_input_size(pledged);
  Bytes out;
  InBuffer in{data};
  for (;;) {
    std::uint8_t buf[65536];
    OutBuffer ob{MutableByteView(buf, sizeof buf)};
    const std::size_t left = c.compress_stream(in, ob, StreamMode::FLUSH_FRAME);
    out.insert(out.end(), buf, buf + ob.pos);
    if (left == 0 && in.pos == in.src.size()) break;
  }
  return out;
}

// The window buffer was allocated once per compressor, sized for its first frame: a
// second streamed frame with a larger pledged size overflowed it (heap corruption in
// match_dfast). It is now sized, and a dictionary re-primed, at every frame start.
TEST(CompressorRegression, ReuseAcrossFramesOfGrowingPledgedSize) {
  std::mt19937 rng(1);
  Bytes random(300000), text(1000000);
  for (auto& b : random) b = static_cast<std::uint8_t>(rng());
  const char* s = "The quick brown fox jumps over the lazy dog; 0123456789 pack my box.\n";
  for (std::size_t i = 0; i < text.size(); ++i) text[i] = static_cast<std::uint8_t>(s[i % 70]);
  for (int level : {-3, 1, 3}) {
    ZstdCompressor c({.level = level});
    ZstdDecompressor d;
    EXPECT_EQ(d.decompress(stream_frame(c, random, random.size())), random) << "level " << level;
    EXPECT_EQ(d.decompress(stream_frame(c, text, text.size())), text) << "level " << level;
    EXPECT_EQ(d.decompress(stream_frame(c, random, CONTENTSIZE_UNKNOWN), {.max_output_size = random.size()}), random);
  }
}

// A dictionary was loaded into the window only for the compressor's first frame; later
// frames matched against stale history. Every frame must be identical and decodable.
TEST(CompressorRegression, DictionaryPrimedForEveryFrame) {
  Bytes dict_bytes(20000);
  for (std::size_t i = 0; i < dict_bytes.size(); ++i) dict_bytes[i] = static_cast<std::uint8_t>("abcdefghij"[i % 10] + i % 7);
  ZstdCompressionDict dict(dict_bytes, DICT_TYPE_RAWCONTENT);
  Bytes input(dict_bytes.begin() + 5000, dict_bytes.begin() + 9000);
  ZstdCompressor c({.level = 3, .dict_data = dict});
  const Bytes first = c.compress(input);
  EXPECT_EQ(c.compress(input), first);
  EXPECT_EQ(stream_frame(c, input, input.size()), first);
  ZstdDecompressor d({.dict_data = dict});
  EXPECT_EQ(d.decompress(first), input);
  EXPECT_LT(first.size(), 100u);  // the whole input is in the dictionary
}

// compressobj drains every call through a 16 KiB scratch buffer and calls compress_stream
// again while the buffer comes back full. When the frame's end (the last block and the
// checksum) filled it exactly, flush(COMPRESSOBJ_FLUSH_FINISH) called FLUSH_FRAME once
// more, after the frame had ended, which began a second frame: the result carried a whole
// empty frame (13 bytes: magic, header, empty last block, checksum) after the real one.
// Found by the level grid (level 21, 100000 random bytes given as 50940, 32683 + a block
// flush, 16377: the last raw block 3 + 16377 bytes, the checksum 4, together 16384); any
// level does it. Here the frame's last output is 16384 and 32768 bytes, with and without
// a checksum and a pledged size.
TEST(CompressorRegression, CompressobjFinishFillingItsScratchBufferMakesOneFrame) {
  std::mt19937 rng(2);
  Bytes random(200000);
  for (auto& b : random) b = static_cast<std::uint8_t>(rng());  // stored as raw blocks
  for (const bool checksum : {true, false}) {
    for (const bool pledged : {true, false}) {
      for (const std::size_t last_output : {std::size_t{16384}, std::size_t{32768}}) {
        const std::size_t tail = last_output - 3 - (checksum ? 4 : 0);  // one raw block, its header, the checksum
        const Bytes data(random.begin(), random.begin() + 100000);
        SCOPED_TRACE("checksum " + std::to_string(checksum) + ", pledged " + std::to_string(pledged) +
                     ", last output " + std::to_string(last_output));
        ZstdCompressor c({.level = 1, .write_checksum = checksum});
        auto obj = pledged ? c.compressobj(data.size()) : c.compressobj();
        Bytes frame = obj.compress(ByteView(data).first(data.size() - tail));
        const Bytes flushed = obj.flush(COMPRESSOBJ_FLUSH_BLOCK);
        frame.insert(frame.end(), flushed.begin(), flushed.end());
        const Bytes part = obj.compress(ByteView(data).last(tail));
        frame.insert(frame.end(), part.begin(), part.end());
        const Bytes end = obj.flush(COMPRESSOBJ_FLUSH_FINISH);
        frame.insert(frame.end(), end.begin(), end.end());
        EXPECT_EQ(frame_compressed_size(frame), frame.size()) << "bytes after the frame";
        ZstdDecompressor d;
        Bytes got;
        EXPECT_NO_THROW(got = d.decompress(frame, {.max_output_size = data.size(), .allow_extra_data = false}));
        EXPECT_EQ(got, data);
      }
    }
  }
}

}  // namespace

// ZstdDecompressionReader (ZstdDecompressor::stream_reader): python-zstandard's documented
// behaviours turned into C++ tests, plus the edges: read(0), 1-byte source reads, many
// frames both ways, skippable frames, forward seeks and the refused ones, magicless
// frames, dictionaries, truncated and corrupted input, frames from the zstd CLI.
#include <gtest/gtest.h>

#include <cstdio>

#include "stream_test_support.hpp"

namespace zstdpp_test {
namespace {

using zstdpp::ErrorCode;
using zstdpp::ZstdDecompressor;

Bytes text(std::size_t n, const char* name) { return make_english_text(n, seed_from(name)); }

// python: `with dctx.stream_reader(fh) as reader: while chunk := reader.read(16384): ...`
TEST(DecompressionReader, ReadsInChunksUntilEmpty) {
  const Bytes data = text(300000, "chunks");
  const Bytes frame = frame_of(data);
  ZstdDecompressor d;
  zstdpp::MemoryReader source(frame);
  auto reader = d.stream_reader(source);
  Bytes got;
  for (;;) {
    Bytes chunk = reader.read(16384);
    if (chunk.empty()) break;
    EXPECT_LE(chunk.size(), 16384u);
    append(got, chunk);
  }
  EXPECT_TRUE(same_bytes(got, data)) << describe_mismatch(got, data);
  EXPECT_EQ(reader.tell(), data.size());
}

TEST(DecompressionReader, ReadFillsRequestUnlessStreamEnds) {
  const Bytes data = text(200000, "fill");
  const Bytes frame = frame_of(data);
  ZstdDecompressor d;
  PieceReader source(frame, 7);  // many source reads per read() call
  auto reader = d.stream_reader(source, 64);
  EXPECT_EQ(reader.read(150000).size(), 150000u);
  EXPECT_EQ(reader.read(150000).size(), 50000u);
  EXPECT_TRUE(reader.read(10).empty());
}

TEST(DecompressionReader, ReadZeroIsEmptyAndReadsNothing) {
  const Bytes frame = frame_of(to_bytes("hello world"));
  ZstdDecompressor d;
  PieceReader source(frame, 1000);
  auto reader = d.stream_reader(source);
  EXPECT_TRUE(reader.read(0).empty());
  EXPECT_EQ(source.reads, 0u);
  std::uint8_t none = 0;
  EXPECT_EQ(reader.readinto(zstdpp::MutableByteView(&none, 0)), 0u);
  EXPECT_EQ(reader.tell(), 0u);
  EXPECT_EQ(as_chars(reader.readall()), "hello world");
}

TEST(DecompressionReader, ReadAllAndReadMinusOne) {
  const Bytes data = text(400000, "readall");
  const Bytes frame = frame_of(data, 1, /*content_size=*/false);
  ZstdDecompressor d;
  {
    auto reader = d.stream_reader(ByteView(frame));
    EXPECT_TRUE(same_bytes(reader.readall(), data));
  }
  auto reader = d.stream_reader(ByteView(frame));
  EXPECT_TRUE(same_bytes(reader.read(), data));
  EXPECT_TRUE(reader.read().empty());
}

TEST(DecompressionReader, OneByteSourceReads) {
  const Bytes data = text(50000, "onebyte");
  const Bytes frame = frame_of(data, 5);
  ZstdDecompressor d;
  PieceReader source(frame, 1);
  auto reader = d.stream_reader(source, 1);
  Bytes got;
  for (Bytes c; !(c = reader.read(333)).empty();) append(got, c);
  EXPECT_TRUE(same_bytes(got, data)) << describe_mismatch(got, data);
}

TEST(DecompressionReader, Read1ReadsTheSourceAtMostOnce) {
  const Bytes data = text(300000, "read1");
  const Bytes frame = frame_of(data);
  ZstdDecompressor d;
  PieceReader source(frame, 1 << 30);
  auto reader = d.stream_reader(source, 1000);
  Bytes got;
  for (;;) {
    const std::size_t before = source.reads;
    Bytes c = reader.read1(1 << 20);
    EXPECT_LE(source.reads - before, 1u);
    if (c.empty()) {
      if (reader.eof()) break;
      continue;  // a read that gave only part of a block: eof() says it is not the end
    }
    EXPECT_FALSE(reader.eof() && source.pos < frame.size());
    append(got, c);
  }
  EXPECT_EQ(source.pos, frame.size());
  EXPECT_TRUE(same_bytes(got, data)) << describe_mismatch(got, data);
}

TEST(DecompressionReader, Readinto1AndReadinto) {
  const Bytes data = text(300000, "readinto");
  const Bytes frame = frame_of(data);
  ZstdDecompressor d;
  PieceReader source(frame, 4096);
  auto reader = d.stream_reader(source, 4096);
  Bytes buf(70000);
  // readinto1 reads the source once per call: 4 KiB of input completes at most a block.
  Bytes got;
  std::size_t calls = 0;
  while (got.empty()) {
    const std::size_t before = source.reads;
    const std::size_t n = reader.readinto1(buf);
    EXPECT_EQ(source.reads - before, 1u);
    ++calls;
    got.insert(got.end(), buf.begin(), buf.begin() + static_cast<std::ptrdiff_t>(n));
  }
  EXPECT_GT(calls, 1u);  // a compressed block of this text is larger than one 4 KiB read
  // readinto fills the buffer whole while the stream lasts.
  const std::size_t second = reader.readinto(buf);
  EXPECT_EQ(second, buf.size());
  got.insert(got.end(), buf.begin(), buf.end());
  append(got, reader.readall());
  EXPECT_TRUE(same_bytes(got, data)) << describe_mismatch(got, data);
}

TEST(DecompressionReader, IsAReaderThatComposes) {
  // A decompressing reader over a decompressing reader: the inner one yields a frame.
  const Bytes data = text(80000, "compose");
  const Bytes inner = frame_of(data);
  const Bytes outer = frame_of(inner);
  ZstdDecompressor d1, d2;
  auto first = d1.stream_reader(ByteView(outer));
  auto second = d2.stream_reader(first, 1000);
  zstdpp::Reader& as_reader = second;
  Bytes got(data.size() + 10);
  std::size_t n = 0;
  while (std::size_t k = as_reader.read(zstdpp::MutableByteView(got.data() + n, got.size() - n))) n += k;
  got.resize(n);
  EXPECT_TRUE(same_bytes(got, data));
}

// --- Frames -----------------------------------------------------------------------------

Bytes three_frames(const Bytes& a, const Bytes& b, const Bytes& c, bool skippable_between) {
  Bytes all = frame_of(a);
  if (skippable_between) append(all, make_skippable_frame(3, to_bytes("skip me")));
  append(all, frame_of(b, 1, false));
  if (skippable_between) append(all, make_skippable_frame(0, {}));
  append(all, frame_of(c, 9));
  return all;
}

TEST(DecompressionReader, StopsAtFirstFrameByDefault) {
  const Bytes a = text(150000, "fa"), b = text(1000, "fb"), c = text(5, "fc");
  const Bytes all = three_frames(a, b, c, false);
  ZstdDecompressor d;
  PieceReader source(all, 1 << 30);
  auto reader = d.stream_reader(source, 100000);
  EXPECT_TRUE(same_bytes(reader.readall(), a));
  EXPECT_TRUE(reader.read(100).empty());
  // The decompressor is free again once the stream ended.
  EXPECT_TRUE(same_bytes(d.decompress(frame_of(b)), b));
}

TEST(DecompressionReader, ReadAcrossFramesDecodesEveryFrame) {
  const Bytes a = text(150000, "fa"), b = text(1000, "fb"), c = text(5, "fc");
  for (bool skippable : {false, true}) {
    for (std::size_t piece : {std::size_t{1}, std::size_t{13}, std::size_t{1} << 20}) {
      const Bytes all = three_frames(a, b, c, skippable);
      ZstdDecompressor d;
      PieceReader source(all, piece);
      auto reader = d.stream_reader(source, piece, /*read_across_frames=*/true);
      Bytes want = a;
      append(want, b);
      append(want, c);
      Bytes got;
      for (Bytes k; !(k = reader.read(piece * 3 + 1)).empty();) append(got, k);
      EXPECT_TRUE(same_bytes(got, want)) << "skippable " << skippable << " piece " << piece << ": "
                                         << describe_mismatch(got, want);
    }
  }
}

TEST(DecompressionReader, EmptySourceIsAnEmptyStream) {
  ZstdDecompressor d;
  zstdpp::MemoryReader empty(ByteView{});
  auto reader = d.stream_reader(empty);
  EXPECT_TRUE(reader.readall().empty());
}

TEST(DecompressionReader, EmptyFrame) {
  const Bytes frame = frame_of(ByteView{});
  ZstdDecompressor d;
  auto reader = d.stream_reader(ByteView(frame));
  EXPECT_TRUE(reader.read(100).empty());
}

TEST(DecompressionReader, MagiclessFrames) {
  const Bytes data = text(70000, "magicless");
  const Bytes frame = magicless_frame_of(data);
  ASSERT_NE(frame[0], 0x28);  // no magic number
  ZstdDecompressor d = magicless_decompressor();
  PieceReader source(frame, 3);
  auto reader = d.stream_reader(source, 5);
  EXPECT_TRUE(same_bytes(reader.readall(), data));
  // A standard decompressor refuses the same bytes.
  ZstdDecompressor standard;
  auto refused = standard.stream_reader(ByteView(frame));
  EXPECT_THROW(refused.readall(), zstdpp::ZstdError);
}

TEST(DecompressionReader, Dictionary) {
  const Bytes dict_content = text(8000, "dict");
  zstdpp::ZstdCompressionDict dict(dict_content);
  Bytes data(dict_content.begin() + 1000, dict_content.begin() + 5000);
  zstdpp::CompressorOptions co;
  co.dict_data = dict;
  const Bytes frame = zstdpp::ZstdCompressor(co).compress(data);
  zstdpp::DecompressorOptions o;
  o.dict_data = dict;
  ZstdDecompressor d(o);
  auto reader = d.stream_reader(ByteView(frame));
  EXPECT_TRUE(same_bytes(reader.readall(), data));
}

// --- Errors -----------------------------------------------------------------------------

TEST(DecompressionReader, TruncatedFrameIsAnError) {
  const Bytes data = text(100000, "trunc");
  const Bytes frame = frame_of(data);
  for (std::size_t cut : {std::size_t{3}, std::size_t{10}, frame.size() / 2, frame.size() - 1}) {
    const Bytes part(frame.begin(), frame.begin() + static_cast<std::ptrdiff_t>(cut));
    ZstdDecompressor d;
    PieceReader source(part, 100);
    auto reader = d.stream_reader(source);
    expect_zstd_error([&] { (void)reader.readall(); }, ErrorCode::kTruncatedInput, "truncated");
    // The stream cannot continue after a failure, and says so.
    expect_zstd_error([&] { (void)reader.read(1); }, ErrorCode::kWrongState, "earlier read failed");
  }
}

TEST(DecompressionReader, CorruptedInputIsAClearError) {
  const Bytes data = text(100000, "corrupt");
  Bytes frame = frame_of(data);
  frame[frame.size() / 2] ^= 0x55;
  ZstdDecompressor d;
  auto reader = d.stream_reader(ByteView(frame));
  EXPECT_THROW((void)reader.readall(), zstdpp::ZstdError);
  // The decompressor is usable again afterwards.
  const Bytes ok = frame_of(to_bytes("fine"));
  EXPECT_EQ(as_chars(d.decompress(ok)), "fine");
}

TEST(DecompressionReader, NotAFrame) {
  ZstdDecompressor d;
  const Bytes junk = to_bytes("this is not zstd");
  auto reader = d.stream_reader(ByteView(junk));
  try {
    (void)reader.read(10);
    ADD_FAILURE() << "no error";
  } catch (const zstdpp::ZstdError& e) {
    EXPECT_EQ(e.code(), ErrorCode::kUnknownMagic) << e.what();
  }
}

TEST(DecompressionReader, ZeroReadSizeRefused) {
  ZstdDecompressor d;
  zstdpp::MemoryReader empty(ByteView{});
  expect_zstd_error([&] { (void)d.stream_reader(empty, 0); }, ErrorCode::kParameterOutOfBounds, "read_size");
}

// --- Seeking ----------------------------------------------------------------------------

TEST(DecompressionReader, SeekForwardSetAndCur) {
  const Bytes data = text(300000, "seek");
  const Bytes frame = frame_of(data);
  ZstdDecompressor d;
  PieceReader source(frame, 999);
  auto reader = d.stream_reader(source, 999);
  EXPECT_EQ(reader.seek(1000), 1000u);
  EXPECT_EQ(reader.tell(), 1000u);
  Bytes got = reader.read(10);
  EXPECT_TRUE(same_bytes(got, ByteView(data).subspan(1000, 10)));
  EXPECT_EQ(reader.seek(1010, SEEK_SET), 1010u);  // to where it is: a no-op
  EXPECT_EQ(reader.seek(0, SEEK_CUR), 1010u);
  EXPECT_EQ(reader.seek(200000, SEEK_CUR), 201010u);
  got = reader.read(5);
  EXPECT_TRUE(same_bytes(got, ByteView(data).subspan(201010, 5)));
  // Past the end stops at the end.
  EXPECT_EQ(reader.seek(10'000'000, SEEK_SET), data.size());
  EXPECT_TRUE(reader.read(1).empty());
}

TEST(DecompressionReader, RefusedSeeks) {
  const Bytes data = text(10000, "refused");
  const Bytes frame = frame_of(data);
  ZstdDecompressor d;
  auto reader = d.stream_reader(ByteView(frame));
  (void)reader.read(100);
  expect_zstd_error([&] { reader.seek(50, SEEK_SET); }, ErrorCode::kWrongState, "backwards");
  expect_zstd_error([&] { reader.seek(-1, SEEK_CUR); }, ErrorCode::kWrongState, "backwards");
  expect_zstd_error([&] { reader.seek(0, SEEK_END); }, ErrorCode::kWrongState, "SEEK_END");
  expect_zstd_error([&] { reader.seek(0, 42); }, ErrorCode::kParameterOutOfBounds, "whence");
  // The refusals changed nothing.
  EXPECT_EQ(reader.tell(), 100u);
  EXPECT_TRUE(same_bytes(reader.read(10), ByteView(data).subspan(100, 10)));
}

TEST(DecompressionReader, ReadableNotWritableNotSeekable) {
  ZstdDecompressor d;
  const Bytes frame = frame_of(to_bytes("x"));
  auto reader = d.stream_reader(ByteView(frame));
  EXPECT_TRUE(reader.readable());
  EXPECT_FALSE(reader.writable());
  EXPECT_FALSE(reader.seekable());
}

// --- Closing ----------------------------------------------------------------------------

TEST(DecompressionReader, CloseClosesSourceWithClosefd) {
  const Bytes frame = frame_of(to_bytes("abc"));
  ZstdDecompressor d;
  {
    PieceReader source(frame, 10);
    auto reader = d.stream_reader(source);
    EXPECT_FALSE(reader.closed());
    reader.close();
    EXPECT_TRUE(reader.closed());
    EXPECT_TRUE(source.closed);
    reader.close();  // idempotent
    expect_zstd_error([&] { (void)reader.read(1); }, ErrorCode::kWrongState, "closed");
    expect_zstd_error([&] { reader.seek(1, SEEK_CUR); }, ErrorCode::kWrongState, "closed");
  }
  {
    PieceReader source(frame, 10);
    auto reader = d.stream_reader(source, 100, false, /*closefd=*/false);
    reader.close();
    EXPECT_FALSE(source.closed);
  }
}

TEST(DecompressionReader, DestructionClosesLikeAWithBlock) {
  const Bytes frame = frame_of(to_bytes("abc"));
  ZstdDecompressor d;
  PieceReader source(frame, 10);
  {
    auto reader = d.stream_reader(source);
    (void)reader.read(1);
  }
  EXPECT_TRUE(source.closed);
  // Closed mid-frame: the decompressor starts clean.
  EXPECT_EQ(as_chars(d.decompress(frame)), "abc");
}

TEST(DecompressionReader, MovedReaderKeepsWorking) {
  const Bytes data = text(50000, "moved");
  const Bytes frame = frame_of(data);
  ZstdDecompressor d;
  PieceReader source(frame, 100);
  auto a = d.stream_reader(source, 100);
  Bytes got = a.read(1000);
  zstdpp::ZstdDecompressionReader b(std::move(a));
  append(got, b.readall());
  EXPECT_TRUE(same_bytes(got, data));
  EXPECT_FALSE(source.closed);  // the moved-from object closed nothing
}

// --- The zstd CLI -----------------------------------------------------------------------

TEST(DecompressionReader, FramesFromTheZstdCli) {
  if (!zstd_cli_path()) GTEST_SKIP() << "zstd CLI not found";
  TempDir dir;
  const Bytes data = text(500000, "cli");
  for (const char* args : {"-1", "-19 --check", "--no-check -3"}) {
    for (bool via_stdin : {false, true}) {  // stdin: no content size in the header
      const Bytes frame = zstd_compress(dir, data, args, via_stdin);
      ZstdDecompressor d;
      PieceReader source(frame, 4093);
      auto reader = d.stream_reader(source, 4093);
      Bytes got;
      for (Bytes k; !(k = reader.read(10007)).empty();) append(got, k);
      EXPECT_TRUE(same_bytes(got, data)) << args << ": " << describe_mismatch(got, data);
    }
  }
}

}  // namespace
}  // namespace zstdpp_test

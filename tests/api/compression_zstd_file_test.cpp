// compression.zstd's ZstdFile, ZstdTextFile, open() and open_text()
// (include/zstdpp/compression/zstd_file.hpp): Python 3.14's documented behaviour of each
// mode and method, the read-ahead buffer shared by read / peek / readline / seek, emulated
// seeking (forward by discarding, backward by decoding again, refused over a borrowed
// Reader), flush modes checked against the bytes on disk, and interop with the `zstd` CLI.
#include <zstdpp/compression/zstd_file.hpp>

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "../interop/test_support.hpp"

namespace zstd = zstdpp::compression::zstd;
using zstdpp::Bytes;
using zstdpp::ByteView;
using zstdpp::ErrorCode;
using zstdpp_test::append;
using zstdpp_test::read_file;
using zstdpp_test::same_bytes;
using zstdpp_test::TempDir;
using zstdpp_test::to_bytes;
using zstdpp_test::write_file;

namespace {

Bytes text(std::size_t n, std::uint32_t seed = 1) { return zstdpp_test::make_english_text(n, seed); }

// Many lines of varied length (some empty), the last without a '\n'.
Bytes lines_text(std::size_t count, std::uint32_t seed = 7) {
  std::mt19937 rng(seed);
  std::string s;
  for (std::size_t i = 0; i < count; ++i) {
    const std::size_t len = rng() % 5 == 0 ? 0 : rng() % 300;
    for (std::size_t j = 0; j < len; ++j) s += static_cast<char>('a' + (i + j) % 26);
    s += '#';
    s += std::to_string(i);
    if (i + 1 < count) s += '\n';
  }
  return to_bytes(s);
}

std::vector<Bytes> split_lines(ByteView data) {
  std::vector<Bytes> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i < data.size(); ++i) {
    if (data[i] == '\n') {
      out.emplace_back(data.begin() + static_cast<std::ptrdiff_t>(start), data.begin() + static_cast<std::ptrdiff_t>(i + 1));
      start = i + 1;
    }
  }
  if (start < data.size()) out.emplace_back(data.begin() + static_cast<std::ptrdiff_t>(start), data.end());
  return out;
}

void write_zst(const std::filesystem::path& p, ByteView content, std::string_view mode = "w") {
  zstd::ZstdFile f(p, mode);
  f.write(content);
  f.close();
}

Bytes read_zst(const std::filesystem::path& p) {
  zstd::ZstdFile f(p);
  return f.read();
}

// Decodes what a decompressobj can produce from the bytes so far (no frame end needed).
Bytes decodable_so_far(ByteView data) {
  zstdpp::ZstdDecompressor d;
  auto obj = d.decompressobj();
  return obj.decompress(data);
}

std::string as_string(ByteView b) { return std::string(b.begin(), b.end()); }

}  // namespace

// --- Modes and round trips -------------------------------------------------------------------

TEST(ZstdFileModes, RoundTripViaPathEveryMode) {
  TempDir dir;
  const Bytes data = text(300000);
  for (const char* mode : {"w", "wb", "x", "xb", "a", "ab"}) {
    SCOPED_TRACE(mode);
    const auto p = dir.file(std::string("rt-") + mode + ".zst");
    {
      zstd::ZstdFile f(p, mode);
      EXPECT_EQ(f.mode(), "wb");
      EXPECT_TRUE(f.writable());
      EXPECT_FALSE(f.readable());
      EXPECT_FALSE(f.seekable());
      EXPECT_EQ(f.name(), p);
      EXPECT_EQ(f.write(data), data.size());
      EXPECT_EQ(f.tell(), data.size());
      f.close();
      EXPECT_TRUE(f.closed());
    }
    EXPECT_TRUE(same_bytes(zstd::decompress(read_file(p)), data));
    for (const char* rmode : {"r", "rb"}) {
      zstd::ZstdFile r(p, rmode);
      EXPECT_EQ(r.mode(), "rb");
      EXPECT_TRUE(r.readable());
      EXPECT_TRUE(r.seekable());
      const Bytes back = r.read();
      EXPECT_TRUE(same_bytes(back, data)) << zstdpp_test::describe_mismatch(back, data);
      EXPECT_TRUE(r.read().empty());
    }
  }
}

TEST(ZstdFileModes, ExclusiveFailsOnExistingFileNamingPath) {
  TempDir dir;
  const auto p = dir.file("exists.zst");
  write_zst(p, to_bytes("first"));
  const std::string message = zstdpp_test::expect_error([&] { zstd::ZstdFile f(p, "x"); }, ErrorCode::kIo, {"exists"});
  EXPECT_NE(message.find(p.string()), std::string::npos) << message;
  EXPECT_EQ(as_string(read_zst(p)), "first");  // untouched
}

TEST(ZstdFileModes, AppendWritesSecondFrameAndReadingGivesBoth) {
  TempDir dir;
  const auto p = dir.file("log.zst");
  const Bytes a = text(50000, 1), b = text(70000, 2);
  write_zst(p, a, "w");
  const std::size_t first_size = read_file(p).size();
  write_zst(p, b, "a");
  const Bytes on_disk = read_file(p);
  EXPECT_EQ(zstd::get_frame_size(on_disk), first_size);  // two frames
  Bytes want = a;
  append(want, b);
  EXPECT_TRUE(same_bytes(read_zst(p), want));
}

TEST(ZstdFileModes, DestructorEndsTheFrameAndNothingWrittenIsAnEmptyFile) {
  TempDir dir;
  const auto p = dir.file("dtor.zst"), e = dir.file("empty.zst");
  const Bytes data = text(10000);
  {
    zstd::ZstdFile f(p, "wb", 19);
    f.write(data);
    zstd::ZstdFile g(e, "w");
  }
  EXPECT_TRUE(same_bytes(zstd::decompress(read_file(p)), data));
  EXPECT_TRUE(read_file(e).empty());  // as Python: no frame at all
  zstd::ZstdFile r(e);
  EXPECT_TRUE(r.read().empty());
  EXPECT_TRUE(r.peek().empty());
  EXPECT_TRUE(r.readline().empty());
}

TEST(ZstdFileModes, BorrowedReaderAndWriterAreNotClosed) {
  Bytes sink;
  zstdpp::VectorWriter w(sink);
  const Bytes data = text(20000);
  {
    zstd::ZstdFile f(w);  // default mode "w" for a Writer
    EXPECT_EQ(f.name(), std::nullopt);
    f.write(data);
  }
  w.write(to_bytes(""));  // still usable: not closed by the file
  EXPECT_TRUE(same_bytes(zstd::decompress(sink), data));
  zstdpp::MemoryReader r(sink);
  zstd::ZstdFile f(r);
  EXPECT_FALSE(f.seekable());
  EXPECT_TRUE(same_bytes(f.read(), data));
  f.close();
  Bytes one(1);
  EXPECT_EQ(r.read(one), 0u);  // at its end, but not closed (a closed one would throw)
}

TEST(ZstdFileModes, OptionsAndDictionaryApply) {
  TempDir dir;
  const auto p = dir.file("opts.zst");
  const Bytes dict_content = text(4000, 9);
  const zstd::ZstdDict dict(dict_content, /*is_raw=*/true);
  const Bytes data = text(30000, 9);
  {
    zstd::ZstdFile f(p, "w", std::nullopt,
                     zstd::CompressionOptions{{zstd::CompressionParameter::checksum_flag, 1},
                                              {zstd::CompressionParameter::compression_level, 5}},
                     dict);
    f.write(data);
  }
  EXPECT_TRUE(same_bytes(zstd::decompress(read_file(p), dict), data));
  zstd::ZstdFile r(p, "r", std::nullopt, zstd::DecompressionOptions{{zstd::DecompressionParameter::window_log_max, 27}},
                   dict);
  EXPECT_TRUE(same_bytes(r.read(), data));
}

TEST(ZstdFileModes, MovedFileKeepsWorking) {
  TempDir dir;
  const auto p = dir.file("move.zst");
  zstd::ZstdFile a(p, "w");
  a.write(to_bytes("hello "));
  zstd::ZstdFile b(std::move(a));
  b.write(to_bytes("world"));
  ZSTDPP_EXPECT_ERROR(a.write(to_bytes("x")), ErrorCode::kWrongState, "moved");
  b.close();
  EXPECT_EQ(as_string(read_zst(p)), "hello world");
}

// --- Reading -------------------------------------------------------------------------------

TEST(ZstdFileRead, ReadSizes) {
  TempDir dir;
  const auto p = dir.file("r.zst");
  const Bytes data = text(400000);
  write_zst(p, data);
  zstd::ZstdFile f(p);
  EXPECT_TRUE(f.read(0).empty());
  Bytes got = f.read(10);
  EXPECT_EQ(got.size(), 10u);
  const Bytes big = f.read(300000);  // larger than the buffer: decoded straight in
  EXPECT_EQ(big.size(), 300000u);
  append(got, big);
  EXPECT_EQ(f.tell(), 300010u);
  append(got, f.read(-1));
  EXPECT_TRUE(same_bytes(got, data));
  EXPECT_TRUE(f.read(5).empty());
  EXPECT_TRUE(f.read().empty());
  EXPECT_EQ(f.tell(), data.size());
  f.seek(data.size() - 3);
  EXPECT_EQ(f.read(std::ptrdiff_t{1} << 40).size(), 3u);  // a huge size costs no huge buffer
}

TEST(ZstdFileRead, Read1GivesSomethingUntilTheEnd) {
  TempDir dir;
  const auto p = dir.file("r1.zst");
  // Incompressible data: reads of the source that complete no block happen.
  const Bytes data = zstdpp_test::make_random_bytes(500000, 3);
  write_zst(p, data);
  zstd::ZstdFile f(p);
  EXPECT_TRUE(f.read1(0).empty());
  EXPECT_LE(f.read1(5).size(), 5u);
  f.seek(0);
  Bytes got;
  for (;;) {
    Bytes part = f.read1();
    if (part.empty()) break;
    EXPECT_LE(part.size(), zstdpp::DECOMPRESSION_RECOMMENDED_OUTPUT_SIZE);
    append(got, part);
  }
  EXPECT_TRUE(same_bytes(got, data));
}

TEST(ZstdFileRead, ReadintoSmallAndLarge) {
  TempDir dir;
  const auto p = dir.file("ri.zst");
  const Bytes data = text(600000);
  write_zst(p, data);
  zstd::ZstdFile f(p);
  Bytes got;
  for (std::size_t size : {1u, 7u, 1000u, 200000u, 50u, 400000u}) {
    Bytes buf(size);
    const std::size_t n = f.readinto(buf);
    buf.resize(n);
    append(got, buf);
  }
  EXPECT_TRUE(same_bytes(got, data)) << zstdpp_test::describe_mismatch(got, data);
  Bytes buf(10);
  EXPECT_EQ(f.readinto(buf), 0u);
  EXPECT_EQ(f.readinto1(buf), 0u);
}

TEST(ZstdFileRead, ReadlineOverManyLinesMatchesSplitting) {
  TempDir dir;
  const auto p = dir.file("lines.zst");
  const Bytes data = lines_text(5000);
  write_zst(p, data);
  const std::vector<Bytes> want = split_lines(data);
  zstd::ZstdFile f(p);
  std::vector<Bytes> got;
  for (Bytes line = f.readline(); !line.empty(); line = f.readline()) got.push_back(std::move(line));
  ASSERT_EQ(got.size(), want.size());
  for (std::size_t i = 0; i < want.size(); ++i) ASSERT_TRUE(same_bytes(got[i], want[i])) << "line " << i;
  EXPECT_TRUE(f.readline().empty());
}

TEST(ZstdFileRead, ReadlineSizeLimits) {
  TempDir dir;
  const auto p = dir.file("limit.zst");
  write_zst(p, to_bytes("abcdef\nxy\n\nlast"));
  zstd::ZstdFile f(p);
  EXPECT_TRUE(f.readline(0).empty());
  EXPECT_EQ(as_string(f.readline(4)), "abcd");
  EXPECT_EQ(as_string(f.readline(3)), "ef\n");  // the newline ends it before the limit
  EXPECT_EQ(as_string(f.readline(100)), "xy\n");
  EXPECT_EQ(as_string(f.readline()), "\n");
  EXPECT_EQ(as_string(f.readline(2)), "la");
  EXPECT_EQ(as_string(f.readline()), "st");
  EXPECT_TRUE(f.readline().empty());
}

TEST(ZstdFileRead, PeekDoesNotConsume) {
  TempDir dir;
  const auto p = dir.file("peek.zst");
  const Bytes data = text(200000);
  write_zst(p, data);
  zstd::ZstdFile f(p);
  const Bytes a = f.peek();
  ASSERT_FALSE(a.empty());
  EXPECT_TRUE(same_bytes(a, ByteView(data).first(a.size())));
  const Bytes b = f.peek(1);
  EXPECT_TRUE(same_bytes(a, b));
  EXPECT_EQ(f.tell(), 0u);
  EXPECT_TRUE(same_bytes(f.read(), data));
  EXPECT_TRUE(f.peek().empty());  // at the end
}

TEST(ZstdFileRead, PeekReadlineAndReadInterleave) {
  TempDir dir;
  const auto p = dir.file("mix.zst");
  const Bytes data = lines_text(20000, 11);
  write_zst(p, data);
  zstd::ZstdFile f(p);
  std::mt19937 rng(5);
  Bytes got;
  for (;;) {
    const unsigned op = rng() % 5;
    Bytes part;
    if (op == 0) {
      const Bytes peeked = f.peek();
      ASSERT_TRUE(same_bytes(peeked, ByteView(data).subspan(got.size(), peeked.size())));
      continue;
    }
    if (op == 1) part = f.readline();
    if (op == 2) part = f.read(rng() % 3000);
    if (op == 3) part = f.read1(static_cast<std::ptrdiff_t>(rng() % 5000));
    if (op == 4) part = f.readline(static_cast<std::ptrdiff_t>(rng() % 100));
    append(got, part);
    ASSERT_EQ(f.tell(), got.size());
    if (got.size() == data.size()) break;
  }
  EXPECT_TRUE(same_bytes(got, data));
}

TEST(ZstdFileRead, ReadsEveryFrameAndSkippableFrames) {
  Bytes file = zstd::compress(to_bytes("one "));
  append(file, zstdpp_test::make_skippable_frame(3, to_bytes("ignored payload")));
  append(file, zstd::compress(to_bytes("two")));
  zstdpp::MemoryReader r(file);
  zstd::ZstdFile f(r);
  EXPECT_EQ(as_string(f.read()), "one two");
}

TEST(ZstdFileRead, ReadlineLongerThanTheBuffer) {
  TempDir dir;
  const auto p = dir.file("long.zst");
  Bytes data(400000, 'q');  // one line of three buffers' worth, then a short one
  data.push_back('\n');
  append(data, to_bytes("tail\n"));
  write_zst(p, data);
  zstd::ZstdFile f(p);
  const Bytes first = f.readline();
  EXPECT_EQ(first.size(), 400001u);
  EXPECT_EQ(first.back(), '\n');
  EXPECT_EQ(as_string(f.readline()), "tail\n");
  EXPECT_TRUE(f.readline().empty());
}

TEST(ZstdFileRead, TruncatedOrTrailingGarbageIsAnError) {
  Bytes cut = zstd::compress(text(100000));
  cut.resize(cut.size() - 10);
  zstdpp::MemoryReader r1(cut);
  zstd::ZstdFile f1(r1);
  ZSTDPP_EXPECT_ERROR(f1.read(), ErrorCode::kTruncatedInput, "truncated");
  Bytes garbage = zstd::compress(to_bytes("content"));
  append(garbage, to_bytes("not a zstd frame at all"));
  zstdpp::MemoryReader r2(garbage);
  zstd::ZstdFile f2(r2);
  EXPECT_THROW(f2.read(), zstdpp::ZstdError);
}

TEST(ZstdFileRead, PrefixDictionaryRoundTripsOverTwoFrames) {
  TempDir dir;
  const auto p = dir.file("prefix.zst");
  const zstd::ZstdDict prefix(text(8000, 21), /*is_raw=*/true);
  const Bytes a = text(8000, 21), b = text(9000, 22);
  {
    zstd::ZstdFile f(p, "w", std::nullopt, std::nullopt, prefix.as_prefix());
    f.write(a);
    f.flush(zstd::ZstdFile::FLUSH_FRAME);  // the prefix was for this frame only
    f.write(b);
  }
  zstd::ZstdFile r(p, "r", std::nullopt, std::nullopt, prefix.as_prefix());
  Bytes want = a;
  append(want, b);
  EXPECT_TRUE(same_bytes(r.read(), want));
}

// --- Seeking -------------------------------------------------------------------------------

TEST(ZstdFileSeek, ForwardBackwardCurEndAndTell) {
  TempDir dir;
  const auto p = dir.file("seek.zst");
  const Bytes data = text(700000);
  write_zst(p, data);
  zstd::ZstdFile f(p);
  auto at = [&](std::size_t pos, std::size_t n) { return Bytes(data.begin() + pos, data.begin() + pos + n); };
  EXPECT_EQ(f.seek(1000), 1000u);  // forward
  EXPECT_EQ(f.tell(), 1000u);
  EXPECT_TRUE(same_bytes(f.read(10), at(1000, 10)));
  EXPECT_EQ(f.seek(500000), 500000u);  // far forward
  EXPECT_TRUE(same_bytes(f.read(10), at(500000, 10)));
  EXPECT_EQ(f.seek(20), 20u);  // backward: decodes again from the start
  EXPECT_TRUE(same_bytes(f.read(10), at(20, 10)));
  EXPECT_EQ(f.seek(-5, SEEK_CUR), 25u);  // back inside the buffer
  EXPECT_TRUE(same_bytes(f.read(10), at(25, 10)));
  EXPECT_EQ(f.seek(100, SEEK_CUR), 135u);
  EXPECT_TRUE(same_bytes(f.read(5), at(135, 5)));
  EXPECT_EQ(f.seek(0, SEEK_END), data.size());  // the size
  EXPECT_TRUE(f.read().empty());
  EXPECT_EQ(f.seek(-10, SEEK_END), data.size() - 10);
  EXPECT_TRUE(same_bytes(f.read(), at(data.size() - 10, 10)));
  EXPECT_EQ(f.seek(data.size() + 100), data.size());  // past the end: the end
  EXPECT_EQ(f.seek(-50), 0u);                         // before the start: the start
  EXPECT_TRUE(same_bytes(f.read(3), at(0, 3)));
  ZSTDPP_EXPECT_ERROR(f.seek(0, 7), ErrorCode::kParameterOutOfBounds, "whence");
}

TEST(ZstdFileSeek, BorrowedReaderGoesForwardOnly) {
  const Bytes data = text(300000);
  const Bytes frame = zstd::compress(data);
  zstdpp::MemoryReader r(frame);
  zstd::ZstdFile f(r);
  EXPECT_FALSE(f.seekable());
  EXPECT_EQ(f.seek(100), 100u);
  EXPECT_TRUE(same_bytes(f.read(5), ByteView(data).subspan(100, 5)));
  ZSTDPP_EXPECT_ERROR(f.seek(10), ErrorCode::kWrongState, "borrowed");
  ZSTDPP_EXPECT_ERROR(f.seek(-1, SEEK_CUR), ErrorCode::kWrongState, "borrowed");
  ZSTDPP_EXPECT_ERROR(f.seek(-1, SEEK_END), ErrorCode::kWrongState, "borrowed");
  EXPECT_EQ(f.tell(), 105u);  // the refusals changed nothing
  EXPECT_EQ(f.seek(0, SEEK_END), data.size());
}

// --- Writing -------------------------------------------------------------------------------

TEST(ZstdFileWrite, FlushBlockMakesTheFileDecodableSoFar) {
  TempDir dir;
  const auto p = dir.file("flush.zst");
  zstd::ZstdFile f(p, "w");
  const Bytes a = text(5000, 1), b = text(7000, 2);
  f.write(a);
  f.flush();  // FLUSH_BLOCK
  EXPECT_TRUE(same_bytes(decodable_so_far(read_file(p)), a));
  f.write(b);
  f.flush(zstd::ZstdFile::FLUSH_BLOCK);
  Bytes want = a;
  append(want, b);
  EXPECT_TRUE(same_bytes(decodable_so_far(read_file(p)), want));
  const std::size_t before = read_file(p).size();
  f.flush(zstd::ZstdFile::FLUSH_BLOCK);  // the same mode again: nothing
  EXPECT_EQ(read_file(p).size(), before);
  f.close();
  EXPECT_TRUE(same_bytes(zstd::decompress(read_file(p)), want));
}

TEST(ZstdFileWrite, FlushFrameThenMoreWritesGivesTwoFrames) {
  TempDir dir;
  const auto p = dir.file("frames.zst");
  const Bytes a = text(20000, 1), b = text(30000, 2);
  {
    zstd::ZstdFile f(p, "w");
    f.write(a);
    f.flush(zstd::ZstdFile::FLUSH_FRAME);
    const Bytes first = read_file(p);
    EXPECT_EQ(zstd::get_frame_size(first), first.size());  // one whole frame on disk
    f.flush(zstd::ZstdFile::FLUSH_FRAME);                   // nothing since: no empty frame
    EXPECT_EQ(read_file(p).size(), first.size());
    f.write(b);
    EXPECT_EQ(f.tell(), a.size() + b.size());
  }
  const Bytes on_disk = read_file(p);
  const std::size_t first = zstd::get_frame_size(on_disk);
  ASSERT_LT(first, on_disk.size());
  EXPECT_EQ(zstd::get_frame_size(ByteView(on_disk).subspan(first)), on_disk.size() - first);
  Bytes want = a;
  append(want, b);
  EXPECT_TRUE(same_bytes(read_zst(p), want));
}

// --- Refusals ------------------------------------------------------------------------------

TEST(ZstdFileRefusals, AfterCloseEverythingButCloseIsRefused) {
  TempDir dir;
  const auto p = dir.file("closed.zst");
  zstd::ZstdFile w(p, "w");
  w.write(to_bytes("x"));
  w.close();
  w.close();  // idempotent
  EXPECT_TRUE(w.closed());
  EXPECT_EQ(w.mode(), "wb");
  ZSTDPP_EXPECT_ERROR(w.write(to_bytes("y")), ErrorCode::kWrongState, "closed");
  ZSTDPP_EXPECT_ERROR(w.flush(), ErrorCode::kWrongState, "closed");
  ZSTDPP_EXPECT_ERROR(w.tell(), ErrorCode::kWrongState, "closed");
  ZSTDPP_EXPECT_ERROR(w.name(), ErrorCode::kWrongState, "closed");
  ZSTDPP_EXPECT_ERROR(w.writable(), ErrorCode::kWrongState, "closed");

  zstd::ZstdFile r(p);
  r.close();
  Bytes buf(4);
  ZSTDPP_EXPECT_ERROR(r.read(), ErrorCode::kWrongState, "closed");
  ZSTDPP_EXPECT_ERROR(r.read1(), ErrorCode::kWrongState, "closed");
  ZSTDPP_EXPECT_ERROR(r.readinto(buf), ErrorCode::kWrongState, "closed");
  ZSTDPP_EXPECT_ERROR(r.readline(), ErrorCode::kWrongState, "closed");
  ZSTDPP_EXPECT_ERROR(r.peek(), ErrorCode::kWrongState, "closed");
  ZSTDPP_EXPECT_ERROR(r.seek(0), ErrorCode::kWrongState, "closed");
  ZSTDPP_EXPECT_ERROR(r.readable(), ErrorCode::kWrongState, "closed");
  ZSTDPP_EXPECT_ERROR(r.seekable(), ErrorCode::kWrongState, "closed");
}

TEST(ZstdFileRefusals, WrongModeRefused) {
  TempDir dir;
  const auto p = dir.file("wrong.zst");
  zstd::ZstdFile w(p, "w");
  ZSTDPP_EXPECT_ERROR(w.read(), ErrorCode::kWrongState, "writing");
  ZSTDPP_EXPECT_ERROR(w.readline(), ErrorCode::kWrongState, "writing");
  ZSTDPP_EXPECT_ERROR(w.peek(), ErrorCode::kWrongState, "writing");
  ZSTDPP_EXPECT_ERROR(w.seek(0), ErrorCode::kWrongState, "writing");
  ZSTDPP_EXPECT_ERROR(w.flush(zstd::ZstdCompressor::CONTINUE), ErrorCode::kParameterOutOfBounds, "FLUSH_BLOCK");
  w.close();
  zstd::ZstdFile r(p);
  ZSTDPP_EXPECT_ERROR(r.write(to_bytes("x")), ErrorCode::kWrongState, "reading");
  r.flush();  // as Python: flush does nothing in read mode
}

TEST(ZstdFileRefusals, ArgumentsOfTheOtherDirectionRefused) {
  TempDir dir;
  const auto p = dir.file("args.zst");
  write_zst(p, to_bytes("keep"));
  ZSTDPP_EXPECT_ERROR(zstd::ZstdFile(p, "r", 3), ErrorCode::kParameterOutOfBounds, "level is illegal in read mode");
  ZSTDPP_EXPECT_ERROR(zstd::ZstdFile(p, "r", std::nullopt, zstd::CompressionOptions{}), ErrorCode::kParameterOutOfBounds,
                      "DecompressionOptions");
  ZSTDPP_EXPECT_ERROR(zstd::ZstdFile(p, "w", std::nullopt, zstd::DecompressionOptions{}),
                      ErrorCode::kParameterOutOfBounds, "CompressionOptions");
  ZSTDPP_EXPECT_ERROR(
      zstd::ZstdFile(p, "w", 3, zstd::CompressionOptions{{zstd::CompressionParameter::checksum_flag, 1}}),
      ErrorCode::kParameterOutOfBounds, "level");
  ZSTDPP_EXPECT_ERROR(zstd::ZstdFile(p, "w", 1000), ErrorCode::kParameterOutOfBounds, "level");
  EXPECT_EQ(as_string(read_zst(p)), "keep");  // refused before the file was truncated
}

TEST(ZstdFileRefusals, BadModeNamed) {
  TempDir dir;
  const auto p = dir.file("mode.zst");
  for (const char* mode : {"", "rw", "r+", "z", "wbx", "rt"}) {
    SCOPED_TRACE(mode);
    const std::string m = zstdpp_test::expect_error([&] { zstd::ZstdFile f(p, mode); }, ErrorCode::kParameterOutOfBounds,
                                                    {"invalid mode"});
    EXPECT_NE(m.find(std::string("'") + mode + "'"), std::string::npos) << m;
  }
  EXPECT_FALSE(std::filesystem::exists(p));
  Bytes sink;
  zstdpp::VectorWriter w(sink);
  zstdpp::MemoryReader r(sink);
  ZSTDPP_EXPECT_ERROR(zstd::ZstdFile(w, "r"), ErrorCode::kParameterOutOfBounds, "Writer");
  ZSTDPP_EXPECT_ERROR(zstd::ZstdFile(r, "w"), ErrorCode::kParameterOutOfBounds, "Reader");
}

TEST(ZstdFileRefusals, FailingFileReportsAtCloseNotInTheDestructor) {
  if (!std::filesystem::exists("/dev/full")) GTEST_SKIP() << "SKIPPED: no /dev/full on this system";
  {
    zstd::ZstdFile f(std::filesystem::path("/dev/full"), "w");
    f.write(text(300000));
    ZSTDPP_EXPECT_ERROR(f.close(), ErrorCode::kIo, "/dev/full");
    EXPECT_TRUE(f.closed());
    f.close();  // the error was reported once; closing again is quiet
  }
  {
    zstd::ZstdFile f(std::filesystem::path("/dev/full"), "w");
    f.write(text(300000));
  }  // the destructor swallows the same error
}

// --- Interop with the zstd CLI -------------------------------------------------------------

TEST(ZstdFileInterop, ReadsFileWrittenByCli) {
  ZSTDPP_REQUIRE_ZSTD_CLI();
  TempDir dir;
  Bytes a = lines_text(3000, 1);
  a.push_back('\n');  // so that the last line ends in this frame
  const Bytes b = text(200000, 2);
  Bytes file = zstdpp_test::zstd_compress(dir, a, "-19 --check");
  append(file, zstdpp_test::zstd_compress(dir, b, "-1", /*via_stdin=*/true));
  const auto p = dir.file("cli.zst");
  write_file(p, file);
  zstd::ZstdFile f(p);
  Bytes want = a;
  append(want, b);
  const std::vector<Bytes> lines = split_lines(a);
  for (const Bytes& line : lines) ASSERT_TRUE(same_bytes(f.readline(), line));
  EXPECT_TRUE(same_bytes(f.read(), b));
  EXPECT_EQ(f.seek(0, SEEK_END), want.size());
}

TEST(ZstdFileInterop, FileWrittenDecodesWithCli) {
  ZSTDPP_REQUIRE_ZSTD_CLI();
  TempDir dir;
  const auto p = dir.file("ours.zst");
  const Bytes a = text(150000, 4), b = text(90000, 5);
  {
    zstd::ZstdFile f(p, "w", 7);
    f.write(a);
    f.flush(zstd::ZstdFile::FLUSH_FRAME);
    f.write(b);
  }
  std::string message;
  const std::optional<Bytes> decoded = zstdpp_test::zstd_cli_decode(dir, read_file(p), message);
  ASSERT_TRUE(decoded) << message;
  Bytes want = a;
  append(want, b);
  EXPECT_TRUE(same_bytes(*decoded, want));
}

// --- open() and open_text() ----------------------------------------------------------------

TEST(ZstdOpen, BinaryModesGiveAZstdFile) {
  TempDir dir;
  const auto p = dir.file("open.zst");
  {
    zstd::ZstdFile f = zstd::open(p, "wb", 3);
    f.write(to_bytes("binary"));
  }
  zstd::ZstdFile f = zstd::open(p);
  EXPECT_EQ(as_string(f.read()), "binary");
  Bytes sink;
  zstdpp::VectorWriter w(sink);
  { zstd::ZstdFile g = zstd::open(w); g.write(to_bytes("over a writer")); }
  zstdpp::MemoryReader r(sink);
  EXPECT_EQ(as_string(zstd::open(r).read()), "over a writer");
}

TEST(ZstdOpen, TextAndBinaryModesGoToTheirFunction) {
  TempDir dir;
  const auto p = dir.file("modes.zst");
  ZSTDPP_EXPECT_ERROR(zstd::open(p, "wt"), ErrorCode::kParameterOutOfBounds, "open_text");
  ZSTDPP_EXPECT_ERROR(zstd::open_text(p, "wb"), ErrorCode::kParameterOutOfBounds, "open()");
  ZSTDPP_EXPECT_ERROR(zstd::open_text(p, "qt"), ErrorCode::kParameterOutOfBounds, "'qt'");
  EXPECT_FALSE(std::filesystem::exists(p));
}

TEST(ZstdOpen, GetlineOverReadText) {
  TempDir dir;
  const auto p = dir.file("text.zst");
  const Bytes data = lines_text(4000, 3);
  write_zst(p, data);
  std::vector<std::string> want;
  for (const Bytes& line : split_lines(data)) {
    std::string s = as_string(line);
    if (!s.empty() && s.back() == '\n') s.pop_back();
    want.push_back(s);
  }
  zstd::ZstdTextFile t = zstd::open_text(p);  // "rt"
  EXPECT_EQ(t.mode(), "rt");
  std::vector<std::string> got;
  for (std::string line; std::getline(t.istream(), line);) got.push_back(line);
  t.rethrow_if_error();
  EXPECT_EQ(got, want);
  ZSTDPP_EXPECT_ERROR(t.ostream(), ErrorCode::kWrongState, "reading");
  t.close();
  ZSTDPP_EXPECT_ERROR(t.istream(), ErrorCode::kWrongState, "closed");
}

TEST(ZstdOpen, StreamIntoWriteTextThenReadBack) {
  TempDir dir;
  const auto p = dir.file("out.zst");
  std::ostringstream want;
  {
    zstd::ZstdTextFile t = zstd::open_text(p, "wt");
    EXPECT_EQ(t.mode(), "wt");
    for (int i = 0; i < 10000; ++i) {
      t.ostream() << "line " << i << " value " << i * 3.5 << '\n';
      want << "line " << i << " value " << i * 3.5 << '\n';
    }
    ZSTDPP_EXPECT_ERROR(t.istream(), ErrorCode::kWrongState, "writing");
    t.close();
    EXPECT_TRUE(t.closed());
  }
  EXPECT_EQ(as_string(read_zst(p)), want.str());
  {
    zstd::ZstdTextFile t = zstd::open_text(p, "at");
    t.ostream() << "appended\n";
  }  // the destructor writes and closes
  EXPECT_EQ(as_string(read_zst(p)), want.str() + "appended\n");
  ZSTDPP_EXPECT_ERROR(zstd::open_text(p, "xt"), ErrorCode::kIo, "exists");
}

TEST(ZstdOpen, TextFlushFrameMakesFramesOnDisk) {
  TempDir dir;
  const auto p = dir.file("tf.zst");
  zstd::ZstdTextFile t = zstd::open_text(p, "w");
  t.ostream() << "first\n";
  t.flush(zstd::ZstdFile::FLUSH_FRAME);
  const Bytes first = read_file(p);
  EXPECT_EQ(zstd::get_frame_size(first), first.size());
  EXPECT_EQ(as_string(zstd::decompress(first)), "first\n");
  t.ostream() << "second\n";
  t.close();
  EXPECT_EQ(as_string(read_zst(p)), "first\nsecond\n");
}

TEST(ZstdOpen, CorruptTextEndsTheStreamAndRethrows) {
  TempDir dir;
  const auto p = dir.file("bad.zst");
  Bytes file = zstd::compress(to_bytes("good line\n"));
  append(file, to_bytes("garbage that is no frame"));
  write_file(p, file);
  zstd::ZstdTextFile t = zstd::open_text(p, "rt");
  std::vector<std::string> lines;
  for (std::string line; std::getline(t.istream(), line);) lines.push_back(line);
  EXPECT_THROW(t.rethrow_if_error(), zstdpp::ZstdError);
}

TEST(ZstdOpen, MoveAssignClosesWhatWasHeld) {
  TempDir dir;
  const auto p1 = dir.file("one.zst"), p2 = dir.file("two.zst");
  zstd::ZstdTextFile t = zstd::open_text(p1, "wt");
  t.ostream() << "one";
  t = zstd::open_text(p2, "wt");  // p1 is written and closed here
  EXPECT_EQ(as_string(read_zst(p1)), "one");
  t.ostream() << "two";
  t.close();
  EXPECT_EQ(as_string(read_zst(p2)), "two");
}

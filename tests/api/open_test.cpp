// zstdpp::open: python-zstandard's open() as C++: the modes by path (w truncates, a
// appends a frame, x refuses an existing file) and over borrowed streams, istream() /
// ostream() for text, the direction and closed-file rules, closefd, lent (de)compressors,
// and files the reference CLI reads and writes.
#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "stream_test_support.hpp"

namespace zstdpp_test {
namespace {

using zstdpp::ErrorCode;

const Bytes& text() {
  static const Bytes t = make_english_text(300000, 55);
  return t;
}

void write_whole(const std::filesystem::path& path, const char* mode, ByteView data) {
  zstdpp::ZstdOpenFile f = zstdpp::open(path, mode);
  EXPECT_EQ(f.write(data), data.size());
  f.close();
}

Bytes read_whole(const std::filesystem::path& path) { return zstdpp::open(path, "rb").readall(); }

TEST(Open, BinaryRoundTripByPath) {
  TempDir dir;
  const auto path = dir.file("a.zst");
  write_whole(path, "wb", text());
  EXPECT_EQ(read_whole(path), text());
  write_whole(path, "w", ByteView(text()).first(10));  // "w" truncates
  EXPECT_EQ(read_whole(path), Bytes(text().begin(), text().begin() + 10));
}

TEST(Open, AppendAddsAFrameAndReadingGoesAcrossFrames) {
  TempDir dir;
  const auto path = dir.file("log.zst");
  write_whole(path, "ab", ByteView(text()).first(1000));  // "a" creates a missing file
  write_whole(path, "ab", ByteView(text()).subspan(1000));
  EXPECT_EQ(read_whole(path), text());
  // python-zstandard's own default: the first frame only.
  EXPECT_EQ(zstdpp::open(path, "rb", {.read_across_frames = false}).readall(),
            Bytes(text().begin(), text().begin() + 1000));
}

TEST(Open, ExclusiveRefusesAnExistingFile) {
  TempDir dir;
  const auto path = dir.file("x.zst");
  write_whole(path, "xb", text());
  expect_zstd_error([&] { (void)zstdpp::open(path, "xb"); }, ErrorCode::kIo, path.string());
  EXPECT_EQ(read_whole(path), text());  // untouched
}

TEST(Open, MissingFileAndBadModeAreNamed) {
  TempDir dir;
  const auto missing = dir.file("missing.zst");
  expect_zstd_error([&] { (void)zstdpp::open(missing, "rb"); }, ErrorCode::kIo, missing.string());
  for (const char* mode : {"", "rw", "r+", "wx", "br", "rbt"})
    expect_zstd_error([&] { (void)zstdpp::open(dir.file("m.zst"), mode); }, ErrorCode::kParameterOutOfBounds,
                      "invalid mode");
}

TEST(Open, TextModesGiveStandardStreams) {
  TempDir dir;
  const auto path = dir.file("lines.zst");
  std::vector<std::string> lines;
  for (int i = 0; i < 20000; ++i) lines.push_back("line " + std::to_string(i) + std::string(i % 37, 'x'));
  {
    zstdpp::ZstdOpenFile f = zstdpp::open(path, "wt");
    for (const std::string& line : lines) f.ostream() << line << '\n';
    f.close();
  }
  zstdpp::ZstdOpenFile f = zstdpp::open(path, "rt");
  std::vector<std::string> got;
  for (std::string line; std::getline(f.istream(), line);) got.push_back(line);
  EXPECT_NO_THROW(f.rethrow_if_error());
  EXPECT_EQ(got, lines);
}

TEST(Open, OstreamAndWriteKeepTheirOrder) {
  TempDir dir;
  const auto path = dir.file("mixed.zst");
  {
    zstdpp::ZstdOpenFile f = zstdpp::open(path, "wb");
    f.ostream() << "first ";
    f.write(to_bytes("second "));
    f.ostream() << "third";
    f.close();
  }
  EXPECT_EQ(read_whole(path), to_bytes("first second third"));
}

TEST(Open, CorruptFileIsAnErrorNotAnEarlyEnd) {
  TempDir dir;
  const auto path = dir.file("bad.zst");
  write_whole(path, "wb", text());
  Bytes damaged = read_file(path);
  damaged.resize(damaged.size() / 2);  // truncated
  write_file(path, damaged);
  zstdpp::ZstdOpenFile f = zstdpp::open(path, "rt");
  std::size_t count = 0;
  for (std::string line; std::getline(f.istream(), line);) ++count;
  EXPECT_THROW(f.rethrow_if_error(), zstdpp::ZstdError);
  EXPECT_THROW(zstdpp::open(path, "rb").readall(), zstdpp::ZstdError);
}

TEST(Open, DirectionAndClosedRules) {
  TempDir dir;
  const auto path = dir.file("d.zst");
  zstdpp::ZstdOpenFile w = zstdpp::open(path, "wb");
  EXPECT_TRUE(w.writable());
  EXPECT_FALSE(w.readable());
  expect_zstd_error([&] { (void)w.read(10); }, ErrorCode::kWrongState, "write-only");
  expect_zstd_error([&] { (void)w.istream(); }, ErrorCode::kWrongState, "write-only");
  w.write(text());
  w.close();
  w.close();  // idempotent
  EXPECT_TRUE(w.closed());
  expect_zstd_error([&] { (void)w.write(text()); }, ErrorCode::kWrongState, "closed");
  expect_zstd_error([&] { (void)w.tell(); }, ErrorCode::kWrongState, "closed");

  zstdpp::ZstdOpenFile r = zstdpp::open(path, "rb");
  expect_zstd_error([&] { (void)r.write(text()); }, ErrorCode::kWrongState, "read-only");
  expect_zstd_error([&] { (void)r.ostream(); }, ErrorCode::kWrongState, "read-only");
  EXPECT_EQ(r.read(100).size(), 100u);
  EXPECT_EQ(r.tell(), 100u);
  (void)r.istream();
  expect_zstd_error([&] { (void)r.read(10); }, ErrorCode::kWrongState, "istream");
}

TEST(Open, BorrowedStreamsAndClosefd) {
  Bytes compressed;
  {
    zstdpp::VectorWriter sink(compressed);
    zstdpp::ZstdOpenFile f = zstdpp::open(sink, "wb");
    f.write(text());
    f.close();
  }
  EXPECT_EQ(zstdpp::decompress(compressed, 1 << 24), text());
  PieceReader kept(compressed, 4096), closed(compressed, 4096);
  EXPECT_EQ(zstdpp::open(kept, "rb").readall(), text());
  EXPECT_FALSE(kept.closed);
  EXPECT_EQ(zstdpp::open(closed, "rb", {.closefd = true}).readall(), text());
  EXPECT_TRUE(closed.closed);
  Bytes ignored;
  zstdpp::VectorWriter sink(ignored);
  expect_zstd_error([&] { (void)zstdpp::open(closed, "wb"); }, ErrorCode::kParameterOutOfBounds, "Reader");
  expect_zstd_error([&] { (void)zstdpp::open(sink, "rb"); }, ErrorCode::kParameterOutOfBounds, "Writer");
}

TEST(Open, LentCompressorIsUsedAndBusyMeanwhile) {
  TempDir dir;
  const auto path = dir.file("lent.zst");
  zstdpp::ZstdCompressor c({.level = 1, .write_checksum = true});
  {
    zstdpp::ZstdOpenFile f = zstdpp::open(path, "wb", {.cctx = &c});
    f.write(text());
    expect_zstd_error([&] { (void)c.compress(text()); }, ErrorCode::kWrongState, "stream_writer");
  }
  EXPECT_NO_THROW((void)c.compress(text()));
  EXPECT_TRUE(zstdpp::get_frame_parameters(read_file(path)).has_checksum);
  zstdpp::ZstdDecompressor d;
  EXPECT_EQ(zstdpp::open(path, "rb", {.dctx = &d}).readall(), text());
}

TEST(Open, FlushBlockMakesTheFileDecodableSoFar) {
  TempDir dir;
  const auto path = dir.file("flush.zst");
  zstdpp::ZstdOpenFile f = zstdpp::open(path, "wb");
  f.write(ByteView(text()).first(50000));
  f.flush();
  zstdpp::ZstdDecompressor d;
  auto obj = d.decompressobj();
  EXPECT_EQ(obj.decompress(read_file(path)), Bytes(text().begin(), text().begin() + 50000));
  f.flush(zstdpp::FLUSH_FRAME);
  f.write(ByteView(text()).subspan(50000));
  f.close();
  EXPECT_EQ(read_whole(path), text());
}

TEST(Open, ReferenceCliReadsAndWritesTheFiles) {
  ZSTDPP_REQUIRE_ZSTD_CLI();
  TempDir dir;
  const auto ours = dir.file("ours.zst");
  write_whole(ours, "wb", text());
  write_whole(ours, "ab", text());
  const CommandResult r = run_command(shell_quote(*zstd_cli_path()) + " -t -q " + shell_quote(ours.string()));
  EXPECT_EQ(r.exit_code, 0) << r.output;
  const Bytes theirs = zstd_compress(dir, text(), "-19");
  const auto theirs_path = dir.file("theirs.zst");
  write_file(theirs_path, theirs);
  EXPECT_EQ(read_whole(theirs_path), text());
}

}  // namespace
}  // namespace zstdpp_test

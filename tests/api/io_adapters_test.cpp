// The Reader/Writer adapters of include/zstdpp/io.hpp: memory, std::istream / std::ostream,
// C FILE* and file paths. Each documented claim is a test: reads of 0 bytes, short reads,
// reads at the end, zero-byte writes, flush, close twice, use after close (kWrongState),
// which adapters close what they wrap, and that every failure of the wrapped stream or
// file reaches the caller as ZstdError(kIo) naming what failed (for paths, the path).
//
// Failures of a FILE* are injected with glibc's fopencookie(): a FILE whose read, write and
// close are test functions that count their calls and fail on demand. Real failures come
// from /dev/full (writes) and a directory opened as a file (reads).
#include <gtest/gtest.h>
#include <stdio.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <ios>
#include <sstream>
#include <stdexcept>
#include <string>

#include <zstdpp/io.hpp>

#include "../interop/test_support.hpp"

namespace zstdpp_test {
namespace {

using zstdpp::ErrorCode;
using zstdpp::MutableByteView;
using zstdpp::as_chars;

// Reads into a buffer of `n` bytes and returns what came.
std::string read_some(zstdpp::Reader& r, std::size_t n) {
  Bytes buffer(n);
  const std::size_t got = r.read(MutableByteView(buffer));
  EXPECT_LE(got, n);
  return std::string(as_chars(ByteView(buffer).first(got)));
}

std::size_t read_nothing(zstdpp::Reader& r) {
  std::uint8_t byte = 0xAA;
  return r.read(MutableByteView(&byte, 0));
}

// ---- A FILE* with injectable failures (glibc fopencookie) ----------------------------

struct Cookie {
  std::string content;  // what reads return
  std::size_t read_pos = 0;
  std::string written;  // what reached the "device"
  int read_calls = 0;
  int write_calls = 0;
  int closes = 0;
  int read_errno = 0;   // non-zero: reads fail with it
  int write_errno = 0;  // non-zero: writes fail with it
  bool close_fails = false;
};

FILE* open_cookie(Cookie& cookie, const char* mode) {
  cookie_io_functions_t io{};
  io.read = [](void* p, char* buf, size_t size) -> ssize_t {
    auto& c = *static_cast<Cookie*>(p);
    ++c.read_calls;
    if (c.read_errno != 0) {
      errno = c.read_errno;
      return -1;
    }
    const std::size_t n = std::min(size, c.content.size() - c.read_pos);
    std::memcpy(buf, c.content.data() + c.read_pos, n);
    c.read_pos += n;
    return static_cast<ssize_t>(n);
  };
  io.write = [](void* p, const char* buf, size_t size) -> ssize_t {
    auto& c = *static_cast<Cookie*>(p);
    ++c.write_calls;
    if (c.write_errno != 0) {
      errno = c.write_errno;
      return 0;  // fopencookie: 0 is the error return of a write function
    }
    c.written.append(buf, size);
    return static_cast<ssize_t>(size);
  };
  io.close = [](void* p) -> int {
    auto& c = *static_cast<Cookie*>(p);
    ++c.closes;
    return c.close_fails ? EOF : 0;
  };
  FILE* f = ::fopencookie(&cookie, mode, io);
  if (f == nullptr) throw std::runtime_error("fopencookie failed");
  return f;
}

// Open file descriptors of this process, to see a path adapter release its file.
std::size_t open_fd_count() {
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator("/proc/self/fd")) ++n;
  return n;
}

// ---- Memory --------------------------------------------------------------------------

TEST(IoAdaptersMemory, ReaderShortReadsZeroReadsAndTheEnd) {
  const Bytes data = to_bytes("0123456789");
  zstdpp::MemoryReader r(data);
  EXPECT_EQ(read_nothing(r), 0u);
  EXPECT_EQ(r.tell(), 0u);
  EXPECT_EQ(read_some(r, 4), "0123");
  EXPECT_EQ(read_some(r, 4), "4567");
  EXPECT_EQ(read_some(r, 4), "89");  // short read: only what is left
  EXPECT_EQ(r.tell(), 10u);
  EXPECT_EQ(read_some(r, 4), "");  // the end, and it stays the end
  EXPECT_EQ(read_some(r, 4), "");
  EXPECT_EQ(read_nothing(r), 0u);
}

TEST(IoAdaptersMemory, EmptyReaderIsAtTheEnd) {
  zstdpp::MemoryReader r{ByteView()};
  EXPECT_EQ(read_some(r, 16), "");
  EXPECT_EQ(r.tell(), 0u);
}

TEST(IoAdaptersMemory, ReaderCloseIsIdempotentAndReadingAfterIsWrongState) {
  const Bytes data = to_bytes("abc");
  zstdpp::MemoryReader r(data);
  r.close();
  r.close();
  ZSTDPP_EXPECT_ERROR(read_some(r, 1), ErrorCode::kWrongState, "MemoryReader", "closed");
  ZSTDPP_EXPECT_ERROR(read_nothing(r), ErrorCode::kWrongState, "closed");
}

TEST(IoAdaptersMemory, VectorWriterAppendsAndReportsEveryByte) {
  Bytes out = to_bytes("old:");
  zstdpp::VectorWriter w(out);
  EXPECT_EQ(w.write(to_bytes("abc")), 3u);
  EXPECT_EQ(w.write(ByteView()), 0u);
  EXPECT_EQ(w.write(to_bytes("de")), 2u);
  w.flush();
  EXPECT_EQ(as_chars(out), "old:abcde");
  w.close();
  w.close();
  ZSTDPP_EXPECT_ERROR(w.write(to_bytes("x")), ErrorCode::kWrongState, "VectorWriter", "closed");
  ZSTDPP_EXPECT_ERROR(w.write(ByteView()), ErrorCode::kWrongState, "closed");
  EXPECT_EQ(as_chars(out), "old:abcde");
}

TEST(IoAdaptersMemory, StringWriterAppendsAndReportsEveryByte) {
  std::string out = "old:";
  zstdpp::StringWriter w(out);
  EXPECT_EQ(w.write(to_bytes("abc")), 3u);
  EXPECT_EQ(w.write(ByteView()), 0u);
  const Bytes binary = {0, 255, 10};
  EXPECT_EQ(w.write(binary), 3u);
  EXPECT_EQ(out, std::string("old:abc\0\xff\n", 10));
  w.close();
  w.close();
  ZSTDPP_EXPECT_ERROR(w.write(to_bytes("x")), ErrorCode::kWrongState, "StringWriter", "closed");
}

// ---- std::istream / std::ostream -----------------------------------------------------

TEST(IoAdaptersStreams, IstreamReaderShortReadAtTheEndThenZero) {
  std::istringstream in("0123456789");
  zstdpp::IstreamReader r(in);
  EXPECT_EQ(read_nothing(r), 0u);
  EXPECT_TRUE(in.good());  // a read of 0 bytes leaves the stream alone
  EXPECT_EQ(read_some(r, 6), "012345");
  EXPECT_EQ(read_some(r, 6), "6789");
  EXPECT_EQ(read_some(r, 6), "");
  EXPECT_EQ(read_some(r, 6), "");
}

TEST(IoAdaptersStreams, IstreamReaderExactEndThenZero) {
  std::istringstream in("abcd");
  zstdpp::IstreamReader r(in);
  EXPECT_EQ(read_some(r, 4), "abcd");
  EXPECT_EQ(read_some(r, 4), "");
}

TEST(IoAdaptersStreams, IstreamReaderFailedOrBadStreamIsIo) {
  std::istringstream failed("data");
  failed.setstate(std::ios::failbit);
  zstdpp::IstreamReader r1(failed);
  ZSTDPP_EXPECT_ERROR(read_some(r1, 4), ErrorCode::kIo, "istream", "failbit");
  std::istringstream bad("data");
  bad.setstate(std::ios::badbit);
  zstdpp::IstreamReader r2(bad);
  ZSTDPP_EXPECT_ERROR(read_some(r2, 4), ErrorCode::kIo, "istream", "bad");
}

// A streambuf whose source fails (a disk error under an ifstream, say): it throws.
class ThrowingStreambuf final : public std::streambuf {
 protected:
  int_type underflow() override { throw std::runtime_error("device error (test)"); }
  int_type overflow(int_type) override { throw std::runtime_error("device error (test)"); }
};

TEST(IoAdaptersStreams, IstreamReaderFailingStreambufIsIo) {
  ThrowingStreambuf buf;
  std::istream in(&buf);
  zstdpp::IstreamReader r(in);
  ZSTDPP_EXPECT_ERROR(read_some(r, 4), ErrorCode::kIo, "badbit");
}

// The stream's exceptions() mask must not turn a normal end into an exception that is
// not a ZstdError, nor a failure into one that is not kIo.
TEST(IoAdaptersStreams, IstreamReaderWithExceptionsEnabled) {
  std::istringstream in("0123456789");
  in.exceptions(std::ios::eofbit | std::ios::failbit | std::ios::badbit);
  zstdpp::IstreamReader r(in);
  EXPECT_EQ(read_some(r, 6), "012345");
  EXPECT_EQ(read_some(r, 6), "6789");  // regression: threw std::ios_base::failure
  EXPECT_EQ(read_some(r, 6), "");
  std::istringstream failed("x");
  failed.exceptions(std::ios::failbit);
  zstdpp::IstreamReader r2(failed);
  try {
    failed.setstate(std::ios::failbit);
  } catch (const std::ios_base::failure&) {
  }
  ZSTDPP_EXPECT_ERROR(read_some(r2, 4), ErrorCode::kIo, "istream");
}

// io.hpp: with badbit in the mask, libstdc++ rethrows the streambuf's own exception, and
// the adapters let it through unchanged.
TEST(IoAdaptersStreams, StreambufExceptionPassesThroughWithBadbitInTheMask) {
  ThrowingStreambuf buf;
  std::istream in(&buf);
  in.exceptions(std::ios::badbit);
  zstdpp::IstreamReader r(in);
  EXPECT_THROW(read_some(r, 4), std::runtime_error);
  std::ostream out(&buf);
  out.exceptions(std::ios::badbit);
  zstdpp::OstreamWriter w(out);
  EXPECT_THROW(w.write(to_bytes("abc")), std::runtime_error);
}

TEST(IoAdaptersStreams, IstreamReaderCloseLeavesTheStream) {
  std::istringstream in("abcdef");
  zstdpp::IstreamReader r(in);
  EXPECT_EQ(read_some(r, 2), "ab");
  r.close();
  r.close();
  ZSTDPP_EXPECT_ERROR(read_some(r, 2), ErrorCode::kWrongState, "IstreamReader", "closed");
  std::string rest;
  in >> rest;
  EXPECT_EQ(rest, "cdef");
}

// Counts pubsync() calls and keeps what it was given.
class CountingStreambuf final : public std::streambuf {
 public:
  std::string got;
  int syncs = 0;
  bool fail = false;

 protected:
  int_type overflow(int_type ch) override {
    if (fail) return traits_type::eof();
    if (!traits_type::eq_int_type(ch, traits_type::eof())) got += traits_type::to_char_type(ch);
    return traits_type::not_eof(ch);
  }
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    if (fail) return 0;
    got.append(s, static_cast<std::size_t>(n));
    return n;
  }
  int sync() override {
    ++syncs;
    return fail ? -1 : 0;
  }
};

TEST(IoAdaptersStreams, OstreamWriterWritesFlushesAndClosesWithoutClosingTheStream) {
  CountingStreambuf buf;
  std::ostream out(&buf);
  zstdpp::OstreamWriter w(out);
  EXPECT_EQ(w.write(to_bytes("abc")), 3u);
  EXPECT_EQ(w.write(ByteView()), 0u);
  EXPECT_EQ(buf.got, "abc");
  EXPECT_EQ(buf.syncs, 0);
  w.flush();
  EXPECT_EQ(buf.syncs, 1);
  w.close();
  EXPECT_EQ(buf.syncs, 2);  // close flushes
  w.close();
  EXPECT_EQ(buf.syncs, 2);  // once
  ZSTDPP_EXPECT_ERROR(w.write(to_bytes("x")), ErrorCode::kWrongState, "OstreamWriter", "closed");
  ZSTDPP_EXPECT_ERROR(w.flush(), ErrorCode::kWrongState, "closed");
  out << "more";  // the std::ostream itself is still open
  EXPECT_EQ(buf.got, "abcmore");
}

TEST(IoAdaptersStreams, OstreamWriterFailuresAreIo) {
  CountingStreambuf buf;
  buf.fail = true;
  std::ostream out(&buf);
  zstdpp::OstreamWriter w(out);
  ZSTDPP_EXPECT_ERROR(w.write(to_bytes("abc")), ErrorCode::kIo, "OstreamWriter::write", "ostream");
  CountingStreambuf buf2;
  std::ostream out2(&buf2);
  zstdpp::OstreamWriter w2(out2);
  w2.write(to_bytes("abc"));
  buf2.fail = true;
  ZSTDPP_EXPECT_ERROR(w2.flush(), ErrorCode::kIo, "OstreamWriter::flush");
  ZSTDPP_EXPECT_ERROR(w2.close(), ErrorCode::kIo, "OstreamWriter::close");
  w2.close();  // closed by the failed close: nothing more to report
  ZSTDPP_EXPECT_ERROR(w2.write(to_bytes("x")), ErrorCode::kWrongState, "closed");
}

TEST(IoAdaptersStreams, OstreamWriterWithExceptionsEnabledStillThrowsIo) {
  CountingStreambuf buf;
  buf.fail = true;
  std::ostream out(&buf);
  out.exceptions(std::ios::badbit | std::ios::failbit);
  zstdpp::OstreamWriter w(out);
  // Regression: std::ios_base::failure escaped instead of ZstdError(kIo).
  ZSTDPP_EXPECT_ERROR(w.write(to_bytes("abc")), ErrorCode::kIo, "OstreamWriter::write");
  ZSTDPP_EXPECT_ERROR(w.flush(), ErrorCode::kIo, "OstreamWriter::flush");
}

// ---- C FILE* -------------------------------------------------------------------------

TEST(IoAdaptersFile, ReaderShortReadsAndEnd) {
  Cookie c;
  c.content = "0123456789";
  FILE* f = open_cookie(c, "r");
  {
    zstdpp::FileReader r(f);
    EXPECT_EQ(read_nothing(r), 0u);
    EXPECT_EQ(c.read_calls, 0);  // a read of 0 bytes does not reach the file
    EXPECT_EQ(read_some(r, 7), "0123456");
    EXPECT_EQ(read_some(r, 7), "789");
    EXPECT_EQ(read_some(r, 7), "");
    EXPECT_EQ(read_some(r, 7), "");
  }
  EXPECT_EQ(c.closes, 0);  // not owned: the destructor leaves it open
  std::fclose(f);
  EXPECT_EQ(c.closes, 1);
}

TEST(IoAdaptersFile, ReaderCloseWithoutOwnershipLeavesTheFileUsable) {
  Cookie c;
  c.content = "abcdef";
  FILE* f = open_cookie(c, "r");
  zstdpp::FileReader r(f, /*close_file=*/false);
  char first = 0;
  ASSERT_EQ(std::fread(&first, 1, 1, f), 1u);
  EXPECT_EQ(read_some(r, 2), "bc");
  r.close();
  r.close();
  EXPECT_EQ(c.closes, 0);
  ZSTDPP_EXPECT_ERROR(read_some(r, 1), ErrorCode::kWrongState, "FileReader", "closed");
  char rest[3] = {};
  EXPECT_EQ(std::fread(rest, 1, 3, f), 3u);  // the FILE* still reads
  EXPECT_EQ(std::string(rest, 3), "def");
  std::fclose(f);
}

TEST(IoAdaptersFile, OwnedReaderIsClosedOnceByCloseOrDestructor) {
  Cookie by_close;
  {
    zstdpp::FileReader r(open_cookie(by_close, "r"), /*close_file=*/true);
    r.close();
    EXPECT_EQ(by_close.closes, 1);
    r.close();
  }
  EXPECT_EQ(by_close.closes, 1);  // not again by the destructor
  Cookie by_destructor;
  { zstdpp::FileReader r(open_cookie(by_destructor, "r"), true); }
  EXPECT_EQ(by_destructor.closes, 1);
}

TEST(IoAdaptersFile, ReadErrorIsIoWithTheSystemMessage) {
  Cookie c;
  c.content = "abc";
  c.read_errno = EIO;
  zstdpp::FileReader r(open_cookie(c, "r"), true);
  ZSTDPP_EXPECT_ERROR(read_some(r, 4), ErrorCode::kIo, "fread");
  ZSTDPP_EXPECT_ERROR(read_some(r, 4), ErrorCode::kIo, std::strerror(EIO));
}

TEST(IoAdaptersFile, FailingFcloseIsReportedByClose) {
  Cookie c;
  c.close_fails = true;
  zstdpp::FileReader r(open_cookie(c, "r"), true);
  ZSTDPP_EXPECT_ERROR(r.close(), ErrorCode::kIo, "fclose");
  r.close();  // closed all the same
  EXPECT_EQ(c.closes, 1);
}

TEST(IoAdaptersFile, WriterZeroBytesFlushAndCloseWithoutOwnership) {
  Cookie c;
  FILE* f = open_cookie(c, "w");
  {
    zstdpp::FileWriter w(f);
    EXPECT_EQ(w.write(ByteView()), 0u);
    EXPECT_EQ(w.write(to_bytes("abc")), 3u);
    EXPECT_EQ(c.written, "");  // still in the FILE's buffer
    w.flush();
    EXPECT_EQ(c.written, "abc");
    EXPECT_EQ(w.write(to_bytes("de")), 2u);
    w.close();  // flushes even though the FILE is not ours
    EXPECT_EQ(c.written, "abcde");
    EXPECT_EQ(c.closes, 0);
    w.close();
    ZSTDPP_EXPECT_ERROR(w.write(to_bytes("x")), ErrorCode::kWrongState, "FileWriter", "closed");
    ZSTDPP_EXPECT_ERROR(w.flush(), ErrorCode::kWrongState, "closed");
  }
  EXPECT_EQ(c.closes, 0);
  std::fputs("f", f);  // still open and writable
  std::fclose(f);
  EXPECT_EQ(c.written, "abcdef");
  EXPECT_EQ(c.closes, 1);
}

TEST(IoAdaptersFile, UnownedWriterDestructorNeitherClosesNorFlushes) {
  Cookie c;
  FILE* f = open_cookie(c, "w");
  {
    zstdpp::FileWriter w(f);
    w.write(to_bytes("abc"));
  }
  EXPECT_EQ(c.closes, 0);
  EXPECT_EQ(c.written, "");
  std::fclose(f);
  EXPECT_EQ(c.written, "abc");
}

TEST(IoAdaptersFile, OwnedWriterDestructorFlushesAndCloses) {
  Cookie c;
  {
    zstdpp::FileWriter w(open_cookie(c, "w"), true);
    w.write(to_bytes("abc"));
  }
  EXPECT_EQ(c.written, "abc");
  EXPECT_EQ(c.closes, 1);
}

TEST(IoAdaptersFile, WriteErrorReachesTheCaller) {
  // A small write sits in the FILE's buffer: the error shows at flush().
  Cookie small;
  small.write_errno = ENOSPC;
  zstdpp::FileWriter w1(open_cookie(small, "w"), true);
  EXPECT_EQ(w1.write(to_bytes("abc")), 3u);
  ZSTDPP_EXPECT_ERROR(w1.flush(), ErrorCode::kIo, "fflush");
  // A write larger than the FILE's buffer reaches the device at once.
  Cookie large;
  large.write_errno = ENOSPC;
  zstdpp::FileWriter w2(open_cookie(large, "w"), true);
  const Bytes big(1 << 20, 'x');
  const std::string message = expect_error([&] { w2.write(big); }, ErrorCode::kIo, {"fwrite of 1048576 bytes"});
  EXPECT_NE(message.find(std::strerror(ENOSPC)), std::string::npos) << message;
}

TEST(IoAdaptersFile, FailingFlushAtCloseIsReportedAndTheFileStillClosed) {
  Cookie c;
  c.write_errno = ENOSPC;
  {
    zstdpp::FileWriter w(open_cookie(c, "w"), true);
    w.write(to_bytes("abc"));
    ZSTDPP_EXPECT_ERROR(w.close(), ErrorCode::kIo, "close", "fflush");
    EXPECT_EQ(c.closes, 1);
    w.close();
  }
  EXPECT_EQ(c.closes, 1);  // never twice
}

// ---- Paths ---------------------------------------------------------------------------

TEST(IoAdaptersPath, ReaderReadsTheFileAndReleasesIt) {
  TempDir dir;
  const auto path = dir.file("in.txt");
  write_file(path, to_bytes("hello, file"));
  const std::size_t fds = open_fd_count();
  {
    zstdpp::PathReader r(path);
    EXPECT_EQ(r.path(), path);
    EXPECT_EQ(open_fd_count(), fds + 1);
    EXPECT_EQ(read_nothing(r), 0u);
    EXPECT_EQ(read_some(r, 5), "hello");
    EXPECT_EQ(read_some(r, 100), ", file");
    EXPECT_EQ(read_some(r, 100), "");
  }
  EXPECT_EQ(open_fd_count(), fds);  // RAII: closed by the destructor
  zstdpp::PathReader r(path);
  r.close();
  EXPECT_EQ(open_fd_count(), fds);
  r.close();
  ZSTDPP_EXPECT_ERROR(read_some(r, 1), ErrorCode::kWrongState, "PathReader", "closed");
}

TEST(IoAdaptersPath, OpeningAMissingFileNamesThePathAndTheReason) {
  TempDir dir;
  const auto path = dir.file("no-such-file.zst");
  const std::string message = expect_error([&] { zstdpp::PathReader r(path); }, ErrorCode::kIo, {path.string()});
  EXPECT_NE(message.find(std::strerror(ENOENT)), std::string::npos) << message;
  EXPECT_NE(message.find("PathReader"), std::string::npos) << message;
  ZSTDPP_EXPECT_ERROR(zstdpp::PathWriter(dir.file("no-dir") / "out"), ErrorCode::kIo, (dir.file("no-dir") / "out").string());
}

TEST(IoAdaptersPath, ReadErrorNamesThePath) {
  TempDir dir;  // fopen of a directory succeeds on Linux; reading it fails (EISDIR)
  zstdpp::PathReader r(dir.path());
  const std::string message = expect_error([&] { read_some(r, 16); }, ErrorCode::kIo, {dir.path().string()});
  EXPECT_NE(message.find(std::strerror(EISDIR)), std::string::npos) << message;
}

TEST(IoAdaptersPath, WriterModes) {
  TempDir dir;
  const auto path = dir.file("out.bin");
  write_file(path, to_bytes("existing"));
  {
    zstdpp::PathWriter w(path);  // "w": truncates
    EXPECT_EQ(w.write(to_bytes("new")), 3u);
  }
  EXPECT_EQ(as_chars(read_file(path)), "new");
  {
    zstdpp::PathWriter w(path, zstdpp::OpenMode::kAppend);
    w.write(to_bytes("+more"));
  }
  EXPECT_EQ(as_chars(read_file(path)), "new+more");
  const std::string message = expect_error([&] { zstdpp::PathWriter w(path, zstdpp::OpenMode::kExclusive); },
                                           ErrorCode::kIo, {path.string()});
  EXPECT_NE(message.find(std::strerror(EEXIST)), std::string::npos) << message;
  EXPECT_EQ(as_chars(read_file(path)), "new+more");  // untouched by the refused open
  const auto fresh = dir.file("fresh.bin");
  {
    zstdpp::PathWriter w(fresh, zstdpp::OpenMode::kExclusive);
    w.write(to_bytes("x"));
  }
  EXPECT_EQ(as_chars(read_file(fresh)), "x");
  { zstdpp::PathWriter w(dir.file("appended-new"), zstdpp::OpenMode::kAppend); }
  EXPECT_TRUE(std::filesystem::exists(dir.file("appended-new")));
}

TEST(IoAdaptersPath, WriterFlushCloseAndRaii) {
  TempDir dir;
  const auto path = dir.file("out.bin");
  const std::size_t fds = open_fd_count();
  zstdpp::PathWriter w(path);
  EXPECT_EQ(w.path(), path);
  EXPECT_EQ(w.write(ByteView()), 0u);
  w.write(to_bytes("abc"));
  w.flush();
  EXPECT_EQ(as_chars(read_file(path)), "abc");  // visible before close
  w.write(to_bytes("def"));
  w.close();
  EXPECT_EQ(open_fd_count(), fds);
  EXPECT_EQ(as_chars(read_file(path)), "abcdef");
  w.close();
  ZSTDPP_EXPECT_ERROR(w.write(to_bytes("x")), ErrorCode::kWrongState, "PathWriter", "closed");
  ZSTDPP_EXPECT_ERROR(w.flush(), ErrorCode::kWrongState, "closed");
  {
    zstdpp::PathWriter raii(dir.file("raii.bin"));
    raii.write(to_bytes("kept"));
    EXPECT_EQ(open_fd_count(), fds + 1);
  }
  EXPECT_EQ(open_fd_count(), fds);
  EXPECT_EQ(as_chars(read_file(dir.file("raii.bin"))), "kept");
}

// /dev/full: every write fails with ENOSPC. The error must reach the caller and name the
// file, whether it shows at write() (a large write), flush() or close() (small ones).
TEST(IoAdaptersPath, WriteErrorsOnAFullDeviceNameThePath) {
  if (!std::filesystem::exists("/dev/full")) GTEST_SKIP() << "SKIPPED: no /dev/full on this system";
  const std::string nospc = std::strerror(ENOSPC);
  {
    zstdpp::PathWriter w("/dev/full");
    const std::string m = expect_error([&] { w.write(Bytes(1 << 20, 'z')); }, ErrorCode::kIo, {"/dev/full"});
    EXPECT_NE(m.find(nospc), std::string::npos) << m;
    EXPECT_NE(m.find("write"), std::string::npos) << m;
  }
  {
    zstdpp::PathWriter w("/dev/full");
    w.write(to_bytes("small"));
    const std::string m = expect_error([&] { w.flush(); }, ErrorCode::kIo, {"/dev/full"});
    EXPECT_NE(m.find(nospc), std::string::npos) << m;
  }
  {
    zstdpp::PathWriter w("/dev/full");
    w.write(to_bytes("small"));
    const std::string m = expect_error([&] { w.close(); }, ErrorCode::kIo, {"/dev/full"});
    EXPECT_NE(m.find(nospc), std::string::npos) << m;
    EXPECT_NE(m.find("close"), std::string::npos) << m;
    w.close();  // closed all the same
  }
  // The destructor cannot report it, and must not throw.
  EXPECT_NO_THROW({
    zstdpp::PathWriter w("/dev/full");
    w.write(to_bytes("lost"));
  });
}

}  // namespace
}  // namespace zstdpp_test

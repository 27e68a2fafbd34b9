// The Reader/Writer adapters of io.hpp: memory, standard streams, C FILE*, paths, and the
// std::streambuf bridges the other way.
//
// Why shaped so: each adapter is one virtual call per chunk (never per byte) and turns the
// failure conventions of what it wraps (stream state bits, ferror/errno, fopen's NULL)
// into one: ZstdError(kIo) naming the operation and, for files, the path and strerror.
// A closed adapter refuses work with kWrongState. The streambufs are the one place where
// exceptions must not cross (iostreams have their own error channel, the state bits), so
// they keep the Reader's or Writer's exception in error_ and report failure the iostream
// way; io.hpp says exactly what libstdc++ does with that.
#include <zstdpp/io.hpp>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstring>
#include <string_view>

#include "api/raise.hpp"

namespace zstdpp {

namespace {
void check_open(bool closed, std::string_view who, const char* op = "") {
  if (closed) [[unlikely]]
    api::raise(ErrorCode::kWrongState, std::string(who) + op + ": the stream is closed");
}
[[noreturn]] void raise_io(const std::string& what, int err) {
  api::raise(ErrorCode::kIo, what + ": " + std::strerror(err));
}
}  // namespace

std::size_t MemoryReader::read(MutableByteView dst) {
  check_open(closed_, "MemoryReader::read");
  const std::size_t n = std::min(dst.size(), data_.size() - pos_);
  if (n != 0) std::memcpy(dst.data(), data_.data() + pos_, n);
  pos_ += n;
  return n;
}

std::size_t VectorWriter::write(ByteView src) {
  check_open(closed_, "VectorWriter::write");
  out_->insert(out_->end(), src.begin(), src.end());
  return src.size();
}

std::size_t StringWriter::write(ByteView src) {
  check_open(closed_, "StringWriter::write");
  out_->append(as_chars(src));
  return src.size();
}

// --- Standard streams -----------------------------------------------------------------

std::size_t IstreamReader::read(MutableByteView dst) {
  check_open(closed_, "IstreamReader::read");
  if (dst.empty()) return 0;
  if (in_->bad()) api::raise(ErrorCode::kIo, "IstreamReader::read: the std::istream is bad");
  if (in_->eof()) return 0;
  // readsome() would return 0 on streams that buffer nothing; read() blocks until the
  // span is full or the stream ends, which is what a Reader may do. With eofbit or
  // failbit in exceptions(), the end of the stream throws; the state bits (set before the
  // throw) and gcount() still tell an end from a failure.
  try {
    in_->read(reinterpret_cast<char*>(dst.data()), static_cast<std::streamsize>(dst.size()));
  } catch (const std::ios_base::failure&) {
    if (!in_->eof() || in_->bad()) api::raise(ErrorCode::kIo, "IstreamReader::read: the std::istream failed");
  }
  const auto got = static_cast<std::size_t>(in_->gcount());
  if (in_->bad()) api::raise(ErrorCode::kIo, "IstreamReader::read: the std::istream failed (badbit)");
  if (in_->fail() && !in_->eof())
    api::raise(ErrorCode::kIo, "IstreamReader::read: the std::istream failed (failbit)");
  return got;
}

std::size_t OstreamWriter::write(ByteView src) {
  check_open(closed_, "OstreamWriter::write");
  if (src.empty()) return 0;
  try {
    out_->write(reinterpret_cast<const char*>(src.data()), static_cast<std::streamsize>(src.size()));
  } catch (const std::ios_base::failure&) {
    // exceptions() includes a bit that was set: the state says the same, checked below.
  }
  if (!*out_) api::raise(ErrorCode::kIo, "OstreamWriter::write: the std::ostream failed");
  return src.size();
}

namespace {
void flush_ostream(std::ostream& out, const char* what) {
  try {
    out.flush();
  } catch (const std::ios_base::failure&) {
  }
  if (!out) api::raise(ErrorCode::kIo, std::string(what) + ": the std::ostream failed");
}
}  // namespace

void OstreamWriter::flush() {
  check_open(closed_, "OstreamWriter::flush");
  flush_ostream(*out_, "OstreamWriter::flush");
}

void OstreamWriter::close() {
  if (closed_) return;
  closed_ = true;  // first: a failing flush still leaves the adapter closed
  flush_ostream(*out_, "OstreamWriter::close: flushing");
}

// --- C files --------------------------------------------------------------------------

FileReader::~FileReader() {
  if (close_file_ && file_ != nullptr) std::fclose(file_);
}

std::size_t FileReader::read(MutableByteView dst) {
  check_open(closed_, label_, "::read");
  if (dst.empty()) return 0;
  const std::size_t got = std::fread(dst.data(), 1, dst.size(), file_);
  if (got < dst.size() && std::ferror(file_)) raise_io(label_ + ": read: fread failed", errno);
  return got;
}

void FileReader::close() {
  if (closed_) return;
  closed_ = true;
  std::FILE* f = file_;
  file_ = nullptr;
  if (close_file_ && f != nullptr && std::fclose(f) != 0) raise_io(label_ + ": close: fclose failed", errno);
}

FileWriter::~FileWriter() {
  if (close_file_ && file_ != nullptr) std::fclose(file_);  // a destructor cannot report
}

std::size_t FileWriter::write(ByteView src) {
  check_open(closed_, label_, "::write");
  if (src.empty()) return 0;
  if (std::fwrite(src.data(), 1, src.size(), file_) != src.size())
    raise_io(label_ + ": write: fwrite of " + std::to_string(src.size()) + " bytes failed", errno);
  return src.size();
}

void FileWriter::flush() {
  check_open(closed_, label_, "::flush");
  if (std::fflush(file_) != 0) raise_io(label_ + ": flush: fflush failed", errno);
}

void FileWriter::close() {
  if (closed_) return;
  closed_ = true;
  std::FILE* f = file_;
  file_ = nullptr;
  if (f == nullptr) return;
  // Buffered bytes reach the file (or fail here) whether or not we own the FILE*.
  if (std::fflush(f) != 0) {
    const int err = errno;
    if (close_file_) std::fclose(f);
    raise_io(label_ + ": close: fflush failed", err);
  }
  if (close_file_ && std::fclose(f) != 0) raise_io(label_ + ": close: fclose failed", errno);
}

// --- Paths ----------------------------------------------------------------------------

namespace {
std::FILE* open_path(const std::filesystem::path& path, const char* mode, const char* what) {
  std::FILE* f = std::fopen(path.c_str(), mode);
  if (f == nullptr) raise_io(std::string(what) + ": cannot open " + path.string(), errno);
  return f;
}
const char* mode_string(OpenMode mode) {
  switch (mode) {
    case OpenMode::kAppend: return "ab";
    case OpenMode::kExclusive: return "wbx";  // C11's exclusive-create flag (O_EXCL)
    case OpenMode::kTruncate: break;
  }
  return "wb";
}
}  // namespace

// Errors after opening name the path too: "PathWriter /dev/full: close: fflush failed: ...".
PathReader::PathReader(const std::filesystem::path& path)
    : path_(path), file_(open_path(path, "rb", "PathReader"), true, "PathReader " + path.string()) {}

PathWriter::PathWriter(const std::filesystem::path& path, OpenMode mode)
    : path_(path), file_(open_path(path, mode_string(mode), "PathWriter"), true, "PathWriter " + path.string()) {}

// --- std::streambuf bridges -----------------------------------------------------------

// The buffer sizes are capped at INT_MAX because gbump() and pbump() take an int.
ReaderStreambuf::ReaderStreambuf(Reader& reader, std::size_t buffer_size)
    : reader_(&reader), buffer_size_(std::clamp<std::size_t>(buffer_size, 1, INT_MAX)) {
  buffer_ = std::make_unique<char[]>(buffer_size_);
  setg(buffer_.get(), buffer_.get(), buffer_.get());
}

ReaderStreambuf::int_type ReaderStreambuf::underflow() {
  if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
  if (error_) return traits_type::eof();
  std::size_t got = 0;
  try {
    got = reader_->read({reinterpret_cast<std::uint8_t*>(buffer_.get()), buffer_size_});
  } catch (...) {
    error_ = std::current_exception();
    return traits_type::eof();
  }
  setg(buffer_.get(), buffer_.get(), buffer_.get() + got);
  if (got == 0) return traits_type::eof();
  return traits_type::to_int_type(*gptr());
}

std::streamsize ReaderStreambuf::xsgetn(char_type* s, std::streamsize n) {
  std::streamsize done = 0;
  while (done < n) {
    if (gptr() == egptr() && underflow() == traits_type::eof()) break;
    const std::streamsize take = std::min<std::streamsize>(n - done, egptr() - gptr());
    std::memcpy(s + done, gptr(), static_cast<std::size_t>(take));
    gbump(static_cast<int>(take));  // take <= buffer_size_, which fits the buffer
    done += take;
  }
  return done;
}

std::streamsize ReaderStreambuf::showmanyc() {
  // -1 after an error or end would let in_avail() promise "no more"; we only know the
  // buffered count, which the base class already adds.
  return 0;
}

WriterStreambuf::WriterStreambuf(Writer& writer, std::size_t buffer_size)
    : writer_(&writer), buffer_size_(std::clamp<std::size_t>(buffer_size, 1, INT_MAX)) {
  buffer_ = std::make_unique<char[]>(buffer_size_);
  setp(buffer_.get(), buffer_.get() + buffer_size_);
}

WriterStreambuf::~WriterStreambuf() { drain(); }  // drain() never throws

// Keeps the writer's exception and empties the put area, so that from now on every
// character goes to overflow() and fails there: with room left in the buffer, sputc()
// (std::ostream::put) would otherwise store characters that are never written, and the
// stream would not know.
void WriterStreambuf::fail() {
  error_ = std::current_exception();
  setp(nullptr, nullptr);
}

bool WriterStreambuf::drain() {
  if (error_) return false;
  const auto n = static_cast<std::size_t>(pptr() - pbase());
  try {
    if (n != 0) writer_->write({reinterpret_cast<const std::uint8_t*>(pbase()), n});
  } catch (...) {
    fail();
    return false;
  }
  setp(buffer_.get(), buffer_.get() + buffer_size_);
  return true;
}

WriterStreambuf::int_type WriterStreambuf::overflow(int_type ch) {
  if (!drain()) return traits_type::eof();
  if (traits_type::eq_int_type(ch, traits_type::eof())) return traits_type::not_eof(ch);
  *pptr() = traits_type::to_char_type(ch);
  pbump(1);
  return ch;
}

std::streamsize WriterStreambuf::xsputn(const char_type* s, std::streamsize n) {
  if (error_) return 0;
  const auto room = static_cast<std::streamsize>(epptr() - pptr());
  if (n <= room) {
    std::memcpy(pptr(), s, static_cast<std::size_t>(n));
    pbump(static_cast<int>(n));
    return n;
  }
  // Larger than the room left: write what is buffered; then a piece smaller than the
  // buffer starts the next bufferful (writing it on by itself would make one writer call
  // per piece for a stream of small pieces that do not divide the buffer), and a larger
  // one goes on in one call of its own.
  if (!drain()) return 0;
  if (n < static_cast<std::streamsize>(buffer_size_)) {
    std::memcpy(pptr(), s, static_cast<std::size_t>(n));
    pbump(static_cast<int>(n));
    return n;
  }
  try {
    writer_->write({reinterpret_cast<const std::uint8_t*>(s), static_cast<std::size_t>(n)});
  } catch (...) {
    fail();
    return 0;
  }
  return n;
}

int WriterStreambuf::sync() {
  if (!drain()) return -1;
  try {
    writer_->flush();
  } catch (...) {
    fail();
    return -1;
  }
  return 0;
}

ReaderIstream::ReaderIstream(Reader& reader, std::size_t buffer_size)
    : std::istream(nullptr), buf_(reader, buffer_size) {
  rdbuf(&buf_);
}

WriterOstream::WriterOstream(Writer& writer, std::size_t buffer_size)
    : std::ostream(nullptr), buf_(writer, buffer_size) {
  rdbuf(&buf_);
}

}  // namespace zstdpp

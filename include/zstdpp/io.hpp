// The I/O model of the stream objects: a Reader is anything bytes can be pulled from, a
// Writer anything bytes can be pushed into.
//
// The interfaces are deliberately small (snappy's Source/Sink): one virtual call per
// chunk, never per byte. Every stream object of the API is itself a Reader
// (ZstdCompressionReader, ZstdDecompressionReader) or a Writer (ZstdCompressionWriter,
// ZstdDecompressionWriter), so they compose:
//
//   zstdpp::PathReader file("data.bin");
//   auto compressing = compressor.stream_reader(file);       // reads compressed bytes
//   auto round_trip = decompressor.stream_reader(compressing);   // reads data.bin again
//
// Adapters connect the interfaces to what a C++ program already has: memory (a span in; a
// std::vector or std::string out), std::istream / std::ostream, a C FILE*, and a file path
// (opened and closed by the adapter). ReaderStreambuf / WriterStreambuf go the other way
// and make any Reader or Writer a std::streambuf, so std::getline and operator<< work over
// a (de)compressing stream:
//
//   auto reader = decompressor.stream_reader(file);
//   zstdpp::ReaderIstream text(reader);
//   for (std::string line; std::getline(text, line);) { ... }
//
// Borrowing: adapters and stream objects hold references to what they wrap; it must
// outlive them. Errors of the underlying stream or file are ZstdError(kIo) naming the
// operation and, for files, the path and the system's message.
//
// Thread safety: none of these objects may be used from two threads at once.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <istream>
#include <memory>
#include <ostream>
#include <streambuf>
#include <string>
#include <utility>

#include <zstdpp/bytes.hpp>

namespace zstdpp {

/// Something bytes can be read from.
class Reader {
 public:
  virtual ~Reader() = default;
  /// Reads up to `dst.size()` bytes into `dst`; returns how many. Returns 0 only at the end
  /// of the stream or when `dst` is empty; fewer than asked is not the end.
  virtual std::size_t read(MutableByteView dst) = 0;
  /// Releases what the reader holds (closing a file it opened). Idempotent. Reading after
  /// close() is a ZstdError(kWrongState).
  virtual void close() {}
};

/// Something bytes can be written to.
class Writer {
 public:
  virtual ~Writer() = default;
  /// Takes all of `src` (or throws). The return value is what the object reports: plain
  /// adapters return src.size(); a compressing stream_writer returns the bytes it passed
  /// on to its own writer, or src.size() with write_return_read.
  virtual std::size_t write(ByteView src) = 0;
  /// Pushes anything buffered to the final destination.
  virtual void flush() {}
  /// Flushes and releases (closing a file it opened). Idempotent. Writing after close()
  /// is a ZstdError(kWrongState).
  virtual void close() {}
};

/// Result of copy_stream(): bytes read from the source, bytes written to the destination.
struct CopyStreamResult {
  std::uint64_t read = 0;
  std::uint64_t written = 0;
};

// --- Memory ---------------------------------------------------------------------------

/// Reads a borrowed span.
class MemoryReader final : public Reader {
 public:
  explicit MemoryReader(ByteView data) : data_(data) {}
  std::size_t read(MutableByteView dst) override;
  void close() override { closed_ = true; }
  /// Bytes read so far.
  std::size_t tell() const { return pos_; }

 private:
  ByteView data_;
  std::size_t pos_ = 0;
  bool closed_ = false;
};

/// Appends to a borrowed std::vector<std::uint8_t>.
class VectorWriter final : public Writer {
 public:
  explicit VectorWriter(Bytes& out) : out_(&out) {}
  std::size_t write(ByteView src) override;
  void close() override { closed_ = true; }

 private:
  Bytes* out_;
  bool closed_ = false;
};

/// Appends to a borrowed std::string.
class StringWriter final : public Writer {
 public:
  explicit StringWriter(std::string& out) : out_(&out) {}
  std::size_t write(ByteView src) override;
  void close() override { closed_ = true; }

 private:
  std::string* out_;
  bool closed_ = false;
};

// --- Standard streams -----------------------------------------------------------------

/// Reads a borrowed std::istream; a stream in a failed (not end-of-file) state is kIo.
/// The stream's exceptions() mask does not change that: a std::ios_base::failure it
/// throws becomes kIo, or the end of the stream when it reports only the end. (An
/// exception thrown by the stream's own streambuf, which libstdc++ rethrows when badbit
/// is in the mask, passes through as it is.)
class IstreamReader final : public Reader {
 public:
  explicit IstreamReader(std::istream& in) : in_(&in) {}
  std::size_t read(MutableByteView dst) override;
  void close() override { closed_ = true; }

 private:
  std::istream* in_;
  bool closed_ = false;
};

/// Writes a borrowed std::ostream; flush() flushes it, close() flushes it and leaves it
/// open. A failed stream is kIo (also when its exceptions() would throw
/// std::ios_base::failure; an exception of its own streambuf passes through as it is).
class OstreamWriter final : public Writer {
 public:
  explicit OstreamWriter(std::ostream& out) : out_(&out) {}
  std::size_t write(ByteView src) override;
  void flush() override;
  void close() override;

 private:
  std::ostream* out_;
  bool closed_ = false;
};

// --- C files --------------------------------------------------------------------------

/// Reads a C FILE*. With `close_file`, close() (and the destructor) fclose it; without,
/// close() leaves the FILE* open and usable (only the adapter refuses further reads).
class FileReader final : public Reader {
 public:
  explicit FileReader(std::FILE* file, bool close_file = false) : FileReader(file, close_file, "FileReader") {}
  ~FileReader() override;
  FileReader(const FileReader&) = delete;
  FileReader& operator=(const FileReader&) = delete;
  std::size_t read(MutableByteView dst) override;
  void close() override;

 private:
  friend class PathReader;
  // `label` begins every error message ("PathReader /some/file" for a path).
  FileReader(std::FILE* file, bool close_file, std::string label)
      : file_(file), close_file_(close_file), label_(std::move(label)) {}
  std::FILE* file_;
  bool close_file_;
  bool closed_ = false;
  std::string label_;
};

/// Writes a C FILE*. With `close_file`, close() (and the destructor) fclose it; without,
/// close() fflushes it but leaves it open, and the destructor leaves it alone.
class FileWriter final : public Writer {
 public:
  explicit FileWriter(std::FILE* file, bool close_file = false) : FileWriter(file, close_file, "FileWriter") {}
  ~FileWriter() override;
  FileWriter(const FileWriter&) = delete;
  FileWriter& operator=(const FileWriter&) = delete;
  std::size_t write(ByteView src) override;
  void flush() override;
  void close() override;

 private:
  friend class PathWriter;
  FileWriter(std::FILE* file, bool close_file, std::string label)
      : file_(file), close_file_(close_file), label_(std::move(label)) {}
  std::FILE* file_;
  bool close_file_;
  bool closed_ = false;
  std::string label_;
};

// --- Paths ----------------------------------------------------------------------------

/// Opens a file by path for reading; closed by close() or the destructor. Every error
/// names the path.
class PathReader final : public Reader {
 public:
  /// Throws ZstdError(kIo) naming the path and the system's reason when it cannot open.
  explicit PathReader(const std::filesystem::path& path);
  std::size_t read(MutableByteView dst) override { return file_.read(dst); }
  void close() override { file_.close(); }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
  FileReader file_;
};

/// How PathWriter opens its file: Python's modes "w", "a" and "x".
enum class OpenMode : std::uint8_t {
  kTruncate,   // "w": create, or empty an existing file
  kAppend,     // "a": create, or write after the existing content
  kExclusive,  // "x": create; an existing file is an error
};

/// Opens a file by path for writing; flushed and closed by close() or the destructor (a
/// destructor cannot report a failure: call close() to see it). Every error names the
/// path; a full disk may show only at flush() or close(), the C library buffering writes.
class PathWriter final : public Writer {
 public:
  /// Throws ZstdError(kIo) naming the path and the system's reason when it cannot open.
  explicit PathWriter(const std::filesystem::path& path, OpenMode mode = OpenMode::kTruncate);
  std::size_t write(ByteView src) override { return file_.write(src); }
  void flush() override { file_.flush(); }
  void close() override { file_.close(); }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
  FileWriter file_;
};

// --- std::streambuf over a Reader or Writer -------------------------------------------

/// A read-only std::streambuf pulling from a borrowed Reader through a buffer of
/// `buffer_size` bytes (at least 1, at most INT_MAX). Not seekable: seekg fails (failbit)
/// and tellg returns -1. An exception from the reader never leaves the streambuf: it is
/// kept in error() and the streambuf reports end of input from then on, without asking
/// the reader again. What libstdc++'s std::istream then does is what it does at a real
/// end: eofbit, plus failbit when the extraction got nothing (not badbit, which libstdc++
/// sets only when the streambuf itself throws). So `while (std::getline(in, line))` sees
/// the part of a line read before the error as a last line without its '\n', then ends;
/// check error() (or ReaderIstream::rethrow_if_error()) afterwards to tell a failure from
/// the end.
class ReaderStreambuf : public std::streambuf {
 public:
  explicit ReaderStreambuf(Reader& reader, std::size_t buffer_size = 65536);
  /// The reader's exception that ended the input, if any.
  std::exception_ptr error() const { return error_; }

 protected:
  int_type underflow() override;
  std::streamsize xsgetn(char_type* s, std::streamsize n) override;
  std::streamsize showmanyc() override;

 private:
  Reader* reader_;
  std::unique_ptr<char[]> buffer_;
  std::size_t buffer_size_;
  std::exception_ptr error_;
};

/// A write-only std::streambuf pushing into a borrowed Writer through a buffer of
/// `buffer_size` bytes (at least 1, at most INT_MAX); pubsync() (std::flush) writes the buffer and calls the writer's
/// flush(). The destructor writes what is buffered (never throwing) but does not close the
/// writer. An exception from the writer never leaves the streambuf: it is kept in error(),
/// and overflow / xsputn / sync report failure (eof, a short count, -1) from then on, so
/// libstdc++'s std::ostream sets badbit; if the stream's exceptions() include badbit it
/// throws std::ios_base::failure (not the writer's ZstdError: that one is in error()).
class WriterStreambuf : public std::streambuf {
 public:
  explicit WriterStreambuf(Writer& writer, std::size_t buffer_size = 65536);
  ~WriterStreambuf() override;
  std::exception_ptr error() const { return error_; }

 protected:
  int_type overflow(int_type ch) override;
  std::streamsize xsputn(const char_type* s, std::streamsize n) override;
  int sync() override;

 private:
  bool drain();
  void fail();
  Writer* writer_;
  std::unique_ptr<char[]> buffer_;
  std::size_t buffer_size_;
  std::exception_ptr error_;
};

/// A std::istream over a borrowed Reader (it owns its ReaderStreambuf).
class ReaderIstream : public std::istream {
 public:
  explicit ReaderIstream(Reader& reader, std::size_t buffer_size = 65536);
  ReaderStreambuf& streambuf() { return buf_; }
  /// Rethrows the reader's exception that ended the input, if any.
  void rethrow_if_error() const {
    if (buf_.error()) std::rethrow_exception(buf_.error());
  }

 private:
  ReaderStreambuf buf_;
};

/// A std::ostream over a borrowed Writer (it owns its WriterStreambuf). Destruction
/// writes what is buffered; the writer itself is not closed.
class WriterOstream : public std::ostream {
 public:
  explicit WriterOstream(Writer& writer, std::size_t buffer_size = 65536);
  WriterStreambuf& streambuf() { return buf_; }
  /// Rethrows the writer's exception that made the stream bad, if any.
  void rethrow_if_error() const {
    if (buf_.error()) std::rethrow_exception(buf_.error());
  }

 private:
  WriterStreambuf buf_;
};

}  // namespace zstdpp

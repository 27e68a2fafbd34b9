// compression.zstd.ZstdFile and open(): a .zst file (or a borrowed Reader / Writer) read
// or written as its decompressed bytes, as Python 3.14's module offers.
//
//   namespace zstd = zstdpp::compression::zstd;
//   {
//     zstd::ZstdFile out("log.zst", "w", 19);        // level 19
//     out.write(record);
//     out.flush();                                    // FLUSH_BLOCK: decodable so far
//   }                                                 // destruction closes: frame ended
//   zstd::ZstdFile in("log.zst");                     // "r": every frame in the file
//   for (zstdpp::Bytes line = in.readline(); !line.empty(); line = in.readline()) ...
//
//   zstd::ZstdTextFile text = zstd::open_text("notes.zst", "wt");
//   text.ostream() << "line " << 1 << '\n';
//   text.close();                                     // reports a failure; ~ would not
//
// Why it is shaped so: nothing here decodes or encodes. Reading is one
// zstdpp::ZstdDecompressionReader (read_across_frames, so skippable frames and the frames
// an "a" session appended are all read) over a PathReader or the caller's Reader;
// writing is one zstdpp::ZstdCompressionWriter per frame over a PathWriter or the caller's
// Writer. What the file adds is Python's io.BufferedReader: one read-ahead buffer of
// DECOMPRESSION_RECOMMENDED_OUTPUT_SIZE bytes that read, read1, readinto, peek, readline
// and seek all take from first, so they interleave in any order without losing a byte.
//
// Seeking (read mode) is emulated, as in Python: forward by decoding and discarding;
// backward by reopening the path and decoding again from the start, so only a ZstdFile
// that opened the path itself can go back (seekable() says so); SEEK_END decodes to the
// end to learn the size. A borrowed Reader may still seek forward (Python refuses every
// seek on a stream that is not seekable; forward costs nothing extra here).
//
// Python -> C++ (the conventions of zstd.hpp): keyword arguments are positional, in the
// documented order; None is std::nullopt; TypeError / ValueError for an argument is
// ZstdError(kParameterOutOfBounds); an operation in the wrong mode or after close() is
// ZstdError(kWrongState) (Python: io.UnsupportedOperation / ValueError). `options` is a
// CompressionOptions when writing and a DecompressionOptions when reading (one parameter,
// as in Python, hence the variant). Text mode: Python's open() returns a TextIOWrapper
// for "rt"/"wt"/...; a C++ function cannot return a ZstdFile or a stream by the value of
// a string, so text modes have their own function, open_text(), returning a ZstdTextFile
// (a std::istream or std::ostream over a ZstdFile). No encoding or newline translation:
// the bytes as written (UTF-8 expected); encoding/errors/newline are therefore absent.
//
// Thread safety: none; one thread at a time (as Python's file objects, which lock only to
// keep their own state consistent).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <istream>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <variant>

#include <zstdpp/bytes.hpp>
#include <zstdpp/compression/zstd.hpp>
#include <zstdpp/io.hpp>

namespace zstdpp::compression::zstd {

/// ZstdFile's `options`: CompressionOptions in the write modes, DecompressionOptions in
/// the read modes (the other kind is ZstdError(kParameterOutOfBounds)). Spell the type:
/// `zstd::CompressionOptions{{zstd::CompressionParameter::checksum_flag, 1}}`.
using FileOptions = std::variant<CompressionOptions, DecompressionOptions>;

/// A Zstandard-compressed file in binary mode (Python's ZstdFile). Also a zstdpp::Reader
/// (read mode) and zstdpp::Writer (write mode), so it goes wherever those do (copy_stream,
/// ReaderStreambuf...). Move-only; destruction closes it and never throws.
class ZstdFile final : public zstdpp::Reader, public zstdpp::Writer {
 public:
  using Mode = StreamMode;
  /// flush() modes, as ZstdCompressor's.
  static constexpr Mode FLUSH_BLOCK = StreamMode::FLUSH_BLOCK;
  static constexpr Mode FLUSH_FRAME = StreamMode::FLUSH_FRAME;

  /// Opens `file` by path: mode "r"/"rb" reads; "w"/"wb" creates or truncates; "x"/"xb"
  /// creates and fails (ZstdError(kIo) naming the path) when the file exists; "a"/"ab"
  /// appends a new frame after what the file holds. Another mode is
  /// ZstdError(kParameterOutOfBounds) naming it. `level` and CompressionOptions are for
  /// writing (mutually exclusive, as ZstdCompressor's); in read mode a level ("level is
  /// illegal in read mode") or CompressionOptions is kParameterOutOfBounds. Arguments are
  /// checked before the file is opened, so a refused "w" leaves an existing file intact.
  explicit ZstdFile(const std::filesystem::path& file, std::string_view mode = "r",
                    std::optional<int> level = std::nullopt, const std::optional<FileOptions>& options = std::nullopt,
                    const std::optional<Loaded>& zstd_dict = std::nullopt);
  /// Reads the compressed bytes of a borrowed Reader (it must outlive the file and is not
  /// closed by it, as Python leaves a file object it did not open). A write mode is
  /// kParameterOutOfBounds.
  explicit ZstdFile(zstdpp::Reader& file, std::string_view mode = "r", std::optional<int> level = std::nullopt,
                    const std::optional<FileOptions>& options = std::nullopt,
                    const std::optional<Loaded>& zstd_dict = std::nullopt);
  /// Writes compressed bytes into a borrowed Writer (not closed by the file; flush()
  /// flushes it). Any write mode ("w", "x", "a": all the same here); a read mode is
  /// kParameterOutOfBounds. The default mode is "w" (Python's "r" cannot apply).
  explicit ZstdFile(zstdpp::Writer& file, std::string_view mode = "w", std::optional<int> level = std::nullopt,
                    const std::optional<FileOptions>& options = std::nullopt,
                    const std::optional<Loaded>& zstd_dict = std::nullopt);
  ~ZstdFile() override;
  ZstdFile(ZstdFile&&) noexcept;
  ZstdFile& operator=(ZstdFile&&) noexcept;

  // --- Read mode (else kWrongState) ----------------------------------------------------

  /// Up to `size` decompressed bytes, fewer only at the end; size < 0: all that is left.
  /// read(0) is empty. Empty at the end of the file.
  Bytes read(std::ptrdiff_t size = -1);
  /// Up to `size` bytes (size < 0: up to DECOMPRESSION_RECOMMENDED_OUTPUT_SIZE), without
  /// waiting for more than is at hand: what is buffered, else what one read of the source
  /// decodes (more reads only when that one completed no output yet). Empty only at
  /// the end of the file, unlike the stream_reader's read1.
  Bytes read1(std::ptrdiff_t size = -1);
  /// Fills `b` unless the file ends first; returns the bytes written (0: the end).
  std::size_t readinto(MutableByteView b);
  /// As read1, into `b`.
  std::size_t readinto1(MutableByteView b);
  /// One line, its '\n' kept (none on a last line without one); with size >= 0 at most
  /// `size` bytes (the line may be cut). Empty at the end of the file.
  Bytes readline(std::ptrdiff_t size = -1);
  /// The buffered bytes, without consuming them: at least one unless at the end (then
  /// empty). `size` is accepted and not used: as Python's BufferedReader, the count
  /// returned is what the buffer holds.
  Bytes peek(std::ptrdiff_t size = -1);
  /// Moves to `offset` relative to whence (SEEK_SET, SEEK_CUR, SEEK_END); returns the new
  /// decompressed position, which stops at the end of the file when the target is past
  /// it, and at 0 when it is before the start (Python's rule). Going back needs
  /// seekable(); for a borrowed Reader it is kWrongState naming why. Another whence is
  /// kParameterOutOfBounds.
  std::uint64_t seek(std::int64_t offset, int whence = SEEK_SET);
  /// Reader interface: readinto(dst).
  std::size_t read(MutableByteView dst) override { return readinto(dst); }

  // --- Write mode (else kWrongState) ---------------------------------------------------

  /// Compresses all of `data`; returns data.size(). Output is buffered: the file holds it
  /// after flush() or close().
  std::size_t write(ByteView data) override;
  /// FLUSH_BLOCK: everything written so far reaches the file as complete blocks
  /// (decodable so far); FLUSH_FRAME: ends the frame, the next write() begins another.
  /// Then flushes the file. A mode equal to the last one does nothing (Python's rule), and
  /// so does FLUSH_BLOCK before anything was written into a frame. Another mode is
  /// kParameterOutOfBounds. In read mode: nothing (as Python); after close(): kWrongState.
  void flush(Mode mode);
  /// flush(FLUSH_BLOCK) (also the Writer interface's flush()).
  void flush() override { flush(FLUSH_BLOCK); }

  // --- Both ----------------------------------------------------------------------------

  /// Read mode: the decompressed position; write mode: the decompressed bytes written.
  /// After close(): kWrongState.
  std::uint64_t tell() const;
  /// Ends the frame in write mode (nothing written: no frame, an empty file, as Python),
  /// closes the file if it opened it, releases the (de)compressor. Idempotent. The first
  /// error (a failing flush or close of the file) is thrown after everything is released.
  void close() override;
  bool closed() const;
  /// "rb" or "wb", as Python (whatever letter opened it).
  std::string_view mode() const;
  /// The path when the file was opened by path; std::nullopt for a borrowed stream.
  /// After close(): kWrongState (as Python's name).
  std::optional<std::filesystem::path> name() const;
  /// After close(), these three are kWrongState, as Python's.
  bool readable() const;
  bool writable() const;
  /// True in read mode when the file opened the path itself (so it can go back).
  bool seekable() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

/// A ZstdFile read or written as text (Python's open() in "rt"/"wt"/"at"/"xt"): a
/// std::istream (read mode) or std::ostream (write mode) over a ZstdFile it owns, through
/// io.hpp's ReaderStreambuf / WriterStreambuf. Bytes go through unchanged. Move-only;
/// destruction writes what the stream buffers and closes the file, never throwing.
class ZstdTextFile {
 public:
  ~ZstdTextFile();
  ZstdTextFile(ZstdTextFile&&) noexcept;
  ZstdTextFile& operator=(ZstdTextFile&&) noexcept;

  /// The stream to read lines from (read mode; else, or after close(): kWrongState). A
  /// decoding error ends the stream as an end of file would: check rethrow_if_error().
  std::istream& istream();
  /// The stream to write text into (write mode; else, or after close(): kWrongState).
  std::ostream& ostream();
  /// The binary file underneath (e.g. for flush(FLUSH_FRAME) after ostream().flush());
  /// mixing its reads with the istream's skips what the istream buffered.
  ZstdFile& file();
  /// Writes what the ostream buffers, then file().flush(mode); rethrows a stream error.
  void flush(ZstdFile::Mode mode = ZstdFile::FLUSH_BLOCK);
  /// Writes what the ostream buffers and closes the file; throws the first error (the
  /// stream's, then the file's). Idempotent.
  void close();
  bool closed() const { return !file_ || file_->closed(); }
  /// "rt" or "wt".
  std::string_view mode() const;
  /// Rethrows the error that ended the istream or made the ostream bad, if any.
  void rethrow_if_error() const;

 private:
  friend ZstdTextFile open_text(const std::filesystem::path&, std::string_view, std::optional<int>,
                                const std::optional<FileOptions>&, const std::optional<Loaded>&);
  friend ZstdTextFile open_text(zstdpp::Reader&, std::string_view, std::optional<int>,
                                const std::optional<FileOptions>&, const std::optional<Loaded>&);
  friend ZstdTextFile open_text(zstdpp::Writer&, std::string_view, std::optional<int>,
                                const std::optional<FileOptions>&, const std::optional<Loaded>&);
  explicit ZstdTextFile(ZstdFile file);
  void destroy() noexcept;

  // Declared first so it is destroyed last: the streams write into it while they go.
  std::unique_ptr<ZstdFile> file_;
  std::unique_ptr<zstdpp::ReaderIstream> in_;
  std::unique_ptr<zstdpp::WriterOstream> out_;
};

/// Python's open() in a binary mode ("rb" (default), "wb", "xb", "ab", or without the
/// "b"): ZstdFile(file, mode, ...). A text mode ("rt"...) is kParameterOutOfBounds naming
/// open_text(), which gives text modes their stream.
ZstdFile open(const std::filesystem::path& file, std::string_view mode = "rb", std::optional<int> level = std::nullopt,
              const std::optional<FileOptions>& options = std::nullopt,
              const std::optional<Loaded>& zstd_dict = std::nullopt);
ZstdFile open(zstdpp::Reader& file, std::string_view mode = "rb", std::optional<int> level = std::nullopt,
              const std::optional<FileOptions>& options = std::nullopt,
              const std::optional<Loaded>& zstd_dict = std::nullopt);
ZstdFile open(zstdpp::Writer& file, std::string_view mode = "wb", std::optional<int> level = std::nullopt,
              const std::optional<FileOptions>& options = std::nullopt,
              const std::optional<Loaded>& zstd_dict = std::nullopt);

/// Python's open() in a text mode: "rt" (default), "wt", "xt", "at" (or "r", "w", "x",
/// "a": text is implied here). A "b" mode is kParameterOutOfBounds naming open().
ZstdTextFile open_text(const std::filesystem::path& file, std::string_view mode = "rt",
                       std::optional<int> level = std::nullopt,
                       const std::optional<FileOptions>& options = std::nullopt,
                       const std::optional<Loaded>& zstd_dict = std::nullopt);
ZstdTextFile open_text(zstdpp::Reader& file, std::string_view mode = "rt", std::optional<int> level = std::nullopt,
                       const std::optional<FileOptions>& options = std::nullopt,
                       const std::optional<Loaded>& zstd_dict = std::nullopt);
ZstdTextFile open_text(zstdpp::Writer& file, std::string_view mode = "wt", std::optional<int> level = std::nullopt,
                       const std::optional<FileOptions>& options = std::nullopt,
                       const std::optional<Loaded>& zstd_dict = std::nullopt);

}  // namespace zstdpp::compression::zstd

// zstdpp::open: python-zstandard's open(), a compressed file by path or over a stream in
// one call, readable through a std::istream and writable through a std::ostream.
//
//   {
//     zstdpp::ZstdOpenFile log = zstdpp::open("log.zst", "wt");
//     log.ostream() << "started " << 42 << '\n';
//     log.close();                                   // ends the frame; reports errors
//   }
//   zstdpp::ZstdOpenFile in = zstdpp::open("log.zst", "rt");
//   for (std::string line; std::getline(in.istream(), line);) use(line);
//   in.rethrow_if_error();                           // a corrupt file is not an early end
//
// Modes, as python-zstandard: "r" reads; "w" truncates, "a" appends a new frame after what
// the file holds, "x" creates and refuses an existing file; each with "b" or "t". Both give
// the same object here: C++ has no text layer to add, so "t" only says the bytes are read
// through istream() / written through ostream() (no newline translation, no encoding:
// the bytes as written). Reading goes across every frame by default, unlike
// python-zstandard's stream_reader default, because a file written in "a" mode holds one
// frame per session and reading only the first would drop the rest.
//
// The (de)compressor: OpenOptions::cctx / dctx lend one (it must outlive the file and is
// busy meanwhile); without, the file makes its own with default options (level 3).
//
// Thread safety: one thread at a time, as the stream objects it is made of.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <istream>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include <zstdpp/bytes.hpp>
#include <zstdpp/constants.hpp>
#include <zstdpp/io.hpp>
#include <zstdpp/stream_reader_base.hpp>

namespace zstdpp {

class ZstdCompressor;
class ZstdDecompressor;

struct OpenOptions {
  ZstdCompressor* cctx = nullptr;    ///< borrowed, for the write modes; default: one of its own
  ZstdDecompressor* dctx = nullptr;  ///< borrowed, for the read modes; default: one of its own
  /// For a borrowed Reader / Writer: close() closes it too (default false, as Python's
  /// closefd=None). A file opened by path is always closed.
  std::optional<bool> closefd;
  /// Decode every frame (true), or stop after the first as python-zstandard's open does.
  bool read_across_frames = true;
};

/// A compressed file opened by zstdpp::open(): a Reader of decompressed bytes in the read
/// modes, a Writer that compresses in the write modes (the other direction is
/// ZstdError(kWrongState)). Move-only; destruction closes it and never throws (call
/// close() to see a final error).
class ZstdOpenFile final : public StreamReaderBase, public Writer {
 public:
  ~ZstdOpenFile() override;
  ZstdOpenFile(ZstdOpenFile&&) noexcept;
  ZstdOpenFile& operator=(ZstdOpenFile&&) noexcept;

  // Reading (read modes): read, read1, readinto, readinto1, readall of StreamReaderBase.
  // Once istream() was used, they are refused: the istream's buffer has read ahead.

  /// Compresses `data` (write modes); returns data.size().
  std::size_t write(ByteView data) override;
  /// FLUSH_BLOCK: everything written so far becomes decodable; FLUSH_FRAME: ends the
  /// frame (a later write begins another). Flushes ostream()'s buffer first.
  void flush(int flush_mode);
  void flush() override { flush(FLUSH_BLOCK); }

  /// A std::istream over the decompressed bytes (read modes).
  std::istream& istream();
  /// A std::ostream into the compressor (write modes).
  std::ostream& ostream();
  /// Rethrows the error that ended istream() or made ostream() bad, if any: the standard
  /// streams only set state bits.
  void rethrow_if_error() const;

  /// Ends the frame (write modes) and closes what the file opened (and, with closefd,
  /// the borrowed stream). Idempotent; anything but closed() afterwards is kWrongState.
  void close() override;
  bool closed() const;
  /// Read modes: the decompressed stream has ended. Write modes: closed().
  bool eof() const override;

  /// Decompressed bytes handed out (read modes) or compressed bytes produced (write modes).
  std::uint64_t tell() const;
  /// The mode given to open().
  const std::string& mode() const;
  bool readable() const;
  bool writable() const;
  bool seekable() const { return false; }

 private:
  struct State;
  friend ZstdOpenFile open(const std::filesystem::path&, std::string_view, const OpenOptions&);
  friend ZstdOpenFile open(Reader&, std::string_view, const OpenOptions&);
  friend ZstdOpenFile open(Writer&, std::string_view, const OpenOptions&);
  explicit ZstdOpenFile(std::unique_ptr<State> state);
  /// The file over `source` (read modes) or `sink` (write modes), owning `owned` when the
  /// file was opened by path.
  static ZstdOpenFile start(std::string_view mode, Reader* source, Writer* sink, std::unique_ptr<Reader> owned_source,
                            std::unique_ptr<Writer> owned_sink, bool closefd, const OpenOptions& options);
  std::size_t fill(MutableByteView dst, bool single_read, const char* call) override;
  std::unique_ptr<State> state_;
};

/// Opens the file at `path` in `mode` ("rb", "wb", "ab", "xb", or the same with "t", or
/// without the letter). Errors: a bad mode is ZstdError(kParameterOutOfBounds) naming it;
/// a file that cannot be opened (or, for "x", exists) is kIo naming the path.
ZstdOpenFile open(const std::filesystem::path& path, std::string_view mode = "rb", const OpenOptions& options = {});
/// Over a borrowed Reader of compressed bytes: a read mode only.
ZstdOpenFile open(Reader& source, std::string_view mode = "rb", const OpenOptions& options = {});
/// Over a borrowed Writer of compressed bytes: a write mode only ("w", "a" and "x" mean
/// the same here: the writer decides where the bytes go).
ZstdOpenFile open(Writer& sink, std::string_view mode = "wb", const OpenOptions& options = {});

}  // namespace zstdpp

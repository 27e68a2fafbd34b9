// zstdpp::open: python-zstandard's zstandard.open(), a compressed file in one call.
//
//   auto in = zstdpp::open("log.txt.zst", "rt");              // text: a std::istream
//   for (std::string line; std::getline(in.istream(), line);) { ... }
//
//   auto out = zstdpp::open("data.zst", "wb");                 // binary: a Writer
//   out.write(bytes);
//   out.close();                                               // ends the frame
//
// Modes: "rb" reads (every frame in the file, concatenated, as the zstd CLI does); "wb"
// truncates or creates, "ab" appends a new frame after the existing content, "xb"
// creates and fails if the file exists. "rt", "wt", "at", "xt" are the same with a
// std::istream / std::ostream over the (de)compressing stream; bytes go through
// unchanged (C++ streams here do no newline or encoding conversion, unlike Python's
// TextIOWrapper, so its encoding / errors / newline arguments have no counterpart).
//
// Reading uses ZstdDecompressor::stream_reader(read_across_frames = true); writing uses
// ZstdCompressor::stream_writer. The compressor or decompressor is the caller's when given
// (`cctx` / `dctx`: it must outlive the file and is busy until the file is closed), else
// one with default settings owned by the file.
//
// Thread safety: a ZstdOpenFile is used from one thread at a time.
#pragma once

#include <filesystem>
#include <istream>
#include <memory>
#include <ostream>
#include <string_view>

#include <zstdpp/bytes.hpp>
#include <zstdpp/io.hpp>

namespace zstdpp {

class ZstdCompressor;
class ZstdDecompressor;

struct OpenOptions {
  /// Compressor for the write modes; nullptr: a level-3 compressor owned by the file.
  ZstdCompressor* cctx = nullptr;
  /// Decompressor for the read modes; nullptr: a default decompressor owned by the file.
  ZstdDecompressor* dctx = nullptr;
  /// For open() over a caller's Reader / Writer: close() closes it too. (A file opened by
  /// path is always closed.)
  bool closefd = true;
};

/// What open() returns: a Reader in the read modes, a Writer in the others (using the
/// other direction is ZstdError(kWrongState)), plus a std::istream / std::ostream in the
/// text modes. Move-only; the destructor closes (never throwing: call close() to see a
/// final error, such as a full disk).
class ZstdOpenFile final : public Reader, public Writer {
 public:
  ZstdOpenFile(ZstdOpenFile&&) noexcept;
  ZstdOpenFile& operator=(ZstdOpenFile&&) noexcept;
  ~ZstdOpenFile() override;

  /// Decompressed bytes into `dst`; 0 at the end of the last frame.
  std::size_t read(MutableByteView dst) override;
  /// Decompressed bytes until the end of the file.
  Bytes readall();
  /// Compresses `src`; returns src.size().
  std::size_t write(ByteView src) override;
  /// Writes out a block: everything written so far becomes decodable.
  void flush() override;
  /// Ends the frame (write modes), closes the file. Idempotent.
  void close() override;
  bool closed() const;

  bool readable() const;
  bool writable() const;
  /// Decompressed bytes read, or uncompressed bytes written, so far.
  std::uint64_t tell() const;

  /// The text view of a "rt" file; kWrongState in the other modes.
  std::istream& istream();
  /// The text view of a "wt" / "at" / "xt" file; kWrongState in the other modes.
  std::ostream& ostream();

  struct Impl;

 private:
  friend ZstdOpenFile open(const std::filesystem::path&, std::string_view, const OpenOptions&);
  friend ZstdOpenFile open(Reader&, std::string_view, const OpenOptions&);
  friend ZstdOpenFile open(Writer&, std::string_view, const OpenOptions&);
  explicit ZstdOpenFile(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

/// Opens the file at `path` in `mode` (see the file comment). Throws ZstdError
/// (kParameterOutOfBounds) for an unknown mode, kIo when the file cannot be opened.
ZstdOpenFile open(const std::filesystem::path& path, std::string_view mode = "rb", const OpenOptions& options = {});
/// Reads compressed bytes from `source`: mode "rb" or "rt".
ZstdOpenFile open(Reader& source, std::string_view mode = "rb", const OpenOptions& options = {});
/// Writes compressed bytes to `destination`: mode "wb"/"ab"/"xb" or a text mode.
ZstdOpenFile open(Writer& destination, std::string_view mode = "wb", const OpenOptions& options = {});

}  // namespace zstdpp

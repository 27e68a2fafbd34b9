// ZstdDecompressionObj: python-zstandard's decompressobj(), incremental decompression
// with the zlib-style interface (decompress / flush / eof / unused_data /
// unconsumed_tail).
//
//   auto obj = decompressor.decompressobj();
//   zstdpp::Bytes out = obj.decompress(piece1);   // any pieces, any sizes
//   zstdpp::Bytes more = obj.decompress(piece2);
//   if (obj.eof()) use(obj.unused_data());        // bytes after the frame
//
// Each decompress() call consumes all of its input and returns all the output that input
// allows, produced write_size bytes at a time straight into the result. Single use: once
// the frame has ended, decompress() is ZstdError(kWrongState) ("cannot use a
// decompressobj multiple times", as python-zstandard says) and the bytes after the frame
// are kept in unused_data(). With read_across_frames the object goes on into the frames
// that follow instead, and eof() says whether the input seen so far ended exactly at a
// frame's end. flush() exists for zlib compatibility: all output is returned by
// decompress(), so it returns nothing. unconsumed_tail() is always empty for the same
// reason (all input is consumed).
//
// Lifetime: holds its decompressor's lease (other operations on it are refused) until the
// frame ends (or, with read_across_frames, until destroyed); the decompressor must
// outlive it. Thread safety: not to be used from two threads at once (a concurrent
// second call is detected and refused).
#pragma once

#include <cstddef>
#include <memory>

#include <zstdpp/bytes.hpp>

namespace zstdpp {

class ZstdDecompressor;
namespace detail {
class DecoderEngine;
class OperationLease;
}  // namespace detail

/// Incremental decompression of a frame (python-zstandard's ZstdDecompressionObj); made
/// by ZstdDecompressor::decompressobj(). Move-only. Not thread-safe: one thread at a time.
class ZstdDecompressionObj {
 public:
  ~ZstdDecompressionObj();
  ZstdDecompressionObj(ZstdDecompressionObj&&) noexcept;
  ZstdDecompressionObj& operator=(ZstdDecompressionObj&&) noexcept;

  /// Decompresses `data` (all of it is consumed); returns the output it allows, possibly
  /// nothing. After the frame ended (without read_across_frames): ZstdError(kWrongState).
  Bytes decompress(ByteView data);
  /// zlib compatibility: returns an empty Bytes (decompress() already returned all
  /// output). `length` is accepted and ignored, as python-zstandard does.
  Bytes flush(std::size_t length = 0);
  /// True once a frame's end has been reached (with read_across_frames: the input so far
  /// ends exactly at a frame's end).
  bool eof() const;
  /// Bytes given after the end of the frame (not decoded); empty before eof().
  Bytes unused_data() const;
  /// Input not yet fed to the decoder: always empty, since decompress() consumes all.
  Bytes unconsumed_tail() const { return {}; }

 private:
  friend class ZstdDecompressor;
  struct State;
  ZstdDecompressionObj(detail::DecoderEngine& engine, detail::OperationLease&& lease, std::size_t write_size,
                       bool read_across_frames);
  std::unique_ptr<State> state_;
};

}  // namespace zstdpp

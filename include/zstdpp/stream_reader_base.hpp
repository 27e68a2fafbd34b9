// The read family of Python's io (read, read1, readinto, readinto1, readall) over one
// fill() step: what ZstdCompressionReader and ZstdDecompressionReader have in common.
//
// A derived reader implements fill(), which writes into a destination until it is full
// or the stream ends (with `single_read`: reading its source at most once); every read
// method here is that call with python-zstandard's size rules.
#pragma once

#include <cstddef>

#include <zstdpp/bytes.hpp>
#include <zstdpp/io.hpp>

namespace zstdpp {

class StreamReaderBase : public Reader {
 public:
  /// The Reader interface: readinto() semantics (fills `dst` unless the stream ends).
  std::size_t read(MutableByteView dst) override { return fill(dst, false, "read"); }
  /// Up to `size` bytes, fewer only at the end; size < 0: all that is left (readall).
  /// read(0) is empty and reads nothing.
  Bytes read(std::ptrdiff_t size = -1);
  /// Up to `size` bytes with at most one read of the source (size < 0: up to the
  /// reader's recommended output size): output already made, plus what that read
  /// completes. Empty at the end of the stream, and also before it when the one read
  /// completed no output yet (call again).
  Bytes read1(std::ptrdiff_t size = -1);
  /// Fills `dst` unless the stream ends first; returns the bytes written.
  std::size_t readinto(MutableByteView dst) { return fill(dst, false, "readinto"); }
  /// Writes into `dst` what at most one read of the source gives (as read1); returns the
  /// bytes written: 0 at the end of the stream, or when that read completed no output.
  std::size_t readinto1(MutableByteView dst) { return fill(dst, true, "readinto1"); }
  /// Everything left in the stream.
  Bytes readall();
  /// True once the stream has ended (or was closed): what tells read1's empty result
  /// at the end from the one before it.
  virtual bool eof() const = 0;

  /// As python-zstandard: readable, not writable, not seekable.
  bool readable() const { return true; }
  bool writable() const { return false; }
  bool seekable() const { return false; }

 protected:
  explicit StreamReaderBase(std::size_t recommended_output) : recommended_output_(recommended_output) {}
  /// Writes into `dst` until it is full or the stream ends (`single_read`: reading the
  /// source at most once); returns the bytes written. `call` names the public call for
  /// error messages.
  virtual std::size_t fill(MutableByteView dst, bool single_read, const char* call) = 0;

 private:
  Bytes read_bytes(std::size_t size, bool single_read, const char* call);
  std::size_t recommended_output_;
};

}  // namespace zstdpp

// Backward bit reader (RFC 8878 section 4.1, "Bitstreams are read backward").
//
// FSE and Huffman streams are written forward and read from their last byte towards their
// first. The last byte holds a 1-bit end mark above the final bits; everything below it is
// payload. The reader keeps a 64-bit container loaded from the stream's end and counts the
// bits consumed from its top; reload() moves the load position back by whole bytes.
//
// Reading past the start never touches memory before it: once the position reaches the
// start, further bits read as garbage from a shifted container and `overflowed()` becomes
// true. Decoders loop a bounded number of times (known symbol or sequence counts) and test
// overflowed()/finished() once at the end, so the hot loop has no per-read check.
//
// Kernels copy the reader into a local so its fields live in registers.
#pragma once

#include <cstddef>
#include <cstdint>

#include "common/mem.hpp"

namespace zstdpp {

class BackwardBitReader {
 public:
  BackwardBitReader() = default;

  // Returns false when the stream is empty or its last byte lacks the end mark.
  bool init(const std::uint8_t* begin, std::size_t size) {
    if (size == 0) return false;
    start_ = begin;
    const std::uint8_t last = begin[size - 1];
    if (last == 0) return false;
    if (size >= 8) {
      ptr_ = begin + size - 8;
      container_ = load_le64(ptr_);
    } else {
      ptr_ = begin;
      container_ = load_le_n(begin, size);
    }
    // Skip the zero bits above the mark and the mark itself; a short stream's missing
    // bytes count as consumed.
    consumed_ = static_cast<unsigned>(__builtin_clz(last)) - 24 + 1;
    if (size < 8) consumed_ += static_cast<unsigned>(8 * (8 - size));
    return true;
  }

  // Next n bits (n <= 57 after a reload; 0 allowed) without consuming them.
  __attribute__((always_inline)) std::uint64_t peek(unsigned n) const {
    return ((container_ << (consumed_ & 63)) >> 1) >> ((63 - n) & 63);
  }
  // Next n bits, n >= 1: one shift less than peek().
  __attribute__((always_inline)) std::uint64_t peek_nonzero(unsigned n) const {
    return (container_ << (consumed_ & 63)) >> ((64 - n) & 63);
  }
  __attribute__((always_inline)) void skip(unsigned n) { consumed_ += n; }
  __attribute__((always_inline)) std::uint64_t read(unsigned n) {
    std::uint64_t v = peek(n);
    consumed_ += n;
    return v;
  }

  // Refills the container so that at least 57 bits are available unless the stream start
  // is near. Returns true while the fast path may continue (8+ whole bytes remained).
  __attribute__((always_inline)) bool reload() {
    // Common case: 16+ bytes from the start, and at most 64 bits consumed since the last
    // refill (every caller reads <= 57 bits between refills), so moving back by whole
    // bytes stays inside the stream.
    if (ptr_ - start_ >= 16) [[likely]] {
      reload_fast();
      return true;
    }
    return reload_near_start();
  }
  // A reload for the fast path: REQUIRES 8+ bytes between start and the load position.
  __attribute__((always_inline)) void reload_fast() {
    ptr_ -= consumed_ >> 3;
    consumed_ &= 7;
    container_ = load_le64(ptr_);
  }
  __attribute__((always_inline)) bool reload_near_start() {
    if (consumed_ > 64) {  // read past the start: stay there, flagged
      overflowed_ = true;
      consumed_ = 64;
      container_ = 0;
      return false;
    }
    if (ptr_ - start_ >= 8) {
      ptr_ -= consumed_ >> 3;
      consumed_ &= 7;
      container_ = load_le64(ptr_);
      return ptr_ - start_ >= 8;
    }
    if (ptr_ == start_) return false;
    std::size_t back = consumed_ >> 3;
    const std::size_t room = static_cast<std::size_t>(ptr_ - start_);
    if (back > room) back = room;
    ptr_ -= back;
    consumed_ -= static_cast<unsigned>(8 * back);
    container_ = load_le64(ptr_);
    return false;
  }

  // True while 8+ whole bytes lie between the stream start and the load position, so
  // reload_fast() is safe.
  bool has_fast_room() const { return ptr_ - start_ >= 8 + static_cast<std::ptrdiff_t>(consumed_ >> 3); }

  // Raw position, for kernels that run their own refill loop on locals and hand the
  // position back with seek(): the load position and the bits consumed of its word.
  const std::uint8_t* position() const { return ptr_; }
  const std::uint8_t* stream_start() const { return start_; }
  unsigned consumed() const { return consumed_; }
  // REQUIRES: start <= ptr, ptr + 8 within the stream, consumed <= 64.
  void seek(const std::uint8_t* ptr, unsigned consumed) {
    ptr_ = ptr;
    consumed_ = consumed;
    container_ = load_le64(ptr);
  }

  // Every bit consumed, exactly: what a well-formed stream ends with.
  bool finished() const { return !overflowed_ && ptr_ == start_ && consumed_ == 64; }
  bool overflowed() const { return overflowed_ || consumed_ > 64; }
  // Bits not yet consumed (valid while not overflowed).
  std::size_t bits_remaining() const {
    return static_cast<std::size_t>(ptr_ - start_) * 8 + 64 - consumed_;
  }

 private:
  std::uint64_t container_ = 0;
  unsigned consumed_ = 0;
  bool overflowed_ = false;
  const std::uint8_t* ptr_ = nullptr;
  const std::uint8_t* start_ = nullptr;
};

}  // namespace zstdpp

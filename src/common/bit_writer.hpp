// Forward bit writer: the encoding side of BackwardBitReader (RFC 8878 section 4.1).
//
// Bits are appended least-significant first into a 64-bit accumulator and flushed to the
// buffer a whole byte at a time; close() appends the 1-bit end mark and the final partial
// byte. The reader then starts from the last byte and reads backward, so the last bits
// written are the first read. Writing past the buffer never happens: the writer stops at
// its end and reports overflow at close() (callers then emit the block raw). Because
// flushes store 8 bytes, a stream of up to capacity - 7 bytes always fits; up to capacity
// when the bits added after the last flush fill the final bytes.
#pragma once

#include <cassert>
#include <cstddef>
#include <cstdint>

#include "common/mem.hpp"

namespace zstdpp {

class ForwardBitWriter {
 public:
  // REQUIRES: capacity >= 8 (the flush stores 8 bytes at a time).
  ForwardBitWriter(std::uint8_t* dst, std::size_t capacity)
      : start_(dst), ptr_(dst), limit_(dst + (capacity >= 8 ? capacity - 8 : 0)) {
    assert(capacity >= 8);
  }

  // Appends the low `n` bits of `value` (n <= 56 between flushes; bits above n must be 0).
  __attribute__((always_inline)) void add_bits(std::uint64_t value, unsigned n) {
    acc_ |= value << count_;
    count_ += n;
  }
  // Appends the low `n` bits of `value`, masking away anything above them.
  __attribute__((always_inline)) void add_bits_masked(std::uint64_t value, unsigned n) {
    add_bits(value & ((std::uint64_t{1} << n) - 1), n);
  }
  // Moves whole bytes to the buffer: after it at most 7 bits are pending, so 57 more fit.
  __attribute__((always_inline)) void flush() {
    const unsigned bytes = count_ >> 3;
    store_le64(ptr_, acc_);
    ptr_ += bytes;
    if (ptr_ > limit_) {  // keep every later store inside the buffer; reported by close()
      ptr_ = limit_;
      overflow_ = true;
    }
    acc_ = bytes == 8 ? 0 : acc_ >> (bytes * 8);
    count_ &= 7;
  }
  // Appends the end mark and the last bytes; returns the stream size, or 0 on overflow.
  // REQUIRES: at most 56 bits added since the last flush. The final store may use the
  // buffer's last 8 bytes in full (ptr_ <= limit_ always holds), so a stream ending with
  // unflushed bits can fill the buffer exactly.
  std::size_t close() {
    add_bits(1, 1);
    store_le64(ptr_, acc_);
    if (overflow_) return 0;
    return static_cast<std::size_t>(ptr_ - start_) + ((count_ + 7) >> 3);
  }

 private:
  std::uint8_t* start_;
  std::uint8_t* ptr_;
  std::uint8_t* limit_;
  std::uint64_t acc_ = 0;
  unsigned count_ = 0;
  bool overflow_ = false;
};

}  // namespace zstdpp

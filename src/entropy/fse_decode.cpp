// FSE table description reader (RFC 8878 section 4.1.1).
//
// The description is a forward little-endian bit stream: 4 bits of accuracy_log - 5, then
// one variable-width field per symbol. A field holds count + 1 in just enough bits for the
// states still unassigned, where the smaller values take one bit less; a zero count is
// followed by 2-bit repeat fields giving further zero-count symbols. The stream ends when
// every state is assigned. It is not a hot path (a few hundred bits per block at most), so
// the reader checks every access instead of padding its input.
#include "entropy/fse_decode.hpp"

#include <cassert>

#include "common/mem.hpp"

namespace zstdpp::entropy {
namespace {

// Forward bit reader over a bounded buffer; bits past the end read as zero and are
// counted so the caller can reject a description that runs past its input.
class ForwardBits {
 public:
  ForwardBits(const std::uint8_t* src, std::size_t size) : src_(src), size_(size) {}
  std::uint32_t peek(unsigned n) const {  // n <= 24
    std::uint32_t v = 0;
    const std::size_t byte = pos_ >> 3;
    for (unsigned i = 0; i < 4; ++i)
      if (byte + i < size_) v |= std::uint32_t{src_[byte + i]} << (8 * i);
    return (v >> (pos_ & 7)) & ((std::uint32_t{1} << n) - 1);
  }
  void skip(unsigned n) { pos_ += n; }
  std::uint32_t read(unsigned n) {
    const std::uint32_t v = peek(n);
    skip(n);
    return v;
  }
  std::size_t bits_used() const { return pos_; }

 private:
  const std::uint8_t* src_;
  std::size_t size_;
  std::size_t pos_ = 0;
};

}  // namespace

Status read_fse_description(const std::uint8_t* src, std::size_t size, unsigned max_symbol,
                            unsigned max_accuracy_log, NormalizedCounts& out, std::size_t& consumed) {
  if (size == 0) return Status::fail(ErrorCode::kCorruptedData, "empty FSE table description");
  ForwardBits bits(src, size);
  const unsigned accuracy_log = bits.read(4) + kFseMinAccuracyLog;
  if (accuracy_log > max_accuracy_log)
    return Status::fail(ErrorCode::kCorruptedData, "FSE accuracy log {v} exceeds the maximum {l}",
                        accuracy_log, max_accuracy_log);

  out.counts.fill(0);
  out.accuracy_log = accuracy_log;
  std::int32_t remaining = (std::int32_t{1} << accuracy_log) + 1;
  std::int32_t threshold = std::int32_t{1} << accuracy_log;
  unsigned nb_bits = accuracy_log + 1;
  unsigned symbol = 0;
  bool previous_zero = false;

  while (remaining > 1) {
    if (previous_zero) {
      // Repeat fields: each 2-bit value adds that many zero-count symbols; 3 continues.
      unsigned repeat;
      do {
        repeat = bits.read(2);
        symbol += repeat;
        if (symbol > max_symbol + 1)
          return Status::fail(ErrorCode::kCorruptedData, "FSE description symbol {v} exceeds the maximum {l}",
                              symbol, max_symbol);
      } while (repeat == 3 && bits.bits_used() <= 8 * size);
      previous_zero = false;
      continue;
    }
    if (symbol > max_symbol)
      return Status::fail(ErrorCode::kCorruptedData, "FSE description symbol {v} exceeds the maximum {l}", symbol,
                          max_symbol);
    const std::int32_t max_small = 2 * threshold - 1 - remaining;
    std::int32_t value;
    const auto low = static_cast<std::int32_t>(bits.peek(nb_bits - 1));
    if (low < max_small) {
      value = low;
      bits.skip(nb_bits - 1);
    } else {
      value = static_cast<std::int32_t>(bits.peek(nb_bits));
      if (value >= threshold) value -= max_small;
      bits.skip(nb_bits);
    }
    const std::int32_t count = value - 1;  // -1 means "less than one"
    out.counts[symbol] = static_cast<std::int16_t>(count);
    remaining -= count < 0 ? -count : count;
    previous_zero = count == 0;
    ++symbol;
    // A field's range never exceeds the states still unassigned (tests/unit checks every
    // 2-byte input), so this cannot go below 1.
    assert(remaining >= 1);
    while (remaining < threshold) {
      --nb_bits;
      threshold >>= 1;
    }
    if (bits.bits_used() > 8 * size) break;
  }
  consumed = (bits.bits_used() + 7) >> 3;
  if (remaining != 1 || consumed > size)
    return Status::fail(ErrorCode::kCorruptedData, "FSE table description truncated");
  assert(symbol > 0);  // remaining reached 1, so some symbol took states
  out.max_symbol = symbol - 1;
  return Status::success();
}

void build_fse_decode_table(const NormalizedCounts& norm, FseDecodeEntry* table) {
  std::uint8_t scratch[std::size_t{1} << kFseMaxAccuracyLog];
  build_fse_table(norm.counts.data(), norm.max_symbol, norm.accuracy_log, scratch,
                  [table](std::uint32_t state, std::uint8_t symbol, std::uint8_t nb_bits, std::uint16_t next_base) {
                    table[state] = FseDecodeEntry{next_base, symbol, nb_bits};
                  });
}

}  // namespace zstdpp::entropy

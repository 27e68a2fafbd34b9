// Engine status: the non-throwing, non-allocating error type of everything under src/.
//
// A Status carries an ErrorCode, a static message template and up to two numbers, plus
// where it happened (block, sequence, input offset) as outer layers learn it. The text is
// only assembled (describe()) when the public API turns a failure into a ZstdError, so a
// failing hot loop never allocates. Templates name their numbers "{v}" and "{l}" (decimal)
// or "{V}" and "{L}" (hexadecimal):
//   Status::fail(ErrorCode::kCorruptedData, "match offset {v} exceeds the {l} bytes of history", off, hist)
#pragma once

#include <cstdint>
#include <string>

#include <zstdpp/error.hpp>

namespace zstdpp {

struct [[nodiscard]] Status {
  static constexpr std::uint64_t kNoPosition = ~std::uint64_t{0};

  ErrorCode code = ErrorCode::kOk;
  const char* what = nullptr;
  std::uint64_t value = 0;
  std::uint64_t limit = 0;
  std::uint64_t block = kNoPosition;     // index of the block in its frame
  std::uint64_t sequence = kNoPosition;  // index of the sequence in its block
  std::uint64_t input_offset = kNoPosition;

  static constexpr Status success() { return {}; }
  [[gnu::cold]] static Status fail(ErrorCode code, const char* what, std::uint64_t value = 0,
                                   std::uint64_t limit = 0) {
    Status s;
    s.code = code;
    s.what = what;
    s.value = value;
    s.limit = limit;
    return s;
  }
  constexpr bool ok() const { return code == ErrorCode::kOk; }

  // The location setters keep the innermost (first) value an inner layer already set.
  Status& at_block(std::uint64_t index) {
    if (block == kNoPosition) block = index;
    return *this;
  }
  Status& at_sequence(std::uint64_t index) {
    if (sequence == kNoPosition) sequence = index;
    return *this;
  }
  Status& at_input_offset(std::uint64_t offset) {
    if (input_offset == kNoPosition) input_offset = offset;
    return *this;
  }
};

// "match offset 70000 exceeds the 65536 bytes of history at sequence 12 of block 3 (input offset 99)".
std::string describe(const Status& status);

}  // namespace zstdpp

// Propagates a failed Status to the caller.
#define ZSTDPP_TRY(expr)                                     \
  do {                                                       \
    if (::zstdpp::Status zstdpp_try_status_ = (expr);        \
        !zstdpp_try_status_.ok()) [[unlikely]]               \
      return zstdpp_try_status_;                             \
  } while (0)

// zstdpp public errors.
//
// Every failure at the public API is a zstdpp::ZstdError whose message names what was
// wrong and where (for example "match offset 70000 exceeds the 65536 bytes of history at
// sequence 12 of block 3 (input offset 1234)"). code() classifies it for programs.
//
// ErrorCode is a leaf header on purpose: the engine (src/) reports the same codes in its
// non-throwing status type, so no mapping table sits between the two.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

namespace zstdpp {

enum class ErrorCode : std::uint8_t {
  kOk = 0,
  kGeneric,                ///< anything not covered below
  kUnknownMagic,           ///< input does not start with a zstd or skippable frame magic
  kFrameHeaderInvalid,     ///< malformed or truncated frame header
  kUnsupportedFeature,     ///< reserved bit set, or a format feature this engine rejects
  kWindowTooLarge,         ///< frame needs more history than the configured maximum
  kCorruptedData,          ///< blocks, literals or sequences that violate the format
  kChecksumMismatch,       ///< XXH64 content checksum differs
  kContentSizeMismatch,    ///< decoded size differs from Frame_Content_Size
  kDictionaryMismatch,     ///< frame wants a dictionary other than the one given
  kDictionaryCorrupted,    ///< dictionary content is malformed
  kTruncatedInput,         ///< input ended in the middle of a frame
  kOutputTooSmall,         ///< caller's output limit is smaller than the content
  kContentSizeUnknown,     ///< one-shot decode with no content size and no output limit
  kExtraData,              ///< bytes after the frame where none were allowed
  kParameterOutOfBounds,   ///< an argument outside its documented range
  kNotImplemented,         ///< a feature not built yet (never a silent fallback)
  kWrongState,             ///< an operation not allowed in the object's current state
  kAllocationFailed,       ///< memory could not be obtained
  kIo,                     ///< an underlying reader or writer failed
};

/// A short stable name for the code ("corrupted_data", ...).
const char* error_code_name(ErrorCode code) noexcept;

class ZstdError : public std::runtime_error {
 public:
  ZstdError(ErrorCode code, const std::string& message)
      : std::runtime_error(message), code_(code) {}
  ErrorCode code() const noexcept { return code_; }

 private:
  ErrorCode code_;
};

}  // namespace zstdpp

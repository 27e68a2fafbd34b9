// Turns an engine Status into the text a ZstdError carries, and names error codes.
#include "common/status.hpp"

#include <cstdio>
#include <cstring>

namespace zstdpp {

const char* error_code_name(ErrorCode code) noexcept {
  switch (code) {
    case ErrorCode::kOk: return "ok";
    case ErrorCode::kGeneric: return "generic";
    case ErrorCode::kUnknownMagic: return "unknown_magic";
    case ErrorCode::kFrameHeaderInvalid: return "frame_header_invalid";
    case ErrorCode::kUnsupportedFeature: return "unsupported_feature";
    case ErrorCode::kWindowTooLarge: return "window_too_large";
    case ErrorCode::kCorruptedData: return "corrupted_data";
    case ErrorCode::kChecksumMismatch: return "checksum_mismatch";
    case ErrorCode::kContentSizeMismatch: return "content_size_mismatch";
    case ErrorCode::kDictionaryMismatch: return "dictionary_mismatch";
    case ErrorCode::kDictionaryCorrupted: return "dictionary_corrupted";
    case ErrorCode::kTruncatedInput: return "truncated_input";
    case ErrorCode::kOutputTooSmall: return "output_too_small";
    case ErrorCode::kContentSizeUnknown: return "content_size_unknown";
    case ErrorCode::kExtraData: return "extra_data";
    case ErrorCode::kParameterOutOfBounds: return "parameter_out_of_bounds";
    case ErrorCode::kNotImplemented: return "not_implemented";
    case ErrorCode::kWrongState: return "wrong_state";
    case ErrorCode::kAllocationFailed: return "allocation_failed";
    case ErrorCode::kIo: return "io";
  }
  return "unknown";
}

std::string describe(const Status& status) {
  std::string out;
  const char* text = status.what ? status.what : error_code_name(status.code);
  for (const char* p = text; *p; ++p) {
    if (p[0] == '{' && (p[1] == 'v' || p[1] == 'l' || p[1] == 'V' || p[1] == 'L') && p[2] == '}') {
      const std::uint64_t n = (p[1] == 'v' || p[1] == 'V') ? status.value : status.limit;
      if (p[1] == 'V' || p[1] == 'L') {  // hexadecimal, for magic numbers and checksums
        char hex[24];
        std::snprintf(hex, sizeof hex, "0x%08llX", static_cast<unsigned long long>(n));
        out += hex;
      } else {
        out += std::to_string(n);
      }
      p += 2;
    } else {
      out += *p;
    }
  }
  if (status.sequence != Status::kNoPosition) out += " at sequence " + std::to_string(status.sequence);
  if (status.block != Status::kNoPosition) {
    out += status.sequence != Status::kNoPosition ? " of block " : " in block ";
    out += std::to_string(status.block);
  }
  if (status.input_offset != Status::kNoPosition)
    out += " (input offset " + std::to_string(status.input_offset) + ")";
  return out;
}

}  // namespace zstdpp

// Byte views and buffers used across the public API.
//
// Inputs are borrowed as ByteView (any contiguous bytes: vectors, strings, arrays); outputs
// are returned as Bytes. InBuffer/OutBuffer are the cursor pair of the streaming calls:
// the engine advances `pos` as it consumes and produces.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace zstdpp {

using ByteView = std::span<const std::uint8_t>;
using MutableByteView = std::span<std::uint8_t>;
using Bytes = std::vector<std::uint8_t>;

inline ByteView as_bytes(std::string_view text) {
  return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}
inline std::string_view as_chars(ByteView bytes) {
  return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}

struct InBuffer {
  ByteView src;
  std::size_t pos = 0;
  std::size_t remaining() const { return src.size() - pos; }
};

struct OutBuffer {
  MutableByteView dst;
  std::size_t pos = 0;
  std::size_t room() const { return dst.size() - pos; }
};

}  // namespace zstdpp

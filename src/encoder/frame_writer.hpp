// Frame and block headers on the encoding side (RFC 8878 sections 3.1.1.1 and 3.1.1.2).
#pragma once

#include <cstddef>
#include <cstdint>

#include "common/format.hpp"

namespace zstdpp::encoder {

inline constexpr std::uint64_t kUnknownSize = ~std::uint64_t{0};

struct FrameHeaderFields {
  std::uint64_t content_size = kUnknownSize;  // written when known
  unsigned window_log = 19;
  std::uint32_t dict_id = 0;                  // 0: no field
  bool checksum = false;
  bool magicless = false;
};

// Writes the header (at most format::kFrameHeaderMaxSize bytes); returns its size.
// Single_Segment is used when the content size is known and fits the window: the window
// descriptor is then left out and the decoder needs no more than the content.
std::size_t write_frame_header(std::uint8_t* dst, const FrameHeaderFields& fields);

inline void write_block_header(std::uint8_t* dst, bool last, format::BlockType type, std::size_t size) {
  const auto v = static_cast<std::uint32_t>((last ? 1u : 0u) | (static_cast<unsigned>(type) << 1) | (size << 3));
  dst[0] = static_cast<std::uint8_t>(v);
  dst[1] = static_cast<std::uint8_t>(v >> 8);
  dst[2] = static_cast<std::uint8_t>(v >> 16);
}

// Largest frame compress_frame() (or streaming without early flushes) writes for `size`
// input bytes: header, checksum, the content stored raw, and a 3-byte header for each
// block, blocks being at least 1 KiB (Block_Maximum_Size is the window, 2^10 at least)
// plus a final empty one. Compressed blocks are kept only when smaller than raw. A
// stream flushed with FLUSH_BLOCK may cut more blocks and exceed it.
inline std::size_t compress_bound(std::size_t size) {
  const std::size_t blocks = size / (std::size_t{1} << format::kWindowLogMin) + 2;
  return format::kFrameHeaderMaxSize + format::kChecksumSize + size + blocks * format::kBlockHeaderSize;
}

}  // namespace zstdpp::encoder

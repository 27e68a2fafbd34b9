// Frame and block headers (RFC 8878 sections 3.1.1.1, 3.1.1.2, 3.1.2).
//
// parse_frame_header() reads either a zstd frame header or a skippable frame header from
// the front of a buffer and says how many bytes it needs when the buffer is too short, so
// the streaming decoder can accumulate exactly that much before calling again.
#pragma once

#include <cstddef>
#include <cstdint>

#include "common/format.hpp"
#include "common/status.hpp"

namespace zstdpp::decoder {

inline constexpr std::uint64_t kUnknownContentSize = ~std::uint64_t{0};

// The most a frame of `size` bytes can decode to: each block needs at least a 3-byte
// header and 1 byte (an RLE block) and yields at most 128 KiB. A larger declared content
// size is a lie, refused before allocating it.
inline constexpr std::uint64_t max_decoded_size(std::size_t size) {
  return (static_cast<std::uint64_t>(size) / 4 + 1) * format::kBlockSizeMax;
}

struct FrameHeader {
  bool skippable = false;
  std::uint32_t skippable_size = 0;  // payload bytes after the 8-byte skippable header
  std::uint64_t content_size = kUnknownContentSize;
  std::uint64_t window_size = 0;
  std::uint32_t dict_id = 0;
  bool has_checksum = false;
  bool single_segment = false;
  std::size_t header_size = 0;  // magic included (when present)

  // Block_Maximum_Size: the smaller of the window and 128 KiB.
  std::size_t block_max() const {
    return window_size < format::kBlockSizeMax ? static_cast<std::size_t>(window_size) : format::kBlockSizeMax;
  }
};

// Parses the header at src. When `size` is too small, returns kTruncatedInput and sets
// `needed` to the bytes required to make progress (it may grow once the descriptor is
// known). `magicless`: frames have no magic number and skippable frames do not exist.
Status parse_frame_header(const std::uint8_t* src, std::size_t size, bool magicless, FrameHeader& out,
                          std::size_t& needed);

struct BlockHeader {
  bool last = false;
  format::BlockType type = format::BlockType::kRaw;
  std::uint32_t size = 0;  // content bytes; for RLE the regenerated size (content is 1 byte)

  std::size_t content_size() const { return type == format::BlockType::kRle ? 1 : size; }
};

// Decodes the 3-byte block header at src and checks it against Block_Maximum_Size.
Status parse_block_header(const std::uint8_t* src, std::size_t block_max, BlockHeader& out);

}  // namespace zstdpp::decoder

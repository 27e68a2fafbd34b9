// Literals section of a compressed block (RFC 8878 section 3.1.1.3.1).
#pragma once

#include <cstddef>
#include <cstdint>

#include "common/status.hpp"
#include "entropy/huf_decode.hpp"

namespace zstdpp::decoder {

// Bytes the sequence executor may read past the last literal (its 16-byte copies).
inline constexpr std::size_t kLiteralsSlack = 32;

// The Huffman table literals decode with: `current` is the table of the last block that
// described one (or the dictionary's), kept for Treeless_Literals_Block.
struct HuffmanState {
  entropy::HuffmanDecodeTable own;
  const entropy::HuffmanDecodeTable* current = nullptr;
};

struct Literals {
  const std::uint8_t* data = nullptr;  // readable up to data + size + kLiteralsSlack
  std::size_t size = 0;
  std::size_t section_size = 0;  // bytes of the block the section took
};

// Decodes the literals section at the front of a block's content [src, src + size).
// Raw literals are used in place when the block has kLiteralsSlack bytes after them;
// everything else lands in `buffer` (block_max + kLiteralsSlack bytes).
Status decode_literals(KernelVariant variant, const std::uint8_t* src, std::size_t size, std::size_t block_max,
                       HuffmanState& huffman, std::uint8_t* buffer, Literals& out);

}  // namespace zstdpp::decoder

// Huffman decoding of literals (RFC 8878 section 4.2).
//
// A Huffman tree is described by one weight per symbol (weight w > 0 gives a code of
// max_bits + 1 - w bits; the last symbol's weight is implied so the code is complete).
// The decode table has 2^max_bits entries: peeking max_bits bits from the stream indexes
// the symbol and its code length. Literals are one stream, or four streams decoded in an
// interleaved loop whose independent dependency chains keep the core busy.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "common/cpu.hpp"
#include "common/status.hpp"

namespace zstdpp::entropy {

// The format caps code lengths at 11 bits for encoders, but dictionaries trained by the
// reference tool can carry 12-bit tables and its decoder accepts them, so the decoder does.
inline constexpr unsigned kHuffmanMaxBits = 11;
inline constexpr unsigned kHuffmanMaxDecodeBits = 12;
inline constexpr unsigned kHuffmanMaxSymbols = 256;

struct HuffmanWeights {
  std::array<std::uint8_t, kHuffmanMaxSymbols> weights{};  // implied last weight filled in
  unsigned num_symbols = 0;  // symbols described, the implied one included
  unsigned max_bits = 0;
};

// X1 ("one symbol per lookup") table: entry = symbol | nb_bits << 8.
struct HuffmanDecodeTable {
  unsigned max_bits = 0;  // 0: no table yet
  std::array<std::uint16_t, std::size_t{1} << kHuffmanMaxDecodeBits> entries{};
};

// Reads a tree description (header byte, then FSE-compressed or 4-bit direct weights)
// from the front of [src, src + size); `consumed` gets its length.
Status read_huffman_weights(const std::uint8_t* src, std::size_t size, HuffmanWeights& out, std::size_t& consumed);

void build_huffman_decode_table(const HuffmanWeights& weights, HuffmanDecodeTable& table);

// Decodes exactly dst_size symbols from one backward stream of `size` bytes; the stream
// must be consumed exactly. No output slack needed.
// `variant` picks the ISA build (common/cpu.hpp).
Status huffman_decode_1stream(KernelVariant variant, const HuffmanDecodeTable& table, const std::uint8_t* src,
                              std::size_t size, std::uint8_t* dst, std::size_t dst_size);

// Four streams behind a 6-byte jump table (section 3.1.1.3.1.6).
Status huffman_decode_4streams(KernelVariant variant, const HuffmanDecodeTable& table, const std::uint8_t* src,
                               std::size_t size, std::uint8_t* dst, std::size_t dst_size);

}  // namespace zstdpp::entropy

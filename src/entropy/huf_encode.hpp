// Huffman encoding of literals (RFC 8878 section 4.2): depth-limited code construction,
// tree descriptions, and 1- and 4-stream encoding that the decoder (huf_decode.hpp) reads.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "common/status.hpp"
#include "entropy/huf_decode.hpp"

namespace zstdpp::entropy {

// What huffman_cost_bits returns when a counted symbol has no code: far above any real
// size, small enough to add sizes to without overflow.
inline constexpr std::uint64_t kHuffmanCostInfinite = std::uint64_t{1} << 60;

// Plain arrays, no pointers: tables are copied by value between blocks (repeat mode).
struct HuffmanEncodeTable {
  unsigned max_symbol = 0;  // the highest symbol with a code (its weight is the implied one)
  unsigned max_bits = 0;  // the longest code length (<= kHuffmanMaxBits; <= 12 from a dictionary)
  std::array<std::uint8_t, kHuffmanMaxSymbols> nb_bits{};  // 0: symbol absent
  std::array<std::uint16_t, kHuffmanMaxSymbols> code{};     // canonical codes, as the decoder assigns them
};

// Builds length-limited (max_bits <= limit <= 11) canonical codes for counts[0..max_symbol]
// (at least two symbols present). Codes are assigned exactly as build_huffman_decode_table
// assigns them from the weights, so the description alone lets the decoder rebuild them.
// The lengths are optimal under the limit (Huffman, or package-merge when Huffman's
// tree is deeper than `limit`). Fails with kParameterOutOfBounds for fewer than two
// symbols, limit outside 1..11, or more symbols than 2^limit codes.
Status build_huffman_encode_table(const std::uint32_t* counts, unsigned max_symbol, unsigned limit,
                                  HuffmanEncodeTable& table);

// The encode table of decoded weights (read_huffman_weights), e.g. a dictionary's
// literals table; max_bits up to kHuffmanMaxDecodeBits (12) is accepted, as the decoder
// accepts it.
Status build_huffman_encode_table_from_weights(const HuffmanWeights& weights, HuffmanEncodeTable& table);

// Writes the tree description (section 4.2.1): FSE-compressed weights when smaller, else
// direct 4-bit weights (possible up to 128 symbols). `written` gets its size.
Status write_huffman_description(const HuffmanEncodeTable& table, std::uint8_t* dst, std::size_t capacity,
                                 std::size_t& written);

// Size in bits of coding `counts` with `table`; kHuffmanCostInfinite when a counted
// symbol has no code.
std::uint64_t huffman_cost_bits(const HuffmanEncodeTable& table, const std::uint32_t* counts, unsigned max_symbol);

// Encodes [src, src + size) as one stream / as four streams behind the 6-byte jump
// table (segments of (size + 3) / 4 bytes, the last one shorter). Returns the bytes
// written, or 0 when they do not fit in `capacity` (the caller then stores the literals
// raw). Exact: any output of at most `capacity` bytes is produced, whatever the capacity
// (a result within 8 bytes of it takes a slower second pass). 4 streams also return 0
// where the format's split does not apply (3 * ((size + 3) / 4) > size: sizes 0, 1, 2
// and 5) and when one of the first three streams exceeds the jump table's 65535 bytes.
// REQUIRES: every byte of the input has a code (huffman_cost_bits is finite).
std::size_t huffman_compress_1stream(const HuffmanEncodeTable& table, const std::uint8_t* src, std::size_t size,
                                     std::uint8_t* dst, std::size_t capacity);
std::size_t huffman_compress_4streams(const HuffmanEncodeTable& table, const std::uint8_t* src, std::size_t size,
                                      std::uint8_t* dst, std::size_t capacity);

}  // namespace zstdpp::entropy

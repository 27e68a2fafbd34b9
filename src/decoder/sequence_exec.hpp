// Sequence decoding and execution: the decoder's hot kernel (RFC 8878 sections
// 3.1.1.3.2.2 and 3.1.1.4).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "common/cpu.hpp"
#include "common/status.hpp"
#include "decoder/sequence_tables.hpp"

namespace zstdpp::decoder {

// Slack the fast path needs after a sequence's end: its 16-byte and 8-byte copies
// overshoot by up to 15 bytes. Buffers the decoder owns keep this much spare at the end.
inline constexpr std::size_t kOutputSlack = 32;

// Where a block's output goes and which history its matches can reach. History is the
// contiguous `prefix` ending at the write position, logically preceded by an `ext`
// segment (a dictionary's content, or the older part of a streaming window).
struct BlockOutput {
  std::uint8_t* op = nullptr;               // first byte of the block's output
  std::uint8_t* oend = nullptr;             // the block may not write past this
  std::uint8_t* writable_end = nullptr;     // memory is writable up to here (>= oend)
  const std::uint8_t* prefix_start = nullptr;
  const std::uint8_t* ext_end = nullptr;    // ext is [ext_end - ext_size, ext_end)
  std::size_t ext_size = 0;
  std::size_t offset_limit = ~std::size_t{0};  // window rule: larger offsets are invalid
};

using RepeatOffsets = std::array<std::size_t, 3>;

// Decodes `num_sequences` sequences from the bitstream [src, src + size) and executes them
// with literals [lit, lit + lit_size) (readable kLiteralsSlack further), then copies the
// remaining literals. `produced` gets the block's output size. `variant` picks the
// kernel's ISA build (common/cpu.hpp).
Status execute_sequences(KernelVariant variant, const SeqTableSet& tables, const std::uint8_t* src, std::size_t size,
                         std::size_t num_sequences, const std::uint8_t* lit, std::size_t lit_size,
                         RepeatOffsets& rep, const BlockOutput& out, std::size_t& produced);

// A block without sequences: its literals are its content.
Status copy_literals_only(const std::uint8_t* lit, std::size_t lit_size, const BlockOutput& out,
                          std::size_t& produced);

}  // namespace zstdpp::decoder

// One-shot frame decoding: a whole frame from one buffer into one output buffer, with no
// copy through a window (the output itself is the history).
#pragma once

#include <cstddef>
#include <cstdint>

#include "common/status.hpp"
#include "decoder/block_decoder.hpp"
#include "decoder/decoder_dictionary.hpp"
#include "decoder/frame_header.hpp"

namespace zstdpp::decoder {

struct FrameOptions {
  bool magicless = false;
  bool verify_checksum = true;
};

struct FrameResult {
  std::size_t consumed = 0;  // bytes of input the frame took
  std::size_t produced = 0;  // bytes written
  bool skippable = false;
};

// Checks the frame's Dictionary_ID against the dictionary given (null: none).
Status check_dictionary(const FrameHeader& frame, const DecoderDictionary* dict);

// Decodes the frame (or skips the skippable frame) at `src` into [dst, dst + capacity).
// Output past dst + produced, up to capacity, may be overwritten.
Status decode_frame(BlockDecoder& blocks, const DecoderDictionary* dict, const std::uint8_t* src, std::size_t size,
                    std::uint8_t* dst, std::size_t capacity, const FrameOptions& options, FrameResult& result);

// Bytes the frame (or skippable frame) at `src` takes, found from its block headers.
Status find_frame_size(const std::uint8_t* src, std::size_t size, bool magicless, std::size_t& frame_size);

// Offsets may reach the dictionary only in blocks that start within the frame's first
// window (an encoder drops its dictionary beyond it); elsewhere they are bounded by it.
inline std::size_t block_offset_limit(const DecoderDictionary* dict, std::uint64_t block_start,
                                      std::uint64_t window_size) {
  if (dict != nullptr && dict->content_size != 0 && block_start <= window_size) return ~std::size_t{0};
  return window_size < ~std::size_t{0} ? static_cast<std::size_t>(window_size) : ~std::size_t{0};
}

}  // namespace zstdpp::decoder

// Block decoding with the entropy state a frame carries from block to block (RFC 8878
// section 3.1.1.2-3.1.1.5): the previous Huffman table, the three sequence tables and
// the repeat offsets, seeded from the dictionary at each frame start.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>

#include "common/cpu.hpp"
#include "common/status.hpp"
#include "decoder/decoder_dictionary.hpp"
#include "decoder/frame_header.hpp"
#include "decoder/literals.hpp"
#include "decoder/sequence_exec.hpp"
#include "decoder/sequence_tables.hpp"

namespace zstdpp::decoder {

class BlockDecoder {
 public:
  explicit BlockDecoder(KernelVariant variant = KernelVariant::kPortable);
  void set_variant(KernelVariant variant) { variant_ = variant; }

  // Resets the entropy state for a new frame; `dict` (may be null) must outlive the frame.
  void start_frame(const DecoderDictionary* dict);

  // Decodes one block whose content (header.content_size() bytes) is at `content`.
  Status decode_block(const BlockHeader& header, const std::uint8_t* content, std::size_t block_max,
                      const BlockOutput& out, std::size_t& produced);

  // Heap bytes owned (the literals buffer); sizeof(BlockDecoder) counts the tables.
  std::size_t heap_size() const;

 private:
  Status decode_compressed(const std::uint8_t* src, std::size_t size, std::size_t block_max, const BlockOutput& out,
                           std::size_t& produced);

  std::unique_ptr<std::uint8_t[]> literals_;  // kBlockSizeMax + kLiteralsSlack
  HuffmanState huffman_;
  SeqTableSet tables_;
  RepeatOffsets repeat_offsets_{};
  KernelVariant variant_;
};

}  // namespace zstdpp::decoder

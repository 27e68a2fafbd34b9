// Raw, RLE and compressed blocks (RFC 8878 section 3.1.1.2). A compressed block is a
// literals section followed by a sequences section that fills the rest of the block.
#include "decoder/block_decoder.hpp"

#include <cstring>

#include "common/format.hpp"

namespace zstdpp::decoder {

BlockDecoder::BlockDecoder(KernelVariant variant)
    : literals_(new std::uint8_t[format::kBlockSizeMax + kLiteralsSlack]), variant_(variant) {}

void BlockDecoder::start_frame(const DecoderDictionary* dict) {
  if (dict != nullptr && dict->has_entropy) {
    huffman_.current = &dict->literals;
    tables_.ll = dict->sequences.ll;
    tables_.of = dict->sequences.of;
    tables_.ml = dict->sequences.ml;
    repeat_offsets_ = dict->repeat_offsets;
  } else {
    huffman_.current = nullptr;
    tables_.ll = tables_.of = tables_.ml = SeqTable{};
    repeat_offsets_ = {format::kInitialRepeatOffsets[0], format::kInitialRepeatOffsets[1],
                       format::kInitialRepeatOffsets[2]};
  }
}

std::size_t BlockDecoder::heap_size() const { return format::kBlockSizeMax + kLiteralsSlack; }

Status BlockDecoder::decode_block(const BlockHeader& header, const std::uint8_t* content, std::size_t block_max,
                                  const BlockOutput& out, std::size_t& produced) {
  const auto room = static_cast<std::size_t>(out.oend - out.op);
  switch (header.type) {
    case format::BlockType::kRaw:
    case format::BlockType::kRle:
      if (header.size > room)
        return Status::fail(ErrorCode::kCorruptedData, "block of {v} bytes exceeds the {l} bytes of room left",
                            header.size, room);
      if (header.type == format::BlockType::kRaw) {
        if (header.size) std::memcpy(out.op, content, header.size);
      } else {
        std::memset(out.op, content[0], header.size);
      }
      produced = header.size;
      return Status::success();
    case format::BlockType::kCompressed:
      return decode_compressed(content, header.size, block_max, out, produced);
    case format::BlockType::kReserved:
      break;
  }
  return Status::fail(ErrorCode::kCorruptedData, "reserved block type 3");
}

Status BlockDecoder::decode_compressed(const std::uint8_t* src, std::size_t size, std::size_t block_max,
                                       const BlockOutput& out, std::size_t& produced) {
  Literals literals;
  ZSTDPP_TRY(decode_literals(variant_, src, size, block_max, huffman_, literals_.get(), literals));
  const std::uint8_t* seq = src + literals.section_size;
  const std::size_t seq_size = size - literals.section_size;

  SequencesHeader header;
  ZSTDPP_TRY(read_sequences_header(seq, seq_size, tables_, header));
  if (header.num_sequences == 0) {
    if (header.header_size != seq_size)
      return Status::fail(ErrorCode::kCorruptedData, "block with no sequences has extra bytes after its sequences header: {v}",
                          seq_size - header.header_size);
    return copy_literals_only(literals.data, literals.size, out, produced);
  }
  return execute_sequences(variant_, tables_, seq + header.header_size, seq_size - header.header_size, header.num_sequences,
                           literals.data, literals.size, repeat_offsets_, out, produced);
}

}  // namespace zstdpp::decoder

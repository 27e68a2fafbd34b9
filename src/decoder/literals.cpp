// Literals section decoding (RFC 8878 section 3.1.1.3.1).
//
// Header: bits 1-0 of the first byte give Literals_Block_Type, bits 3-2 Size_Format.
// Raw and RLE sections carry only Regenerated_Size (5, 12 or 20 bits: 1, 2 or 3 header
// bytes). Compressed and treeless sections carry Regenerated_Size and Compressed_Size
// (10/10, 14/14 or 18/18 bits in 3, 4 or 5 bytes) and one or four Huffman streams; a
// compressed section starts with a Huffman tree description, a treeless one reuses the
// previous table.
#include "decoder/literals.hpp"

#include <cstring>

#include "common/format.hpp"
#include "common/mem.hpp"

namespace zstdpp::decoder {

Status decode_literals(KernelVariant variant, const std::uint8_t* src, std::size_t size, std::size_t block_max,
                       HuffmanState& huffman, std::uint8_t* buffer, Literals& out) {
  if (size < 1) return Status::fail(ErrorCode::kCorruptedData, "literals section missing");
  const auto type = static_cast<format::LiteralsType>(src[0] & 3);
  const unsigned size_format = (src[0] >> 2) & 3;

  if (type == format::LiteralsType::kRaw || type == format::LiteralsType::kRle) {
    std::size_t header, regenerated;
    switch (size_format) {
      case 0:
      case 2:
        header = 1;
        regenerated = src[0] >> 3;
        break;
      case 1:
        header = 2;
        if (size < header) return Status::fail(ErrorCode::kCorruptedData, "literals section header truncated");
        regenerated = (src[0] >> 4) + (std::size_t{src[1]} << 4);
        break;
      default:
        header = 3;
        if (size < header) return Status::fail(ErrorCode::kCorruptedData, "literals section header truncated");
        regenerated = (src[0] >> 4) + (std::size_t{src[1]} << 4) + (std::size_t{src[2]} << 12);
        break;
    }
    if (regenerated > block_max)
      return Status::fail(ErrorCode::kCorruptedData, "literals size {v} exceeds Block_Maximum_Size {l}", regenerated,
                          block_max);
    out.size = regenerated;
    if (type == format::LiteralsType::kRle) {
      if (size < header + 1) return Status::fail(ErrorCode::kCorruptedData, "RLE literals byte missing");
      std::memset(buffer, src[header], regenerated + kLiteralsSlack);
      out.data = buffer;
      out.section_size = header + 1;
      return Status::success();
    }
    if (size - header < regenerated)
      return Status::fail(ErrorCode::kCorruptedData, "raw literals size {v} exceeds the {l} bytes left in the block",
                          regenerated, size - header);
    out.section_size = header + regenerated;
    if (size - out.section_size >= kLiteralsSlack) {
      out.data = src + header;  // the rest of the block covers the executor's over-read
    } else {
      std::memcpy(buffer, src + header, regenerated);
      out.data = buffer;
    }
    return Status::success();
  }

  // Huffman-coded: compressed (tree included) or treeless.
  std::size_t header, regenerated, compressed;
  const bool four_streams = size_format != 0;
  switch (size_format) {
    case 0:
    case 1: {
      header = 3;
      if (size < header) return Status::fail(ErrorCode::kCorruptedData, "literals section header truncated");
      const std::uint32_t h = load_le24(src);
      regenerated = (h >> 4) & 0x3FF;
      compressed = (h >> 14) & 0x3FF;
      break;
    }
    case 2: {
      header = 4;
      if (size < header) return Status::fail(ErrorCode::kCorruptedData, "literals section header truncated");
      const std::uint32_t h = load_le32(src);
      regenerated = (h >> 4) & 0x3FFF;
      compressed = h >> 18;
      break;
    }
    default: {
      header = 5;
      if (size < header) return Status::fail(ErrorCode::kCorruptedData, "literals section header truncated");
      const std::uint32_t h = load_le32(src);
      regenerated = (h >> 4) & 0x3FFFF;
      compressed = (h >> 22) | (std::size_t{src[4]} << 10);
      break;
    }
  }
  if (regenerated > block_max)
    return Status::fail(ErrorCode::kCorruptedData, "literals size {v} exceeds Block_Maximum_Size {l}", regenerated,
                        block_max);
  if (compressed > size - header)
    return Status::fail(ErrorCode::kCorruptedData,
                        "Huffman literals size {v} exceeds the {l} bytes left in the block", compressed, size - header);

  const std::uint8_t* stream = src + header;
  std::size_t stream_size = compressed;
  if (type == format::LiteralsType::kCompressed) {
    entropy::HuffmanWeights weights;
    std::size_t tree_size = 0;
    ZSTDPP_TRY(entropy::read_huffman_weights(stream, stream_size, weights, tree_size));
    entropy::build_huffman_decode_table(weights, huffman.own);
    huffman.current = &huffman.own;
    stream += tree_size;
    stream_size -= tree_size;
  } else if (huffman.current == nullptr || huffman.current->max_bits == 0) {
    return Status::fail(ErrorCode::kCorruptedData, "treeless literals with no previous Huffman table");
  }

  if (four_streams) {
    ZSTDPP_TRY(entropy::huffman_decode_4streams(variant, *huffman.current, stream, stream_size, buffer, regenerated));
  } else {
    ZSTDPP_TRY(entropy::huffman_decode_1stream(variant, *huffman.current, stream, stream_size, buffer, regenerated));
  }
  out.data = buffer;
  out.size = regenerated;
  out.section_size = header + compressed;
  return Status::success();
}

}  // namespace zstdpp::decoder

// Frame header and block header parsing (RFC 8878 sections 3.1.1.1, 3.1.1.2, 3.1.2).
//
// Frame_Header_Descriptor: bits 7-6 Frame_Content_Size flag, bit 5 Single_Segment,
// bit 4 unused, bit 3 reserved (must be 0), bit 2 Content_Checksum, bits 1-0 the
// Dictionary_ID field size. Then an optional Window_Descriptor (absent for single
// segment frames, whose window is their content size), Dictionary_ID and FCS fields.
#include "decoder/frame_header.hpp"

#include "common/mem.hpp"

namespace zstdpp::decoder {

Status parse_frame_header(const std::uint8_t* src, std::size_t size, bool magicless, FrameHeader& out,
                          std::size_t& needed) {
  out = FrameHeader{};
  std::size_t pos = 0;
  if (!magicless) {
    needed = format::kMagicSize;
    if (size < needed) return Status::fail(ErrorCode::kTruncatedInput, "input ends inside a frame magic number");
    const std::uint32_t magic = load_le32(src);
    if ((magic & format::kSkippableMagicMask) == format::kSkippableMagicBase) {
      needed = format::kSkippableHeaderSize;
      if (size < needed)
        return Status::fail(ErrorCode::kTruncatedInput, "input ends inside a skippable frame header");
      out.skippable = true;
      out.skippable_size = load_le32(src + 4);
      out.header_size = format::kSkippableHeaderSize;
      return Status::success();
    }
    if (magic != format::kMagicNumber)
      return Status::fail(ErrorCode::kUnknownMagic, "input is not a zstd frame: unknown magic number {V}",
                          magic);
    pos = format::kMagicSize;
  }

  needed = pos + 1;
  if (size < needed) return Status::fail(ErrorCode::kTruncatedInput, "input ends inside a frame header");
  const std::uint8_t descriptor = src[pos++];
  const unsigned fcs_flag = descriptor >> 6;
  out.single_segment = (descriptor >> 5) & 1;
  out.has_checksum = (descriptor >> 2) & 1;
  const unsigned did_flag = descriptor & 3;
  if (descriptor & 0x08)
    return Status::fail(ErrorCode::kUnsupportedFeature, "reserved bit set in the frame header descriptor");

  static constexpr std::size_t kDictIdSizes[4] = {0, 1, 2, 4};
  static constexpr std::size_t kFcsSizes[4] = {0, 2, 4, 8};
  const std::size_t did_size = kDictIdSizes[did_flag];
  const std::size_t fcs_size = fcs_flag == 0 ? (out.single_segment ? 1 : 0) : kFcsSizes[fcs_flag];
  const std::size_t window_size = out.single_segment ? 0 : 1;
  needed = pos + window_size + did_size + fcs_size;
  if (size < needed) return Status::fail(ErrorCode::kTruncatedInput, "input ends inside a frame header");

  if (!out.single_segment) {
    const std::uint8_t wd = src[pos++];
    const unsigned window_log = format::kWindowLogMin + (wd >> 3);
    const std::uint64_t base = std::uint64_t{1} << window_log;
    out.window_size = base + (base >> 3) * (wd & 7);
  }
  out.dict_id = static_cast<std::uint32_t>(load_le_n(src + pos, did_size));
  pos += did_size;
  if (fcs_size) {
    out.content_size = load_le_n(src + pos, fcs_size);
    if (fcs_size == 2) out.content_size += 256;  // the 2-byte field is offset by 256
    pos += fcs_size;
  }
  if (out.single_segment) out.window_size = out.content_size;
  out.header_size = pos;
  return Status::success();
}

Status parse_block_header(const std::uint8_t* src, std::size_t block_max, BlockHeader& out) {
  const std::uint32_t raw = load_le24(src);
  out.last = raw & 1;
  out.type = static_cast<format::BlockType>((raw >> 1) & 3);
  out.size = raw >> 3;
  if (out.type == format::BlockType::kReserved)
    return Status::fail(ErrorCode::kCorruptedData, "reserved block type 3");
  if (out.size > block_max)
    return Status::fail(ErrorCode::kCorruptedData, "block size {v} exceeds Block_Maximum_Size {l}", out.size,
                        block_max);
  return Status::success();
}

}  // namespace zstdpp::decoder

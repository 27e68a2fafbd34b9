// Frame header writing (RFC 8878 section 3.1.1.1). Field sizes are the smallest that hold
// the values: Frame_Content_Size in 1 byte (single segment only), 2 bytes (offset by 256),
// 4 or 8; Dictionary_ID in 1, 2 or 4 bytes, absent for 0.
#include "encoder/frame_writer.hpp"

#include "common/mem.hpp"

namespace zstdpp::encoder {

std::size_t write_frame_header(std::uint8_t* dst, const FrameHeaderFields& fields) {
  std::size_t pos = 0;
  if (!fields.magicless) {
    store_le32(dst, format::kMagicNumber);
    pos = 4;
  }
  const bool has_size = fields.content_size != kUnknownSize;
  const std::uint64_t window = std::uint64_t{1} << fields.window_log;
  const bool single_segment = has_size && fields.content_size <= window;
  const std::uint64_t size = fields.content_size;
  unsigned fcs_flag = 0;
  std::size_t fcs_bytes = 0;
  if (has_size) {
    if (size < 256 && single_segment) {
      fcs_flag = 0, fcs_bytes = 1;
    } else if (size >= 256 && size < 65536 + 256) {
      fcs_flag = 1, fcs_bytes = 2;
    } else if (size <= 0xFFFFFFFFu) {
      fcs_flag = 2, fcs_bytes = 4;
    } else {
      fcs_flag = 3, fcs_bytes = 8;
    }
  }
  const std::uint32_t id = fields.dict_id;
  const unsigned did_flag = id == 0 ? 0 : id < 256 ? 1 : id < 65536 ? 2 : 3;
  static constexpr std::size_t kDictIdBytes[4] = {0, 1, 2, 4};
  dst[pos++] = static_cast<std::uint8_t>((fcs_flag << 6) | (single_segment ? 0x20 : 0) | (fields.checksum ? 4 : 0) |
                                         did_flag);
  if (!single_segment) dst[pos++] = static_cast<std::uint8_t>((fields.window_log - format::kWindowLogMin) << 3);
  for (std::size_t i = 0; i < kDictIdBytes[did_flag]; ++i) dst[pos++] = static_cast<std::uint8_t>(id >> (8 * i));
  const std::uint64_t stored = fcs_bytes == 2 ? size - 256 : size;
  for (std::size_t i = 0; i < fcs_bytes; ++i) dst[pos++] = static_cast<std::uint8_t>(stored >> (8 * i));
  return pos;
}

}  // namespace zstdpp::encoder

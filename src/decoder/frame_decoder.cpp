// One-shot frame decoding (RFC 8878 section 3.1.1): header, blocks until Last_Block, then
// the optional XXH64 checksum, with the declared content size checked at the end.
#include "decoder/frame_decoder.hpp"

#include "common/format.hpp"
#include "common/mem.hpp"
#include "common/xxhash64.hpp"

namespace zstdpp::decoder {

Status check_dictionary(const FrameHeader& frame, const DecoderDictionary* dict) {
  if (frame.dict_id == 0) return Status::success();
  if (dict == nullptr)
    return Status::fail(ErrorCode::kDictionaryMismatch, "frame needs dictionary {v} and none was given",
                        frame.dict_id);
  if (dict->id != frame.dict_id)
    return Status::fail(ErrorCode::kDictionaryMismatch, "frame needs dictionary {v} but dictionary {l} was given",
                        frame.dict_id, dict->id);
  return Status::success();
}

Status decode_frame(BlockDecoder& blocks, const DecoderDictionary* dict, const std::uint8_t* src, std::size_t size,
                    std::uint8_t* dst, std::size_t capacity, const FrameOptions& options, FrameResult& result) {
  result = FrameResult{};
  FrameHeader frame;
  std::size_t needed = 0;
  ZSTDPP_TRY(parse_frame_header(src, size, options.magicless, frame, needed));
  if (frame.skippable) {
    if (size - frame.header_size < frame.skippable_size)
      return Status::fail(ErrorCode::kTruncatedInput, "skippable frame of {v} bytes is cut short at {l}",
                          frame.skippable_size, size - frame.header_size);
    result.skippable = true;
    result.consumed = frame.header_size + frame.skippable_size;
    return Status::success();
  }
  ZSTDPP_TRY(check_dictionary(frame, dict));
  blocks.start_frame(dict);

  const std::size_t block_max = frame.block_max();
  // Hashing each block right after decoding it reads it while it is still in cache.
  const bool hashing = frame.has_checksum && options.verify_checksum;
  Xxh64 hash;
  std::size_t pos = frame.header_size;
  std::uint8_t* const dst_end = dst + capacity;
  std::uint8_t* op = dst;
  for (std::uint64_t block_index = 0;; ++block_index) {
    if (size - pos < format::kBlockHeaderSize)
      return Status::fail(ErrorCode::kTruncatedInput, "input ends before block header").at_block(block_index).at_input_offset(pos);
    BlockHeader header;
    Status s = parse_block_header(src + pos, block_max, header);
    if (!s.ok()) return s.at_block(block_index).at_input_offset(pos);
    pos += format::kBlockHeaderSize;
    if (size - pos < header.content_size())
      return Status::fail(ErrorCode::kTruncatedInput, "block content of {v} bytes is cut short at {l}",
                          header.content_size(), size - pos)
          .at_block(block_index)
          .at_input_offset(pos);

    const auto block_start = static_cast<std::uint64_t>(op - dst);
    BlockOutput out;
    out.op = op;
    out.oend = static_cast<std::size_t>(dst_end - op) < block_max ? dst_end : op + block_max;
    out.writable_end = dst_end;
    out.prefix_start = dst;
    if (dict != nullptr) {
      out.ext_end = dict->content + dict->content_size;
      out.ext_size = dict->content_size;
    }
    out.offset_limit = block_offset_limit(dict, block_start, frame.window_size);
    std::size_t produced = 0;
    s = blocks.decode_block(header, src + pos, block_max, out, produced);
    if (!s.ok()) return s.at_block(block_index).at_input_offset(pos);
    if (hashing) hash.update(op, produced);
    op += produced;
    pos += header.content_size();
    if (header.last) break;
  }

  const auto produced = static_cast<std::size_t>(op - dst);
  if (frame.content_size != kUnknownContentSize && frame.content_size != produced)
    return Status::fail(ErrorCode::kContentSizeMismatch, "frame decodes to {v} bytes but declares {l}", produced,
                        frame.content_size);
  if (frame.has_checksum) {
    if (size - pos < format::kChecksumSize)
      return Status::fail(ErrorCode::kTruncatedInput, "input ends before the frame's content checksum")
          .at_input_offset(pos);
    if (options.verify_checksum) {
      const auto expected = load_le32(src + pos);
      const auto actual = static_cast<std::uint32_t>(hash.digest());
      if (expected != actual)
        return Status::fail(ErrorCode::kChecksumMismatch, "content checksum {V} differs from the frame's {L}", actual,
                            expected)
            .at_input_offset(pos);
    }
    pos += format::kChecksumSize;
  }
  result.consumed = pos;
  result.produced = produced;
  return Status::success();
}

Status find_frame_size(const std::uint8_t* src, std::size_t size, bool magicless, std::size_t& frame_size) {
  FrameHeader frame;
  std::size_t needed = 0;
  ZSTDPP_TRY(parse_frame_header(src, size, magicless, frame, needed));
  if (frame.skippable) {
    if (size - frame.header_size < frame.skippable_size)
      return Status::fail(ErrorCode::kTruncatedInput, "skippable frame of {v} bytes is cut short at {l}",
                          frame.skippable_size, size - frame.header_size);
    frame_size = frame.header_size + frame.skippable_size;
    return Status::success();
  }
  std::size_t pos = frame.header_size;
  for (std::uint64_t block_index = 0;; ++block_index) {
    if (size - pos < format::kBlockHeaderSize)
      return Status::fail(ErrorCode::kTruncatedInput, "input ends before block header").at_block(block_index);
    BlockHeader header;
    Status s = parse_block_header(src + pos, frame.block_max(), header);
    if (!s.ok()) return s.at_block(block_index).at_input_offset(pos);
    pos += format::kBlockHeaderSize;
    if (size - pos < header.content_size())
      return Status::fail(ErrorCode::kTruncatedInput, "block content is cut short").at_block(block_index);
    pos += header.content_size();
    if (header.last) break;
  }
  if (frame.has_checksum) {
    if (size - pos < format::kChecksumSize)
      return Status::fail(ErrorCode::kTruncatedInput, "input ends before the frame's content checksum");
    pos += format::kChecksumSize;
  }
  frame_size = pos;
  return Status::success();
}

}  // namespace zstdpp::decoder

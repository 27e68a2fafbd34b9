// Frame inspection (frame.hpp) over the decoder's header parser.
#include <zstdpp/decompressor.hpp>
#include <zstdpp/error.hpp>
#include <zstdpp/frame.hpp>

#include "api/raise.hpp"
#include "common/format.hpp"
#include "decoder/frame_decoder.hpp"
#include "decoder/frame_header.hpp"
#include "decoder/literals.hpp"
#include "decoder/sequence_exec.hpp"
#include "decoder/stream_decoder.hpp"

namespace zstdpp {
namespace {

decoder::FrameHeader parse_header(ByteView data, Format format) {
  decoder::FrameHeader header;
  std::size_t needed = 0;
  Status s = decoder::parse_frame_header(data.data(), data.size(), format == FORMAT_ZSTD1_MAGICLESS, header, needed);
  if (!s.ok()) {
    if (s.code == ErrorCode::kTruncatedInput) s.code = ErrorCode::kFrameHeaderInvalid;
    api::raise(s);
  }
  return header;
}

}  // namespace

FrameParameters get_frame_parameters(ByteView data, Format format) {
  const decoder::FrameHeader header = parse_header(data, format);
  if (header.skippable)
    api::raise(ErrorCode::kFrameHeaderInvalid, "a skippable frame has no frame parameters");
  FrameParameters p;
  p.content_size = header.content_size == decoder::kUnknownContentSize ? CONTENTSIZE_UNKNOWN : header.content_size;
  p.window_size = header.window_size;
  p.dict_id = header.dict_id;
  p.has_checksum = header.has_checksum;
  p.single_segment = header.single_segment;
  p.header_size = header.header_size;
  return p;
}

std::size_t frame_header_size(ByteView data, Format format) {
  decoder::FrameHeader header;
  std::size_t needed = 0;
  const bool magicless = format == FORMAT_ZSTD1_MAGICLESS;
  Status s = decoder::parse_frame_header(data.data(), data.size(), magicless, header, needed);
  if (s.ok()) return header.header_size;
  // Once the descriptor byte is in, `needed` is the whole header's size.
  const std::size_t descriptor_end = magicless ? 1 : format::kMagicSize + 1;
  if (s.code == ErrorCode::kTruncatedInput && data.size() >= descriptor_end) return needed;
  if (s.code == ErrorCode::kTruncatedInput) s.code = ErrorCode::kFrameHeaderInvalid;
  api::raise(s);
}

std::uint64_t frame_content_size(ByteView data, Format format) {
  decoder::FrameHeader header;
  std::size_t needed = 0;
  if (!decoder::parse_frame_header(data.data(), data.size(), format == FORMAT_ZSTD1_MAGICLESS, header, needed).ok())
    return CONTENTSIZE_ERROR;
  if (header.skippable) return 0;
  return header.content_size == decoder::kUnknownContentSize ? CONTENTSIZE_UNKNOWN : header.content_size;
}

std::size_t frame_compressed_size(ByteView data, Format format) {
  std::size_t size = 0;
  api::check(decoder::find_frame_size(data.data(), data.size(), format == FORMAT_ZSTD1_MAGICLESS, size));
  return size;
}

std::size_t estimate_decompression_context_size(std::uint64_t window_size) {
  // What ZstdDecompressor::memory_size() reports at most for such frames.
  return sizeof(ZstdDecompressor) + decoder::StreamDecoder::memory_needed(window_size);
}

}  // namespace zstdpp

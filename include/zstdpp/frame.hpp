// Frame inspection without decoding (RFC 8878 section 3.1.1).
#pragma once

#include <cstddef>
#include <cstdint>

#include <zstdpp/bytes.hpp>
#include <zstdpp/constants.hpp>

namespace zstdpp {

struct FrameParameters {
  std::uint64_t content_size = CONTENTSIZE_UNKNOWN;  ///< CONTENTSIZE_UNKNOWN when absent
  std::uint64_t window_size = 0;
  std::uint32_t dict_id = 0;
  bool has_checksum = false;
  bool single_segment = false;
  std::size_t header_size = 0;  ///< bytes of frame header, magic included
};

/// Parses the header of the zstd frame at the start of `data`. Throws ZstdError when the
/// header is malformed, truncated, or the data is a skippable frame.
FrameParameters get_frame_parameters(ByteView data, Format format = FORMAT_ZSTD1);

/// Size of the frame header at the start of `data` (needs at least the first 5 bytes).
std::size_t frame_header_size(ByteView data, Format format = FORMAT_ZSTD1);

/// The declared content size of the frame at the start of `data`: CONTENTSIZE_UNKNOWN
/// when the header has none, CONTENTSIZE_ERROR when the header cannot be parsed.
std::uint64_t frame_content_size(ByteView data, Format format = FORMAT_ZSTD1);

/// Bytes taken by the whole frame (zstd or skippable) at the start of `data`, checksum
/// included, found by walking block headers. Throws ZstdError when it is truncated.
std::size_t frame_compressed_size(ByteView data, Format format = FORMAT_ZSTD1);

/// Memory a streaming decoder needs for frames with this window.
std::size_t estimate_decompression_context_size(std::uint64_t window_size = DEFAULT_MAX_WINDOW_SIZE);

}  // namespace zstdpp

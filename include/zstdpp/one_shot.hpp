// One-shot helpers: python-zstandard's module-level compress() and decompress().
//
//   zstdpp::Bytes frame = zstdpp::compress(data);          // level 3, content size in header
//   zstdpp::Bytes back = zstdpp::decompress(frame);
//
// Each call builds a fresh (de)compression context, so they are safe to call from any
// number of threads at once; for many small inputs, reuse a ZstdCompressor /
// ZstdDecompressor instead (a context costs allocations and table clearing).
#pragma once

#include <cstddef>

#include <zstdpp/bytes.hpp>
#include <zstdpp/parameters.hpp>

namespace zstdpp {

/// One frame holding `data` at `level` (MIN_COMPRESSION_LEVEL..MAX_COMPRESSION_LEVEL),
/// with its content size in the header. Throws ZstdError(kParameterOutOfBounds) for a
/// level out of range.
Bytes compress(ByteView data, int level = COMPRESSION_LEVEL_DEFAULT);

/// The content of the first frame in `data`. `max_output_size`: the output limit, needed
/// when the header has no content size (0: none given). Errors as
/// ZstdDecompressor::decompress documents them.
Bytes decompress(ByteView data, std::size_t max_output_size = 0);

}  // namespace zstdpp

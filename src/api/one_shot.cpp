// The module-level one-shot helpers, over a context made for the call.
#include <zstdpp/one_shot.hpp>

#include <zstdpp/compressor.hpp>
#include <zstdpp/decompressor.hpp>

namespace zstdpp {

Bytes compress(ByteView data, int level) { return ZstdCompressor({.level = level}).compress(data); }

Bytes decompress(ByteView data, std::size_t max_output_size) {
  return ZstdDecompressor().decompress(data, {.max_output_size = max_output_size});
}

}  // namespace zstdpp

// Shared inside the compression.zstd face (src/api/compression_zstd*.cpp only): what a
// ZstdDict holds, and the translation of Python-style arguments into zstdpp's options.
#pragma once

#include <mutex>
#include <optional>
#include <utility>
#include <vector>

#include <zstdpp/compression/zstd.hpp>
#include <zstdpp/compressor.hpp>
#include <zstdpp/decompressor.hpp>
#include <zstdpp/dict.hpp>

namespace zstdpp::compression::zstd::detail {

struct DictState {
  bool is_raw = false;
  // Parsed as given (zstd format, or raw content with is_raw). Never precomputed, so a
  // compressor using it indexes the content itself with its own parameters (undigested).
  ZstdCompressionDict base;
  // Digested copies, one per set of parameters, each precompute_compress()ed once.
  // A vector (a handful of entries at most) because the parameters have == but no order.
  mutable std::mutex mutex;
  mutable std::vector<std::pair<ZstdCompressionParameters, ZstdCompressionDict>> digested;
  mutable std::optional<ZstdCompressionDict> prefix;  // the whole content as raw history

  DictState(ByteView content, bool raw)
      : is_raw(raw), base(content, raw ? DICT_TYPE_RAWCONTENT : DICT_TYPE_FULLDICT) {}
  ZstdCompressionDict digested_for(const ZstdCompressionParameters& params) const;
  ZstdCompressionDict prefix_dict() const;
};

// Validated compression parameters from Python's (level, options) pair.
ZstdCompressionParameters compression_parameters(std::optional<int> level,
                                                 const std::optional<CompressionOptions>& options);
// The zstdpp compressor options for `params` and `dict` (loaded for compression).
CompressorOptions compressor_options(const ZstdCompressionParameters& params, const std::optional<Loaded>& dict);
// The zstdpp decompressor options for Python's (zstd_dict, options).
DecompressorOptions decompressor_options(const std::optional<Loaded>& dict,
                                         const std::optional<DecompressionOptions>& options);

}  // namespace zstdpp::compression::zstd::detail

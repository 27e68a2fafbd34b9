// ZstdCompressionParameters (include/zstdpp/parameters.hpp) over the engine's parameter
// resolution (encoder/params.hpp): the engine owns the table, the bounds and the
// messages; this layer turns a failed Status into a ZstdError and applies
// python-zstandard's from_level() conventions (source_size 0 is "unknown"; overrides are
// reported as given, not adjusted to the input).
#include <zstdpp/error.hpp>
#include <zstdpp/parameters.hpp>

#include "api/raise.hpp"
#include "encoder/params.hpp"

namespace zstdpp {

ZstdCompressionParameters ZstdCompressionParameters::from_level(int level, std::uint64_t source_size,
                                                                std::size_t dict_size,
                                                                const ZstdCompressionParameters& overrides) {
  api::check(encoder::validate_parameters(overrides));
  // python-zstandard's from_level() asks the reference for the level's parameters
  // (ZSTD_getCParams: table plus adjustment to the sizes) and lets every keyword argument
  // replace the result. So the table is resolved without the caller's fields, and those
  // are copied over afterwards, unadjusted.
  const ZstdCompressionParameters level_only{};
  encoder::CompressionConfig c;
  api::check(encoder::resolve_parameters(level, source_size == 0 ? encoder::kSourceSizeUnknown : source_size,
                                         dict_size, level_only, c));
  ZstdCompressionParameters p = overrides;
  p.compression_level = level;
  if (p.window_log == 0) p.window_log = static_cast<int>(c.window_log);
  if (p.hash_log == 0) p.hash_log = static_cast<int>(c.hash_log);
  if (p.chain_log == 0) p.chain_log = static_cast<int>(c.chain_log);
  if (p.search_log == 0) p.search_log = static_cast<int>(c.search_log);
  if (p.min_match == 0) p.min_match = static_cast<int>(c.min_match);
  if (p.target_length == 0) p.target_length = static_cast<int>(c.target_length);
  if (p.strategy == Strategy{}) p.strategy = c.strategy;
  return p;
}

ZstdCompressionParameters ZstdCompressionParameters::from_level(int level, std::uint64_t source_size,
                                                                std::size_t dict_size) {
  return from_level(level, source_size, dict_size, ZstdCompressionParameters{});
}

void ZstdCompressionParameters::validate() const { api::check(encoder::validate_parameters(*this)); }

std::size_t ZstdCompressionParameters::estimated_compression_context_size() const {
  encoder::CompressionConfig c;
  api::check(encoder::resolve_parameters(compression_level, encoder::kSourceSizeUnknown, 0, *this, c));
  return encoder::estimate_context_size(c);
}

}  // namespace zstdpp

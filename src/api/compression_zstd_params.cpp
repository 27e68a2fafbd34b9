// compression.zstd's parameters, dictionaries and frame inspection, over zstdpp's
// ZstdCompressionParameters, ZstdCompressionDict and frame.hpp.
//
// Python's options dicts name zstd's parameters (ZSTD_c_*); each maps onto one field of
// ZstdCompressionParameters, whose bounds table (zstdpp::bounds, the reference's
// ZSTD_cParam_getBounds) is the one source of the ranges. 0 passes unchecked for every
// parameter because zstd reads 0 as "the default", and so does the core.
#include <zstdpp/compression/zstd.hpp>

#include <zstdpp/frame.hpp>

#include <array>
#include <string>

#include "api/compression_zstd_detail.hpp"
#include "api/raise.hpp"

namespace zstdpp::compression::zstd {
namespace {

using CP = CompressionParameter;
using Core = zstdpp::CompressionParameter;

constexpr std::array<CP, 19> kCompressionMembers = {
    CP::compression_level, CP::window_log,     CP::hash_log,
    CP::chain_log,         CP::search_log,     CP::min_match,
    CP::target_length,     CP::strategy,       CP::enable_long_distance_matching,
    CP::ldm_hash_log,      CP::ldm_min_match,  CP::ldm_bucket_size_log,
    CP::ldm_hash_rate_log, CP::content_size_flag, CP::checksum_flag,
    CP::dict_id_flag,      CP::nb_workers,     CP::job_size,
    CP::overlap_log};
constexpr std::array<DecompressionParameter, 1> kDecompressionMembers = {DecompressionParameter::window_log_max};

// The core field each parameter sets.
Core core_field(CP p) {
  switch (p.id()) {
    case CP::Id::compression_level: return Core::compression_level;
    case CP::Id::window_log: return Core::window_log;
    case CP::Id::hash_log: return Core::hash_log;
    case CP::Id::chain_log: return Core::chain_log;
    case CP::Id::search_log: return Core::search_log;
    case CP::Id::min_match: return Core::min_match;
    case CP::Id::target_length: return Core::target_length;
    case CP::Id::strategy: return Core::strategy;
    case CP::Id::enable_long_distance_matching: return Core::enable_ldm;
    case CP::Id::ldm_hash_log: return Core::ldm_hash_log;
    case CP::Id::ldm_min_match: return Core::ldm_min_match;
    case CP::Id::ldm_bucket_size_log: return Core::ldm_bucket_size_log;
    case CP::Id::ldm_hash_rate_log: return Core::ldm_hash_rate_log;
    case CP::Id::content_size_flag: return Core::write_content_size;
    case CP::Id::checksum_flag: return Core::write_checksum;
    case CP::Id::dict_id_flag: return Core::write_dict_id;
    case CP::Id::nb_workers: return Core::threads;
    case CP::Id::job_size: return Core::job_size;
    case CP::Id::overlap_log: return Core::overlap_log;
  }
  return Core::format;
}

void check_range(const char* kind, const char* name, ParameterBounds b, int value) {
  if (value == 0 || b.contains(value)) return;
  api::raise(ErrorCode::kParameterOutOfBounds, std::string(kind) + " " + name + " = " + std::to_string(value) +
                                                   " is outside its bounds " + std::to_string(b.lower) + ".." +
                                                   std::to_string(b.upper) + " (0: the default)");
}

void set_field(ZstdCompressionParameters& p, CP which, int v) {
  switch (which.id()) {
    case CP::Id::compression_level: p.compression_level = v; break;
    case CP::Id::window_log: p.window_log = v; break;
    case CP::Id::hash_log: p.hash_log = v; break;
    case CP::Id::chain_log: p.chain_log = v; break;
    case CP::Id::search_log: p.search_log = v; break;
    case CP::Id::min_match: p.min_match = v; break;
    case CP::Id::target_length: p.target_length = v; break;
    case CP::Id::strategy: p.strategy = static_cast<Strategy>(v); break;
    case CP::Id::enable_long_distance_matching: p.enable_ldm = v; break;
    case CP::Id::ldm_hash_log: p.ldm_hash_log = v; break;
    case CP::Id::ldm_min_match: p.ldm_min_match = v; break;
    case CP::Id::ldm_bucket_size_log: p.ldm_bucket_size_log = v; break;
    case CP::Id::ldm_hash_rate_log: p.ldm_hash_rate_log = v; break;
    case CP::Id::content_size_flag: p.write_content_size = v != 0; break;
    case CP::Id::checksum_flag: p.write_checksum = v != 0; break;
    case CP::Id::dict_id_flag: p.write_dict_id = v != 0; break;
    case CP::Id::nb_workers: p.threads = v; break;
    case CP::Id::job_size: p.job_size = v; break;
    case CP::Id::overlap_log: p.overlap_log = v; break;
  }
}

}  // namespace

const char* CompressionParameter::name() const noexcept {
  switch (id_) {
    case Id::enable_long_distance_matching: return "enable_long_distance_matching";
    case Id::content_size_flag: return "content_size_flag";
    case Id::checksum_flag: return "checksum_flag";
    case Id::dict_id_flag: return "dict_id_flag";
    case Id::nb_workers: return "nb_workers";
    default: return parameter_name(core_field(*this));  // the same spelling as the core's
  }
}

ParameterBounds CompressionParameter::bounds() const noexcept { return zstdpp::bounds(core_field(*this)); }

std::span<const CompressionParameter> CompressionParameter::members() noexcept { return kCompressionMembers; }

const char* DecompressionParameter::name() const noexcept { return "window_log_max"; }

ParameterBounds DecompressionParameter::bounds() const noexcept {
  return {static_cast<int>(WINDOWLOG_MIN), static_cast<int>(WINDOWLOG_MAX)};
}

std::span<const DecompressionParameter> DecompressionParameter::members() noexcept { return kDecompressionMembers; }

// --- Dictionaries -----------------------------------------------------------------------

ZstdDict::ZstdDict(ByteView content, bool is_raw) : state_(std::make_shared<detail::DictState>(content, is_raw)) {}

std::uint32_t ZstdDict::dict_id() const { return state_->base.dict_id(); }

ByteView ZstdDict::dict_content() const { return state_->base.as_bytes(); }

namespace detail {

ZstdCompressionDict DictState::digested_for(const ZstdCompressionParameters& params) const {
  std::lock_guard<std::mutex> lock(mutex);
  for (const auto& [p, d] : digested)
    if (p == params) return d;
  // A copy parsed on its own: precompute_compress() marks every copy sharing a parse, and
  // `base` must stay undigested.
  ZstdCompressionDict d(base.as_bytes(), is_raw ? DICT_TYPE_RAWCONTENT : DICT_TYPE_FULLDICT);
  d.precompute_compress(0, &params);
  digested.emplace_back(params, d);
  return d;
}

ZstdCompressionDict DictState::prefix_dict() const {
  if (is_raw) return base;
  std::lock_guard<std::mutex> lock(mutex);
  if (!prefix) prefix.emplace(base.as_bytes(), DICT_TYPE_RAWCONTENT);
  return *prefix;
}

ZstdCompressionParameters compression_parameters(std::optional<int> level,
                                                 const std::optional<CompressionOptions>& options) {
  if (level && options)
    api::raise(ErrorCode::kParameterOutOfBounds,
               "level and options are mutually exclusive: give the level as options[compression_level]");
  ZstdCompressionParameters p;
  if (level) {
    check_range("compression level", "level", zstdpp::bounds(Core::compression_level), *level);
    p.compression_level = *level;
  }
  if (options) {
    for (const auto& [which, value] : *options) {
      check_range("compression parameter", which.name(), which.bounds(), value);
      set_field(p, which, value);
    }
  }
  if (p.threads > 0)
    api::raise(ErrorCode::kNotImplemented, "nb_workers > 0: multithreaded compression is not implemented yet");
  p.validate();
  return p;
}

CompressorOptions compressor_options(const ZstdCompressionParameters& params, const std::optional<Loaded>& dict) {
  CompressorOptions o;
  o.compression_params = params;
  if (dict) {
    switch (dict->load) {
      case DictLoad::kDigested: o.dict_data = dict->dict.state().digested_for(params); break;
      case DictLoad::kPrefix: o.dict_data = dict->dict.state().prefix_dict(); break;
      case DictLoad::kDefault:
      case DictLoad::kUndigested: o.dict_data = dict->dict.state().base; break;
    }
  }
  return o;
}

DecompressorOptions decompressor_options(const std::optional<Loaded>& dict,
                                         const std::optional<DecompressionOptions>& options) {
  DecompressorOptions o;
  if (dict) {
    o.dict_data = dict->load == DictLoad::kPrefix ? dict->dict.state().prefix_dict() : dict->dict.state().base;
  }
  if (options) {
    for (const auto& [which, value] : *options) {
      check_range("decompression parameter", which.name(), which.bounds(), value);
      if (value != 0) o.max_window_size = std::uint64_t{1} << value;
    }
  }
  return o;
}

}  // namespace detail

// --- Frame inspection ---------------------------------------------------------------------

FrameInfo get_frame_info(ByteView frame_buffer) {
  const std::uint64_t size = frame_content_size(frame_buffer);
  if (size == CONTENTSIZE_ERROR)
    api::raise(ErrorCode::kFrameHeaderInvalid,
               "get_frame_info: the data does not start with a complete zstd frame header (" +
                   std::to_string(frame_buffer.size()) + " bytes given; a header takes 6 to 18)");
  FrameInfo info;
  const bool skippable = frame_buffer.size() >= 4 &&
                         ((static_cast<std::uint32_t>(frame_buffer[0]) | static_cast<std::uint32_t>(frame_buffer[1]) << 8 |
                           static_cast<std::uint32_t>(frame_buffer[2]) << 16 |
                           static_cast<std::uint32_t>(frame_buffer[3]) << 24) &
                          MAGIC_SKIPPABLE_MASK) == MAGIC_SKIPPABLE_START;
  if (skippable) {
    info.decompressed_size = 0;
    return info;
  }
  if (size != CONTENTSIZE_UNKNOWN) info.decompressed_size = size;
  info.dictionary_id = get_frame_parameters(frame_buffer).dict_id;
  return info;
}

std::size_t get_frame_size(ByteView frame_buffer) { return frame_compressed_size(frame_buffer); }

}  // namespace zstdpp::compression::zstd

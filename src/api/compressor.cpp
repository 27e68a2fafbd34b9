// ZstdCompressor over the engine's FrameCompressor: options resolved to an engine
// configuration once per frame (the source size, when known, shrinks the tables).
#include <zstdpp/compressor.hpp>

#include <algorithm>

#include "api/dict_state.hpp"
#include "api/encoder_engine.hpp"
#include "api/raise.hpp"
#include "encoder/params.hpp"

namespace zstdpp {
namespace {

void check_options(const CompressorOptions& o) {
  if (o.compression_params &&
      (o.level || o.write_checksum || o.write_content_size || o.write_dict_id || o.threads))
    api::raise(ErrorCode::kParameterOutOfBounds,
               "compression_params cannot be combined with level, write_checksum, write_content_size, "
               "write_dict_id or threads: set them in the parameters instead");
  const int threads = o.compression_params ? o.compression_params->threads : o.threads.value_or(0);
  if (threads < 0 || threads > NBWORKERS_MAX)
    api::raise(ErrorCode::kParameterOutOfBounds, "threads " + std::to_string(threads) + " is outside 0.." +
                                                     std::to_string(NBWORKERS_MAX));
  if (threads > 0)
    api::raise(ErrorCode::kNotImplemented, "multithreaded compression (threads > 0) is not implemented yet");
  if (o.compression_params) {
    o.compression_params->validate();
  } else if (o.level) {
    const int level = *o.level;
    if (level < MIN_COMPRESSION_LEVEL || level > MAX_COMPRESSION_LEVEL)
      api::raise(ErrorCode::kParameterOutOfBounds, "compression level " + std::to_string(level) + " is outside " +
                                                       std::to_string(MIN_COMPRESSION_LEVEL) + ".." +
                                                       std::to_string(MAX_COMPRESSION_LEVEL));
  }
}

const encoder::EncoderDictionary* encoder_dict(const CompressorOptions& o) {
  return o.dict_data ? &o.dict_data->state().encoder : nullptr;
}

encoder::EncoderSettings settings_for(const CompressorOptions& o, std::uint64_t source_size) {
  ZstdCompressionParameters overrides;
  int level = COMPRESSION_LEVEL_DEFAULT;
  if (o.compression_params) {
    overrides = *o.compression_params;
    level = overrides.compression_level;
  } else {
    level = o.level.value_or(COMPRESSION_LEVEL_DEFAULT);
  }
  encoder::CompressionConfig config;
  const std::size_t dict_size = o.dict_data ? o.dict_data->state().encoder.content_size : 0;
  api::check(encoder::resolve_parameters(level, source_size, dict_size, overrides, config));
  encoder::EncoderSettings s;
  s.match.window_log = config.window_log;
  s.match.hash_log = config.hash_log;
  s.match.chain_log = config.chain_log;
  s.match.search_log = config.search_log;
  s.match.min_match = config.min_match;
  s.match.target_length = config.target_length;
  s.match.layout = config.strategy == Strategy::fast ? encoder::TableLayout::kHashOnly
                   : config.row_match_finder      ? encoder::TableLayout::kRows
                                                  : encoder::TableLayout::kHashAndChain;
  s.match.row_log = config.row_match_finder ? config.row_log : 4;
  // The optimal parsers' 3-byte table: at most 2^17 entries, 3-byte matches paying only at
  // short distances.
  s.match.hash3_log = config.strategy >= Strategy::btopt && config.min_match == 3
                          ? std::min<unsigned>(HASHLOG3_MAX, config.window_log)
                          : 0;
  s.strategy = config.strategy;
  s.ldm.enabled = config.enable_ldm;
  s.ldm.hash_log = config.ldm_hash_log;
  s.ldm.min_match = config.ldm_min_match;
  s.ldm.bucket_size_log = config.ldm_bucket_size_log;
  s.ldm.hash_rate_log = config.ldm_hash_rate_log;
  // Negative levels (fast with a target length) store literals raw, as the reference does:
  // their point is speed, and Huffman coding is a large share of a fast block's time.
  s.entropy.compress_literals = !(config.strategy == Strategy::fast && config.target_length > 0);
  if (o.compression_params) {
    s.checksum = config.checksum_flag;
    s.content_size = config.content_size_flag;
    s.dict_id = config.dict_id_flag;
    s.magicless = config.format == FORMAT_ZSTD1_MAGICLESS;
  } else {
    s.checksum = o.write_checksum.value_or(false);
    s.content_size = o.write_content_size.value_or(true);
    s.dict_id = o.write_dict_id.value_or(true);
  }
  return s;
}

// Starts a frame of `source_size` bytes (kSourceSizeUnknown: unknown). With a dictionary
// prepared by precompute_compress() for this compressor's level or parameters, its
// indexed tables are used (with the settings they were built for, as a prepared
// dictionary's must be), else the settings are fitted to the source size.
void begin_frame(const CompressorOptions& o, detail::EncoderEngine& e, std::uint64_t source_size,
                 std::uint64_t pledged) {
  const encoder::EncoderDictionary* dict = encoder_dict(o);
  e.primed = o.dict_data ? o.dict_data->state().primed_tables() : nullptr;
  if (e.primed) {
    const encoder::EncoderSettings prepared = settings_for(o, encoder::kSourceSizeUnknown);
    if (e.primed->fits(prepared)) {
      api::check(e.frame.begin(prepared, pledged, dict, e.primed.get()));
      return;
    }
    e.primed.reset();
  }
  api::check(e.frame.begin(settings_for(o, source_size), pledged, dict));
}

}  // namespace

void ZstdCompressionDict::precompute_compress(int level, const ZstdCompressionParameters* compression_params) {
  CompressorOptions o;
  if (compression_params != nullptr) {
    o.compression_params = *compression_params;
  } else {
    o.level = level == 0 ? COMPRESSION_LEVEL_DEFAULT : level;
  }
  o.dict_data = *this;
  check_options(o);
  std::shared_ptr<const encoder::PrimedDictionary> primed =
      encoder::prime_dictionary(state_->encoder, settings_for(o, encoder::kSourceSizeUnknown));
  std::lock_guard<std::mutex> lock(state_->primed_mutex);
  state_->primed = std::move(primed);
}

namespace detail {

std::size_t EncoderEngine::compress_frame(ByteView data, MutableByteView dst) {
  in_frame = false;
  begin_frame(options, *this, data.size(), data.size());
  std::size_t written = 0;
  api::check(frame.compress_frame(data.data(), data.size(), dst.data(), dst.size(), written));
  ingested = data.size();
  return written;
}

void EncoderEngine::set_pledged_input_size(std::uint64_t size) {
  if (in_frame) api::raise(ErrorCode::kWrongState, "set_pledged_input_size is only allowed between frames");
  pledged = size;
}

OperationLease EncoderEngine::begin_operation(const char* operation, std::uint64_t size) {
  OperationLease lease(use, operation);
  set_pledged_input_size(size);
  return lease;
}

void EncoderEngine::reset_stream() noexcept {
  in_frame = false;
  pledged = CONTENTSIZE_UNKNOWN;
}

std::size_t EncoderEngine::step(InBuffer& in, OutBuffer& out, StreamMode mode) {
  if (in.pos > in.src.size() || out.pos > out.dst.size())
    api::raise(ErrorCode::kParameterOutOfBounds, "buffer position past the buffer's end");
  if (!in_frame) {
    const std::uint64_t size = pledged;
    begin_frame(options, *this, size == CONTENTSIZE_UNKNOWN ? encoder::kSourceSizeUnknown : size,
                size == CONTENTSIZE_UNKNOWN ? encoder::kUnknownSize : size);
    in_frame = true;
    ingested = 0;
  }
  const auto engine_mode = mode == StreamMode::FLUSH_FRAME   ? encoder::EndMode::kEnd
                           : mode == StreamMode::FLUSH_BLOCK ? encoder::EndMode::kFlush
                                                             : encoder::EndMode::kContinue;
  const std::size_t before = in.pos;
  std::size_t remaining = 0;
  Status s = frame.compress(in.src.data(), in.src.size(), in.pos, out.dst.data(), out.dst.size(), out.pos,
                            engine_mode, remaining);
  ingested += in.pos - before;
  if (!s.ok()) {
    reset_stream();
    api::raise(s);
  }
  if (frame.frame_ended()) reset_stream();
  return remaining;
}

}  // namespace detail

ZstdCompressor::ZstdCompressor(CompressorOptions options)
    : engine_(std::make_unique<detail::EncoderEngine>(std::move(options))) {
  check_options(engine_->options);
}

ZstdCompressor::~ZstdCompressor() = default;
ZstdCompressor::ZstdCompressor(ZstdCompressor&&) noexcept = default;
ZstdCompressor& ZstdCompressor::operator=(ZstdCompressor&&) noexcept = default;

std::size_t compress_bound(std::size_t size) { return encoder::compress_bound(size); }

std::size_t ZstdCompressor::compress_into(ByteView data, MutableByteView dst) {
  detail::check_not_leased(engine_->use, "ZstdCompressor::compress");
  detail::CallGuard guard(engine_->use, "ZstdCompressor::compress");
  return engine_->compress_frame(data, dst);
}

Bytes ZstdCompressor::compress(ByteView data) {
  Bytes out(compress_bound(data.size()));
  out.resize(compress_into(data, out));
  return out;
}

void ZstdCompressor::set_pledged_input_size(std::uint64_t size) {
  detail::check_not_leased(engine_->use, "ZstdCompressor::set_pledged_input_size");
  engine_->set_pledged_input_size(size);
}

void ZstdCompressor::reset_stream() {
  detail::check_not_leased(engine_->use, "ZstdCompressor::reset_stream");
  engine_->reset_stream();
}

std::size_t ZstdCompressor::compress_stream(InBuffer& in, OutBuffer& out, StreamMode mode) {
  detail::check_not_leased(engine_->use, "ZstdCompressor::compress_stream");
  detail::CallGuard guard(engine_->use, "ZstdCompressor::compress_stream");
  return engine_->step(in, out, mode);
}

FrameProgression ZstdCompressor::frame_progression() const {
  return {engine_->ingested, engine_->frame.consumed(), engine_->frame.produced()};
}

std::size_t ZstdCompressor::memory_size() const { return sizeof(*this) + engine_->frame.memory_size(); }

ZstdCompressionObj ZstdCompressor::compressobj(std::uint64_t size) {
  return ZstdCompressionObj(*engine_, engine_->begin_operation("compressobj", size));
}

Bytes ZstdCompressionObj::drive(ByteView data, StreamMode mode) {
  // Output goes through a fixed scratch buffer and only what was produced is appended:
  // growing the result by a whole recommended output size per call would zero-fill
  // 128 KiB for every tiny compress() call.
  detail::CallGuard guard(engine_->use, "ZstdCompressionObj");
  Bytes out;
  InBuffer in{data};
  std::uint8_t scratch[16384];
  for (;;) {
    OutBuffer ob{MutableByteView(scratch, sizeof scratch)};
    const std::size_t remaining = engine_->step(in, ob, mode);
    out.insert(out.end(), scratch, scratch + ob.pos);
    // Done when the input is consumed and nothing is left to flush, even if the scratch
    // came back full: calling again with FLUSH_FRAME would begin a second frame.
    if (in.pos == in.src.size() && remaining == 0) break;
  }
  return out;
}

Bytes ZstdCompressionObj::compress(ByteView data) {
  if (finished_) api::raise(ErrorCode::kWrongState, "compressobj: compress() after flush(COMPRESSOBJ_FLUSH_FINISH)");
  return drive(data, StreamMode::CONTINUE);
}

Bytes ZstdCompressionObj::flush(int mode) {
  if (finished_) api::raise(ErrorCode::kWrongState, "compressobj: flush() after flush(COMPRESSOBJ_FLUSH_FINISH)");
  if (mode != COMPRESSOBJ_FLUSH_FINISH && mode != COMPRESSOBJ_FLUSH_BLOCK)
    api::raise(ErrorCode::kParameterOutOfBounds, "compressobj flush mode must be COMPRESSOBJ_FLUSH_FINISH or "
                                                 "COMPRESSOBJ_FLUSH_BLOCK");
  if (mode == COMPRESSOBJ_FLUSH_FINISH) finished_ = true;
  Bytes out = drive({}, mode == COMPRESSOBJ_FLUSH_FINISH ? StreamMode::FLUSH_FRAME : StreamMode::FLUSH_BLOCK);
  // The frame is complete: the compressor is free for other operations.
  if (finished_) lease_.release();
  return out;
}

}  // namespace zstdpp

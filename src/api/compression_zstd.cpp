// compression.zstd's one-shot functions and incremental (de)compressors, over zstdpp's
// ZstdCompressor::compress_stream and ZstdDecompressor::decompress_stream.
//
// ZstdCompressor tracks Python's last_mode (FLUSH_FRAME means "at a frame start") and
// does what zstd's streaming call does there: FLUSH_FRAME on the frame's first call pledges
// the input's size, so a one-shot frame carries its content size. A prefix applies to the
// first frame only: when that frame ends, the core compressor is rebuilt without it.
//
// ZstdDecompressor decodes one frame. max_length bounds what one call returns; to say
// exactly whether more output is ready (needs_input), a call that stops at the limit
// decodes one byte more into `pending` (or meets the frame's end). So memory beyond the
// caller's limit is one byte, plus compressed input not consumed yet.
#include <zstdpp/compression/zstd.hpp>

#include <algorithm>
#include <limits>
#include <mutex>

#include "api/compression_zstd_detail.hpp"
#include "api/raise.hpp"

namespace zstdpp::compression::zstd {
namespace {

// Output goes through a fixed scratch buffer and only what was produced is appended:
// growing the result by a block per call would zero-fill 128 KiB for tiny calls.
constexpr std::size_t kScratchSize = 1 << 16;

const char* mode_name(StreamMode m) {
  return m == StreamMode::CONTINUE ? "CONTINUE" : m == StreamMode::FLUSH_BLOCK ? "FLUSH_BLOCK" : "FLUSH_FRAME";
}

}  // namespace

namespace detail {

struct CompressorState {
  CompressorState(const ZstdCompressionParameters& p, const std::optional<Loaded>& dict)
      : params(p), core(compressor_options(p, dict)), prefix(dict && dict->load == DictLoad::kPrefix) {}

  std::mutex mutex;
  ZstdCompressionParameters params;
  zstdpp::ZstdCompressor core;
  bool prefix;             // the core holds a prefix, to drop when the first frame ends
  bool pledged = false;    // set_pledged_input_size() was called for the next frame
  StreamMode last_mode = StreamMode::FLUSH_FRAME;
  Bytes scratch;

  Bytes run(ByteView data, StreamMode mode) {
    if (last_mode == StreamMode::FLUSH_FRAME && mode == StreamMode::FLUSH_FRAME && !pledged)
      core.set_pledged_input_size(data.size());
    if (scratch.empty()) scratch.resize(kScratchSize);
    Bytes out;
    InBuffer in{data};
    try {
      for (;;) {
        OutBuffer ob{MutableByteView(scratch)};
        const std::size_t remaining = core.compress_stream(in, ob, mode);
        out.insert(out.end(), scratch.begin(), scratch.begin() + static_cast<std::ptrdiff_t>(ob.pos));
        if (in.pos == in.src.size() && remaining == 0) break;
      }
    } catch (...) {
      // The core abandoned the frame: the next call starts a new one.
      last_mode = StreamMode::FLUSH_FRAME;
      pledged = false;
      throw;
    }
    last_mode = mode;
    if (mode == StreamMode::FLUSH_FRAME) {
      pledged = false;
      if (prefix) {
        core = zstdpp::ZstdCompressor(compressor_options(params, std::nullopt));
        prefix = false;
      }
    }
    return out;
  }
};

struct DecompressorState {
  explicit DecompressorState(DecompressorOptions o) : core(std::move(o)) {}

  std::mutex mutex;
  zstdpp::ZstdDecompressor core;
  Bytes input;             // compressed bytes given but not consumed yet
  Bytes pending;           // decoded bytes not returned yet (at most one: the probe)
  Bytes unused;            // input after the frame's end
  bool frame_done = false;  // the decoder reached the end of the frame
  bool needs_input = true;

  bool eof() const { return frame_done && pending.empty(); }

  Bytes run(ByteView data, std::int64_t max_length) {
    if (eof()) api::raise(ErrorCode::kWrongState, "ZstdDecompressor: already at the end of a zstd frame");
    const std::size_t limit =
        max_length < 0 ? std::numeric_limits<std::size_t>::max() : static_cast<std::size_t>(max_length);
    Bytes out;
    const std::size_t from_pending = std::min(limit, pending.size());
    out.assign(pending.begin(), pending.begin() + static_cast<std::ptrdiff_t>(from_pending));
    pending.erase(pending.begin(), pending.begin() + static_cast<std::ptrdiff_t>(from_pending));
    if (frame_done) {  // the frame is decoded; only buffered output was left
      unused.insert(unused.end(), data.begin(), data.end());
      needs_input = false;
      return out;
    }
    // Decode from the caller's bytes directly when nothing is kept from before.
    if (!input.empty()) input.insert(input.end(), data.begin(), data.end());
    InBuffer in{input.empty() ? data : ByteView(input)};
    decode(in, out, limit);
    if (!frame_done && out.size() == limit) probe(in);
    ByteView rest = in.src.subspan(in.pos);
    if (frame_done) {
      unused.assign(rest.begin(), rest.end());
      input.clear();
    } else {
      Bytes kept(rest.begin(), rest.end());
      input.swap(kept);
    }
    needs_input = !frame_done && pending.empty() && input.empty();
    return out;
  }

  // Decodes into `out` until `limit`, the frame's end, or the input runs out.
  void decode(InBuffer& in, Bytes& out, std::size_t limit) {
    while (out.size() < limit) {
      const std::size_t want = std::min<std::size_t>(limit - out.size(), DECOMPRESSION_RECOMMENDED_OUTPUT_SIZE);
      const std::size_t at = out.size();
      out.resize(at + want);
      OutBuffer ob{MutableByteView(out).subspan(at)};
      const std::size_t in_before = in.pos;
      const StreamProgress p = core.decompress_stream(in, ob);
      out.resize(at + ob.pos);
      if (p.frame_done) {
        frame_done = true;
        return;
      }
      // A step that neither consumed nor produced anything needs more input. (A step may
      // consume a whole block and output nothing yet, so room left alone proves nothing.)
      if (ob.pos == 0 && in.pos == in_before) return;
    }
  }

  // At the limit: one more byte, if the decoder has one, tells needs_input exactly.
  void probe(InBuffer& in) {
    std::uint8_t byte = 0;
    for (;;) {
      OutBuffer ob{MutableByteView(&byte, 1)};
      const std::size_t in_before = in.pos;
      const StreamProgress p = core.decompress_stream(in, ob);
      if (ob.pos == 1) pending.push_back(byte);
      if (p.frame_done) frame_done = true;
      if (ob.pos == 1 || p.frame_done || in.pos == in_before) return;
    }
  }
};

}  // namespace detail

// --- ZstdCompressor -----------------------------------------------------------------------

ZstdCompressor::ZstdCompressor(std::optional<int> level, const std::optional<CompressionOptions>& options,
                               const std::optional<Loaded>& zstd_dict)
    : state_(std::make_unique<detail::CompressorState>(detail::compression_parameters(level, options), zstd_dict)) {}

ZstdCompressor::~ZstdCompressor() = default;
ZstdCompressor::ZstdCompressor(ZstdCompressor&&) noexcept = default;
ZstdCompressor& ZstdCompressor::operator=(ZstdCompressor&&) noexcept = default;

Bytes ZstdCompressor::compress(ByteView data, Mode mode) {
  if (mode != CONTINUE && mode != FLUSH_BLOCK && mode != FLUSH_FRAME)
    api::raise(ErrorCode::kParameterOutOfBounds, "ZstdCompressor.compress: mode must be CONTINUE, FLUSH_BLOCK or "
                                                 "FLUSH_FRAME");
  std::lock_guard<std::mutex> lock(state_->mutex);
  return state_->run(data, mode);
}

Bytes ZstdCompressor::flush(Mode mode) {
  if (mode != FLUSH_BLOCK && mode != FLUSH_FRAME)
    api::raise(ErrorCode::kParameterOutOfBounds, std::string("ZstdCompressor.flush: mode must be FLUSH_BLOCK or "
                                                             "FLUSH_FRAME, not ") +
                                                     mode_name(mode));
  std::lock_guard<std::mutex> lock(state_->mutex);
  return state_->run({}, mode);
}

void ZstdCompressor::set_pledged_input_size(std::optional<std::uint64_t> size) {
  std::lock_guard<std::mutex> lock(state_->mutex);
  if (state_->last_mode != FLUSH_FRAME)
    api::raise(ErrorCode::kWrongState, std::string("set_pledged_input_size: only at the start of a frame "
                                                   "(last_mode is ") +
                                           mode_name(state_->last_mode) + ", not FLUSH_FRAME)");
  state_->core.set_pledged_input_size(size.value_or(CONTENTSIZE_UNKNOWN));
  state_->pledged = true;
}

ZstdCompressor::Mode ZstdCompressor::last_mode() const {
  std::lock_guard<std::mutex> lock(state_->mutex);
  return state_->last_mode;
}

// --- ZstdDecompressor ---------------------------------------------------------------------

ZstdDecompressor::ZstdDecompressor(const std::optional<Loaded>& zstd_dict,
                                   const std::optional<DecompressionOptions>& options)
    : state_(std::make_unique<detail::DecompressorState>(detail::decompressor_options(zstd_dict, options))) {}

ZstdDecompressor::~ZstdDecompressor() = default;
ZstdDecompressor::ZstdDecompressor(ZstdDecompressor&&) noexcept = default;
ZstdDecompressor& ZstdDecompressor::operator=(ZstdDecompressor&&) noexcept = default;

Bytes ZstdDecompressor::decompress(ByteView data, std::int64_t max_length) {
  std::lock_guard<std::mutex> lock(state_->mutex);
  return state_->run(data, max_length);
}

bool ZstdDecompressor::eof() const {
  std::lock_guard<std::mutex> lock(state_->mutex);
  return state_->eof();
}

Bytes ZstdDecompressor::unused_data() const {
  std::lock_guard<std::mutex> lock(state_->mutex);
  return state_->eof() ? state_->unused : Bytes{};
}

bool ZstdDecompressor::needs_input() const {
  std::lock_guard<std::mutex> lock(state_->mutex);
  return state_->needs_input;
}

// --- One-shot -------------------------------------------------------------------------------

Bytes compress(ByteView data, std::optional<int> level, const std::optional<CompressionOptions>& options,
               const std::optional<Loaded>& zstd_dict) {
  return ZstdCompressor(level, options, zstd_dict).compress(data, ZstdCompressor::FLUSH_FRAME);
}

Bytes decompress(ByteView data, const std::optional<Loaded>& zstd_dict,
                 const std::optional<DecompressionOptions>& options) {
  // One decoder over every frame: it restarts at each frame end, as one ZstdDecompressor
  // per frame would (a prefix included), without a new context per frame.
  zstdpp::ZstdDecompressor d(detail::decompressor_options(zstd_dict, options));
  Bytes out;
  InBuffer in{data};
  bool frame_done = false;
  for (;;) {
    const std::size_t at = out.size();
    const std::size_t want = std::max<std::size_t>(at, DECOMPRESSION_RECOMMENDED_OUTPUT_SIZE);
    out.resize(at + want);
    OutBuffer ob{MutableByteView(out).subspan(at)};
    const std::size_t in_before = in.pos;
    const StreamProgress p = d.decompress_stream(in, ob);
    out.resize(at + ob.pos);
    frame_done = p.frame_done;
    if (p.frame_done && in.pos == in.src.size()) break;
    if (!p.frame_done && ob.pos == 0 && in.pos == in_before) break;  // no progress: truncated
  }
  if (!frame_done)
    api::raise(ErrorCode::kTruncatedInput,
               data.empty() ? std::string("decompress: the data is empty: it holds no zstd frame")
                            : "decompress: the data ended before the end of a frame (" + std::to_string(data.size()) +
                                  " bytes)");
  return out;
}

}  // namespace zstdpp::compression::zstd

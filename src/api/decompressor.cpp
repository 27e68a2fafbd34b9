// ZstdDecompressor over the engine: one-shot frames decode straight into the result
// (sized from Frame_Content_Size, plus the executor's slack so its fast path reaches the
// end); frames without a content size and the streaming call go through StreamDecoder.
#include <zstdpp/decompressor.hpp>

#include <algorithm>

#include "api/decoder_engine.hpp"
#include "api/dict_state.hpp"
#include "api/raise.hpp"
#include "common/format.hpp"
#include "decoder/frame_decoder.hpp"
#include "decoder/frame_header.hpp"
#include "decoder/sequence_exec.hpp"
#include "decoder/stream_decoder.hpp"

namespace zstdpp {
namespace detail {

StreamProgress DecoderEngine::step(InBuffer& in, OutBuffer& out) {
  if (in.pos > in.src.size() || out.pos > out.dst.size())
    api::raise(ErrorCode::kParameterOutOfBounds, "buffer position past the buffer's end");
  decoder::StreamStep progress;
  Status s = stream.decompress(in.src.data(), in.src.size(), in.pos, out.dst.data(), out.dst.size(), out.pos,
                               progress);
  if (!s.ok()) api::raise(s);
  return StreamProgress{progress.frame_done, progress.input_hint};
}

}  // namespace detail

namespace {

decoder::StreamOptions stream_options(const DecompressorOptions& o) {
  decoder::StreamOptions s;
  s.max_window_size = o.max_window_size ? o.max_window_size : DEFAULT_MAX_WINDOW_SIZE;
  s.magicless = o.format == FORMAT_ZSTD1_MAGICLESS;
  s.verify_checksum = !o.skip_checksum;
  s.force_portable = o.force_portable;
  return s;
}

const decoder::DecoderDictionary* decoder_dict(const DecompressorOptions& o) {
  return o.dict_data ? &o.dict_data->state().decoder : nullptr;
}

}  // namespace

ZstdDecompressor::ZstdDecompressor(DecompressorOptions options)
    : options_(std::move(options)), engine_(std::make_unique<detail::DecoderEngine>(stream_options(options_))) {
  engine_->stream.set_dictionary(decoder_dict(options_));
}

ZstdDecompressor::~ZstdDecompressor() = default;
ZstdDecompressor::ZstdDecompressor(ZstdDecompressor&&) noexcept = default;
ZstdDecompressor& ZstdDecompressor::operator=(ZstdDecompressor&&) noexcept = default;

namespace {

// Where one-shot output goes: a growing vector (decompress) or the caller's span
// (decompress_into). grow() returns writable room at the end: at least `min` bytes (or it
// throws kOutputTooSmall), up to `want`.
struct VectorSink {
  Bytes& out;
  std::size_t size() const { return out.size() - pending_; }
  MutableByteView grow(std::size_t /*min*/, std::size_t want) {
    const std::size_t at = size();
    out.resize(at + want);
    pending_ = want;
    return {out.data() + at, want};
  }
  void commit(std::size_t n) {
    out.resize(out.size() - pending_ + n);
    pending_ = 0;
  }
  std::size_t pending_ = 0;
};

struct SpanSink {
  MutableByteView dst;
  std::size_t used = 0;
  std::size_t size() const { return used; }
  MutableByteView grow(std::size_t min, std::size_t want) {
    const std::size_t room = dst.size() - used;
    if (room < min)
      api::raise(ErrorCode::kOutputTooSmall, "frame content of " + std::to_string(min) +
                                                 " bytes exceeds the " + std::to_string(room) + " bytes of output room");
    return {dst.data() + used, std::min(room, want)};
  }
  void commit(std::size_t n) { used += n; }
};

}  // namespace

template <typename Sink>
void ZstdDecompressor::decode_frames(ByteView data, const DecompressOptions& options, Sink& sink) {
  engine_->stream.reset();
  const decoder::DecoderDictionary* dict = decoder_dict(options_);
  const bool magicless = options_.format == FORMAT_ZSTD1_MAGICLESS;
  decoder::FrameOptions frame_options{magicless, !options_.skip_checksum};
  const std::size_t limit = options.max_output_size ? options.max_output_size : ~std::size_t{0};

  if (data.empty()) api::raise(ErrorCode::kTruncatedInput, "input is empty: it holds no zstd frame");
  std::size_t pos = 0;
  bool decoded_a_frame = false;
  while (pos < data.size()) {
    const std::uint8_t* src = data.data() + pos;
    const std::size_t size = data.size() - pos;
    decoder::FrameHeader header;
    std::size_t needed = 0;
    Status s = decoder::parse_frame_header(src, size, magicless, header, needed);
    if (!s.ok()) {
      if (decoded_a_frame && options.allow_extra_data) break;  // trailing bytes that are not a frame
      api::raise(s.at_input_offset(pos));
    }
    if (header.skippable) {
      std::size_t frame_size = 0;
      api::check(decoder::find_frame_size(src, size, magicless, frame_size));
      pos += frame_size;
      continue;
    }

    if (header.content_size != decoder::kUnknownContentSize) {
      if (header.content_size > limit - sink.size())
        api::raise(ErrorCode::kOutputTooSmall, "frame content of " + std::to_string(header.content_size) +
                                                   " bytes exceeds max_output_size " + std::to_string(limit));
      if (header.content_size > decoder::max_decoded_size(size))
        api::raise(ErrorCode::kContentSizeMismatch,
                   "frame declares " + std::to_string(header.content_size) + " bytes of content, more than its " +
                       std::to_string(size) + " bytes can hold");
      // Room for the executor's slack lets its fast path run to the frame's last byte.
      const auto content = static_cast<std::size_t>(header.content_size);
      const MutableByteView region = sink.grow(content, content + decoder::kOutputSlack);
      decoder::FrameResult result;
      Status fs = decoder::decode_frame(engine_->stream.block_decoder(), dict, src, size, region.data(),
                                        region.size(), frame_options, result);
      if (!fs.ok()) api::raise(fs.at_input_offset(pos));
      sink.commit(result.produced);
      pos += result.consumed;
    } else {
      if (options.max_output_size == 0)
        api::raise(ErrorCode::kContentSizeUnknown,
                   "frame header has no content size: give max_output_size to decompress it in one call");
      InBuffer in{data.subspan(pos)};
      for (;;) {
        // At the limit, a 1-byte probe tells "more content" from "frame ends here".
        const std::size_t want = std::min<std::size_t>(limit - sink.size(), format::kBlockSizeMax);
        MutableByteView region = sink.grow(0, want);
        std::uint8_t probe_byte;
        const bool probe = region.empty();
        if (probe) region = MutableByteView(&probe_byte, 1);
        OutBuffer ob{region};
        const StreamProgress progress = engine_->step(in, ob);
        if (probe && ob.pos > 0) {
          engine_->stream.reset();
          api::raise(ErrorCode::kOutputTooSmall, "frame content exceeds the output limit of " +
                                                     std::to_string(sink.size()) + " bytes");
        }
        sink.commit(probe ? 0 : ob.pos);
        if (progress.frame_done) break;
        if (in.pos == in.src.size() && ob.pos < region.size()) {
          engine_->stream.reset();
          api::raise(ErrorCode::kTruncatedInput, "input ends inside a frame");
        }
      }
      pos += in.pos;
    }
    decoded_a_frame = true;
    if (!options.read_across_frames) break;
  }
  if (pos < data.size() && !options.allow_extra_data)
    api::raise(ErrorCode::kExtraData, std::to_string(data.size() - pos) + " bytes of extra data after the frame");
}

Bytes ZstdDecompressor::decompress(ByteView data, const DecompressOptions& options) {
  detail::check_not_leased(engine_->use, "ZstdDecompressor::decompress");
  detail::CallGuard guard(engine_->use, "ZstdDecompressor::decompress");
  Bytes out;
  VectorSink sink{out};
  decode_frames(data, options, sink);
  return out;
}

std::size_t ZstdDecompressor::decompress_into(ByteView data, MutableByteView dst, const DecompressOptions& options) {
  detail::check_not_leased(engine_->use, "ZstdDecompressor::decompress_into");
  detail::CallGuard guard(engine_->use, "ZstdDecompressor::decompress_into");
  SpanSink sink{dst};
  DecompressOptions o = options;
  if (o.max_output_size == 0 || o.max_output_size > dst.size()) o.max_output_size = dst.size();
  decode_frames(data, o, sink);
  return sink.used;
}

StreamProgress ZstdDecompressor::decompress_stream(InBuffer& in, OutBuffer& out) {
  detail::check_not_leased(engine_->use, "ZstdDecompressor::decompress_stream");
  detail::CallGuard guard(engine_->use, "ZstdDecompressor::decompress_stream");
  return engine_->step(in, out);
}

bool ZstdDecompressor::at_frame_boundary() const { return engine_->stream.at_frame_boundary(); }

void ZstdDecompressor::reset_stream() {
  detail::check_not_leased(engine_->use, "ZstdDecompressor::reset_stream");
  engine_->stream.reset();
}

std::size_t ZstdDecompressor::memory_size() const { return sizeof(*this) + engine_->stream.memory_size(); }

}  // namespace zstdpp

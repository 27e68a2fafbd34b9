// ZstdDecompressor over the engine: one-shot frames decode straight into the result
// (sized from Frame_Content_Size, plus the executor's slack so its fast path reaches the
// end); frames without a content size and the streaming call go through StreamDecoder.
#include <zstdpp/decompressor.hpp>

#include <algorithm>

#include "api/dict_state.hpp"
#include "api/raise.hpp"
#include "common/format.hpp"
#include "decoder/frame_decoder.hpp"
#include "decoder/frame_header.hpp"
#include "decoder/sequence_exec.hpp"
#include "decoder/stream_decoder.hpp"

namespace zstdpp {
namespace detail {

class DecoderEngine {
 public:
  explicit DecoderEngine(const decoder::StreamOptions& options) : stream(options) {}
  decoder::StreamDecoder stream;
};

}  // namespace detail

namespace {

decoder::StreamOptions stream_options(const DecompressorOptions& o) {
  decoder::StreamOptions s;
  s.max_window_size = o.max_window_size ? o.max_window_size : DEFAULT_MAX_WINDOW_SIZE;
  s.magicless = o.format == FORMAT_ZSTD1_MAGICLESS;
  s.verify_checksum = !o.skip_checksum;
  return s;
}

const decoder::DecoderDictionary* decoder_dict(const DecompressorOptions& o) {
  return o.dict_data ? &o.dict_data->state().decoder : nullptr;
}

// The most a frame of `size` bytes can decode to: each block needs at least a 3-byte
// header and 1 byte (an RLE block) and yields at most 128 KiB. A larger declared content
// size is a lie, refused before allocating it.
std::uint64_t max_decoded_size(std::size_t size) {
  return (static_cast<std::uint64_t>(size) / 4 + 1) * format::kBlockSizeMax;
}

}  // namespace

ZstdDecompressor::ZstdDecompressor(DecompressorOptions options)
    : options_(std::move(options)), engine_(std::make_unique<detail::DecoderEngine>(stream_options(options_))) {
  engine_->stream.set_dictionary(decoder_dict(options_));
}

ZstdDecompressor::~ZstdDecompressor() = default;
ZstdDecompressor::ZstdDecompressor(ZstdDecompressor&&) noexcept = default;
ZstdDecompressor& ZstdDecompressor::operator=(ZstdDecompressor&&) noexcept = default;

Bytes ZstdDecompressor::decompress(ByteView data, const DecompressOptions& options) {
  engine_->stream.reset();
  const decoder::DecoderDictionary* dict = decoder_dict(options_);
  const bool magicless = options_.format == FORMAT_ZSTD1_MAGICLESS;
  decoder::FrameOptions frame_options{magicless, !options_.skip_checksum};
  const std::size_t limit = options.max_output_size ? options.max_output_size : ~std::size_t{0};

  if (data.empty()) api::raise(ErrorCode::kTruncatedInput, "input is empty: it holds no zstd frame");
  Bytes out;
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

    const std::size_t start = out.size();
    if (header.content_size != decoder::kUnknownContentSize) {
      if (header.content_size > limit - start)
        api::raise(ErrorCode::kOutputTooSmall, "frame content of " + std::to_string(header.content_size) +
                                                   " bytes exceeds max_output_size " + std::to_string(limit));
      if (header.content_size > max_decoded_size(size))
        api::raise(ErrorCode::kContentSizeMismatch,
                   "frame declares " + std::to_string(header.content_size) + " bytes of content, more than its " +
                       std::to_string(size) + " bytes can hold");
      const auto content = static_cast<std::size_t>(header.content_size);
      out.resize(start + content + decoder::kOutputSlack);
      decoder::FrameResult result;
      Status fs = decoder::decode_frame(engine_->stream.block_decoder(), dict, src, size, out.data() + start,
                                        content + decoder::kOutputSlack, frame_options, result);
      if (!fs.ok()) api::raise(fs.at_input_offset(pos));
      out.resize(start + result.produced);
      pos += result.consumed;
    } else {
      if (options.max_output_size == 0)
        api::raise(ErrorCode::kContentSizeUnknown,
                   "frame header has no content size: give max_output_size to decompress it in one call");
      // Stream this frame into `out`, growing it up to the limit.
      InBuffer in{data.subspan(pos)};
      for (;;) {
        // At the limit, a 1-byte probe tells "more content" from "frame ends here".
        std::size_t room = std::min<std::size_t>(limit - out.size(), format::kBlockSizeMax);
        const bool probe = room == 0;
        if (probe) room = 1;
        const std::size_t filled = out.size();
        out.resize(filled + room);
        OutBuffer ob{MutableByteView(out.data() + filled, room)};
        const StreamProgress progress = decompress_stream(in, ob);
        if (probe && ob.pos > 0) {
          engine_->stream.reset();
          api::raise(ErrorCode::kOutputTooSmall,
                     "frame content exceeds max_output_size " + std::to_string(options.max_output_size));
        }
        out.resize(filled + ob.pos);
        if (progress.frame_done) break;
        if (in.pos == in.src.size() && ob.pos < room) {
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
  return out;
}

StreamProgress ZstdDecompressor::decompress_stream(InBuffer& in, OutBuffer& out) {
  if (in.pos > in.src.size() || out.pos > out.dst.size())
    api::raise(ErrorCode::kParameterOutOfBounds, "buffer position past the buffer's end");
  decoder::StreamStep step;
  Status s = engine_->stream.decompress(in.src.data(), in.src.size(), in.pos, out.dst.data(), out.dst.size(), out.pos,
                                        step);
  if (!s.ok()) api::raise(s);
  return StreamProgress{step.frame_done, step.input_hint};
}

bool ZstdDecompressor::at_frame_boundary() const { return engine_->stream.at_frame_boundary(); }

void ZstdDecompressor::reset_stream() { engine_->stream.reset(); }

std::size_t ZstdDecompressor::memory_size() const { return sizeof(*this) + engine_->stream.memory_size(); }

}  // namespace zstdpp

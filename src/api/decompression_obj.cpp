// ZstdDecompressionObj over the decoder engine's streaming step: the result grows by
// write_size bytes at a time and each step writes straight into it, so nothing is copied
// twice; the loop ends when the input is used up and a step left room in its piece
// (nothing more is pending), or when the frame ends.
#include <zstdpp/decompression_obj.hpp>

#include <string>

#include <zstdpp/operation_lease.hpp>

#include "api/decoder_engine.hpp"
#include "api/raise.hpp"

namespace zstdpp {

struct ZstdDecompressionObj::State {
  detail::DecoderEngine* engine;
  detail::OperationLease lease;
  std::size_t write_size;
  bool read_across_frames;
  bool eof = false;
  bool finished = false;  // the frame ended (single use): decompress() is refused
  bool failed = false;
  Bytes unused;
};

ZstdDecompressionObj::ZstdDecompressionObj(detail::DecoderEngine& engine, detail::OperationLease&& lease,
                                           std::size_t write_size, bool read_across_frames)
    : state_(std::make_unique<State>(State{&engine, std::move(lease), write_size, read_across_frames})) {}

ZstdDecompressionObj::~ZstdDecompressionObj() = default;

ZstdDecompressionObj::ZstdDecompressionObj(ZstdDecompressionObj&&) noexcept = default;

ZstdDecompressionObj& ZstdDecompressionObj::operator=(ZstdDecompressionObj&& other) noexcept {
  if (this != &other) {
    ZstdDecompressionObj old(std::move(*this));
    state_ = std::move(other.state_);
  }
  return *this;
}

Bytes ZstdDecompressionObj::decompress(ByteView data) {
  State& s = *state_;
  if (s.finished)
    api::raise(ErrorCode::kWrongState,
               "decompressobj: cannot use a decompressobj multiple times: the frame has ended (make a new one, or "
               "pass read_across_frames to decode the frames that follow)");
  if (s.failed) api::raise(ErrorCode::kWrongState, "decompressobj: an earlier call failed to decode; it cannot continue");
  detail::CallGuard guard(s.engine->use, "ZstdDecompressionObj::decompress");
  Bytes out;
  InBuffer in{data};
  try {
    for (;;) {
      const std::size_t at = out.size();
      out.resize(at + s.write_size);
      OutBuffer ob{MutableByteView(out.data() + at, s.write_size)};
      const StreamProgress p = s.engine->step(in, ob);
      out.resize(at + ob.pos);
      if (p.frame_done) {
        s.eof = true;
        if (!s.read_across_frames) {
          s.finished = true;
          s.unused.assign(data.begin() + static_cast<std::ptrdiff_t>(in.pos), data.end());
          s.lease.release();
          break;
        }
        if (in.pos == in.src.size()) break;
        continue;
      }
      if (in.pos > 0 || ob.pos > 0) s.eof = false;  // an empty call changes nothing
      if (in.pos == in.src.size() && ob.pos < ob.dst.size()) break;
    }
  } catch (...) {
    s.failed = true;
    s.lease.release();
    throw;
  }
  return out;
}

Bytes ZstdDecompressionObj::flush(std::size_t /*length*/) { return {}; }

bool ZstdDecompressionObj::eof() const { return state_->eof; }

Bytes ZstdDecompressionObj::unused_data() const { return state_->unused; }

}  // namespace zstdpp

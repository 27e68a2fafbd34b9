// Batch operations over many independent inputs: ZstdCompressor::multi_compress_to_buffer,
// ZstdDecompressor::multi_decompress_to_buffer (python-zstandard's names and contract), and
// ZstdDecompressor::decompress_content_dict_chain.
//
// Batches. Every input form (BufferWithSegments, a collection of them, a span of views)
// is first turned into one vector of ByteView. The inputs are split into contiguous index
// ranges, one per worker, balanced by the bytes each range must produce or consume (plus a
// fixed cost per item, so a range of many empty inputs is not free). Worker 0 runs on the
// calling thread with this object's own context; each other worker builds a context of its
// own from the same options, so no context is ever shared. A worker writes its outputs back
// to back into one allocation and records (offset, length) per output; the result is the
// collection of the workers' buffers in worker order, hence in input order. Splitting by
// index rather than handing out items one at a time is what keeps each worker's outputs in
// one buffer without a merge step; the cost is imbalance when a few inputs dominate.
//
// Errors are deterministic: the caller gets the error of the lowest failing input index,
// whatever the thread count. Each worker walks its range in order and stops at its first
// failure, recording the index and the exception. `LowestFailure` holds the lowest index
// recorded so far (an atomic, written by any worker, read by all); a worker stops early
// once an index below its current one has failed, since nothing it could find would be
// lower. After the join the lowest recorded failure is rethrown. An index below the final
// lowest failure is never skipped: a worker skips index j only after some f < j failed.
//
// Decompression sizes each output before decoding it: decompressed_sizes[i] when given,
// else the frame header's content size. These are found on the calling thread without
// throwing (a frame whose size cannot be found is marked, and its error is raised by its
// worker when that worker reaches it, in index order, keeping the lowest-index rule). A
// size above what a frame of that many bytes can decode to (format::kBlockSizeMax per 4
// input bytes: a 3-byte block header plus 1 byte of RLE) is refused before allocating, so
// a few lying headers cannot make a worker allocate terabytes; the sum per worker is
// checked for overflow.
//
// Content-dictionary chains decode frame i with frame i-1's content as a raw-content
// dictionary. A raw-content dictionary is only a pointer and a length for the decoder (no
// entropy tables), so the chain uses this decompressor's block decoder directly with such
// a dictionary over the previous output, instead of building a ZstdCompressionDict (a copy
// of the content plus encoder tables) and a ZstdDecompressor per link.
#include <zstdpp/compressor.hpp>
#include <zstdpp/decompressor.hpp>

#include <algorithm>
#include <atomic>
#include <cassert>
#include <exception>
#include <limits>
#include <memory>
#include <new>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "api/decoder_engine.hpp"
#include "api/encoder_engine.hpp"
#include "api/raise.hpp"
#include "common/format.hpp"
#include "decoder/decoder_dictionary.hpp"
#include "decoder/frame_decoder.hpp"
#include "decoder/frame_header.hpp"
#include "decoder/sequence_exec.hpp"
#include "dict/format/dictionary.hpp"

namespace zstdpp {
namespace {

constexpr std::size_t kNoFailure = std::numeric_limits<std::size_t>::max();
// Weight of one item when balancing ranges, in bytes: roughly what starting a frame costs
// (header, table reset) next to its content, so many empty items still spread out.
constexpr std::uint64_t kItemWeight = 256;

// ---- Input forms ----------------------------------------------------------------------

std::vector<ByteView> views_of(const BufferWithSegments& buffer) {
  std::vector<ByteView> views;
  views.reserve(buffer.segment_count());
  for (const BufferSegment segment : buffer) views.push_back(segment.data());
  return views;
}

std::vector<ByteView> views_of(const BufferWithSegmentsCollection& collection) {
  std::vector<ByteView> views;
  views.reserve(collection.segment_count());
  for (std::size_t k = 0; k < collection.buffer_count(); ++k)
    for (const BufferSegment segment : collection.buffer(k)) views.push_back(segment.data());
  return views;
}

// ---- Workers --------------------------------------------------------------------------

// 0 or 1: the calling thread only; negative: one per CPU; never more than the items.
std::size_t worker_count(int threads, std::size_t items) {
  std::size_t n = 1;
  if (threads < 0) {
    n = std::max(1u, std::thread::hardware_concurrency());
  } else if (threads > 1) {
    n = static_cast<std::size_t>(threads);
  }
  return std::min(n, items);
}

// Range boundaries for `workers` contiguous ranges (bounds[w]..bounds[w+1]), each holding
// at least one item, with boundaries placed where the running weight crosses k/workers of
// the total. REQUIRES: 1 <= workers <= weights.size().
std::vector<std::size_t> split_ranges(const std::vector<std::uint64_t>& weights, std::size_t workers) {
  const std::size_t count = weights.size();
  // Each weight capped so that no sum of them overflows.
  const std::uint64_t cap = std::numeric_limits<std::uint64_t>::max() / (count + 1);
  auto weight = [&](std::size_t i) { return std::min(weights[i], cap); };
  std::uint64_t total = 0;
  for (std::size_t i = 0; i < count; ++i) total += weight(i);
  std::vector<std::size_t> bounds{0};
  std::size_t i = 0;
  std::uint64_t sum = 0;
  for (std::size_t k = 1; k < workers; ++k) {
    // k * total / workers without overflow.
    const std::uint64_t target = total / workers * k + total % workers * k / workers;
    const std::size_t last = count - (workers - k);  // leave one item per later range
    while (i < last && (i == bounds.back() || sum + weight(i) / 2 < target)) sum += weight(i++);
    bounds.push_back(i);
  }
  bounds.push_back(count);
  return bounds;
}

// The lowest failing input index so far. Any worker writes it (a compare-exchange that
// only lowers it); every worker reads it between items to stop early.
class LowestFailure {
 public:
  void record(std::size_t index) {
    std::size_t seen = lowest_.load(std::memory_order_relaxed);
    while (index < seen && !lowest_.compare_exchange_weak(seen, index, std::memory_order_relaxed)) {
    }
  }
  // True when an input below `index` failed: nothing at or past `index` can matter.
  bool below(std::size_t index) const { return lowest_.load(std::memory_order_relaxed) < index; }

 private:
  std::atomic<std::size_t> lowest_{kNoFailure};
};

// What one worker hands back: its buffer, or the first input it failed on and why (or
// neither, when it stopped because a lower input had failed elsewhere). Written only by
// its worker; read by the calling thread after the join.
struct WorkerOutcome {
  std::optional<BufferWithSegments> buffer;
  std::size_t failed_at = kNoFailure;
  std::exception_ptr error;
};

// One batch call's shared state: the operation's name for messages ("multi_compress_to_buffer:
// input 7: ..."), the word for an item, and the lowest failure.
struct Batch {
  const char* operation;
  const char* item;
  LowestFailure lowest;
};

// Runs f(); an exception becomes `out`'s failure at `index`, its message prefixed with the
// operation and index (the ErrorCode kept; out of memory becomes kAllocationFailed).
template <typename F>
bool attempt(Batch& batch, WorkerOutcome& out, std::size_t index, F&& f) noexcept {
  try {
    f();
    return true;
  } catch (...) {
    try {
      const std::string prefix = std::string(batch.operation) + ": " + batch.item + " " + std::to_string(index) + ": ";
      try {
        throw;
      } catch (const ZstdError& e) {
        out.error = std::make_exception_ptr(ZstdError(e.code(), prefix + e.what()));
      } catch (const std::bad_alloc&) {
        out.error = std::make_exception_ptr(ZstdError(ErrorCode::kAllocationFailed, prefix + "out of memory"));
      } catch (const std::exception& e) {
        out.error = std::make_exception_ptr(ZstdError(ErrorCode::kGeneric, prefix + e.what()));
      } catch (...) {
        out.error = std::current_exception();
      }
    } catch (...) {
      out.error = std::current_exception();  // building the message failed: keep that
    }
  }
  out.failed_at = index;
  batch.lowest.record(index);
  return false;
}

// Runs body(w, outcomes[w]) for every worker w: 0 on the calling thread, the others on
// threads of their own (any that cannot be started run here after worker 0), then throws
// the lowest failure or joins the buffers in order. `body` must not throw.
template <typename Body>
BufferWithSegmentsCollection run_workers(std::size_t workers, const Body& body) {
  std::vector<WorkerOutcome> outcomes(workers);
  {
    std::vector<std::jthread> threads;
    threads.reserve(workers - 1);
    std::size_t started = 1;
    for (; started < workers; ++started) {
      try {
        threads.emplace_back([&body, &outcomes, started] { body(started, outcomes[started]); });
      } catch (...) {
        break;  // no more threads to be had: the remaining ranges run on this one
      }
    }
    body(0, outcomes[0]);
    for (std::size_t w = started; w < workers; ++w) body(w, outcomes[w]);
  }  // joined here
  const WorkerOutcome* first = nullptr;
  for (const WorkerOutcome& o : outcomes)
    if (o.error && (first == nullptr || o.failed_at < first->failed_at)) first = &o;
  if (first != nullptr) std::rethrow_exception(first->error);
  std::vector<BufferWithSegments> buffers;
  buffers.reserve(workers);
  for (WorkerOutcome& o : outcomes) {
    assert(o.buffer.has_value());  // no failure anywhere: every worker finished its range
    buffers.push_back(std::move(*o.buffer));
  }
  return BufferWithSegmentsCollection(std::move(buffers));
}

void check_not_empty(std::size_t count, const char* operation, const char* what) {
  if (count == 0)
    api::raise(ErrorCode::kParameterOutOfBounds, std::string(operation) + ": no " + what + " given (at least 1 needed)");
}

// ---- Decompression sizes --------------------------------------------------------------

// The size frame `frame` must decode to: `given` (from decompressed_sizes) or its header's
// content size. Throws ZstdError when there is none, when the two disagree, or when the
// size is more than the frame can hold.
std::uint64_t planned_size(ByteView frame, std::optional<std::uint64_t> given, bool magicless) {
  decoder::FrameHeader header;
  std::size_t needed = 0;
  const Status s = decoder::parse_frame_header(frame.data(), frame.size(), magicless, header, needed);
  if (s.ok() && header.skippable)
    api::raise(ErrorCode::kFrameHeaderInvalid, "a skippable frame where a zstd frame was expected");
  if (!given) {
    if (!s.ok()) api::raise(s);
    if (header.content_size == decoder::kUnknownContentSize)
      api::raise(ErrorCode::kContentSizeUnknown,
                 "frame header has no content size: give decompressed_sizes to decompress it");
  }
  const std::uint64_t size = given ? *given : header.content_size;
  if (given && s.ok() && header.content_size != decoder::kUnknownContentSize &&
      header.content_size != size) {
    api::raise(header.content_size > size ? ErrorCode::kOutputTooSmall : ErrorCode::kContentSizeMismatch,
               "frame header declares " + std::to_string(header.content_size) +
                   " bytes of content but decompressed_sizes gives " + std::to_string(size));
  }
  if (size > decoder::max_decoded_size(frame.size()))
    api::raise(ErrorCode::kContentSizeMismatch, std::string(given ? "decompressed_sizes gives " : "frame declares ") +
                                                    std::to_string(size) + " bytes of content, more than its " +
                                                    std::to_string(frame.size()) + " bytes can hold");
  return size;
}

}  // namespace

// ---- ZstdCompressor -------------------------------------------------------------------

BufferWithSegmentsCollection ZstdCompressor::multi_compress_to_buffer(const BufferWithSegments& inputs, int threads) {
  const std::vector<ByteView> views = views_of(inputs);
  return multi_compress_to_buffer(std::span<const ByteView>(views), threads);
}

BufferWithSegmentsCollection ZstdCompressor::multi_compress_to_buffer(const BufferWithSegmentsCollection& inputs,
                                                                      int threads) {
  const std::vector<ByteView> views = views_of(inputs);
  return multi_compress_to_buffer(std::span<const ByteView>(views), threads);
}

BufferWithSegmentsCollection ZstdCompressor::multi_compress_to_buffer(std::span<const ByteView> inputs, int threads) {
  static constexpr const char* kCall = "ZstdCompressor::multi_compress_to_buffer";
  detail::check_not_leased(engine_->use, kCall);
  // Held for the whole batch: worker 0 uses this engine directly.
  detail::CallGuard guard(engine_->use, kCall);
  check_not_empty(inputs.size(), "multi_compress_to_buffer", "inputs");

  const std::size_t workers = worker_count(threads, inputs.size());
  std::vector<std::uint64_t> weights(inputs.size());
  for (std::size_t i = 0; i < inputs.size(); ++i) weights[i] = inputs[i].size() + kItemWeight;
  const std::vector<std::size_t> bounds = split_ranges(weights, workers);
  const CompressorOptions& options = engine_->options;  // read (copied) by the workers only
  Batch batch{"multi_compress_to_buffer", "input", {}};

  auto body = [&](std::size_t w, WorkerOutcome& out) noexcept {
    const std::size_t begin = bounds[w], end = bounds[w + 1];
    std::optional<ZstdCompressor> own;
    detail::EncoderEngine* engine = engine_.get();
    Bytes data;
    std::vector<BufferSegmentEntry> segments;
    // Room for every frame at its bound, so compressing never reallocates mid-range; the
    // slack is given back at the end.
    if (!attempt(batch, out, begin, [&] {
          if (w != 0) engine = &detail::CompressorAccess::engine(own.emplace(options));
          std::size_t room = 0;
          for (std::size_t i = begin; i < end; ++i) {
            const std::size_t bound = compress_bound(inputs[i].size());
            if (bound > std::numeric_limits<std::size_t>::max() - room)
              api::raise(ErrorCode::kAllocationFailed, "the outputs' total size overflows size_t");
            room += bound;
          }
          data.resize(room);
          segments.reserve(end - begin);
        }))
      return;
    std::size_t used = 0;
    for (std::size_t i = begin; i < end; ++i) {
      if (batch.lowest.below(i)) return;
      if (!attempt(batch, out, i, [&] {
            const std::size_t n = engine->compress_frame(inputs[i], MutableByteView(data).subspan(used));
            segments.push_back({used, n});
            used += n;
          }))
        return;
    }
    attempt(batch, out, begin, [&] {
      data.resize(used);
      data.shrink_to_fit();
      out.buffer.emplace(std::move(data), std::move(segments));
    });
  };
  return run_workers(workers, body);
}

// ---- ZstdDecompressor -----------------------------------------------------------------

BufferWithSegmentsCollection ZstdDecompressor::multi_decompress_to_buffer(
    const BufferWithSegments& frames, std::span<const std::uint64_t> decompressed_sizes, int threads) {
  const std::vector<ByteView> views = views_of(frames);
  return multi_decompress_to_buffer(std::span<const ByteView>(views), decompressed_sizes, threads);
}

BufferWithSegmentsCollection ZstdDecompressor::multi_decompress_to_buffer(
    const BufferWithSegmentsCollection& frames, std::span<const std::uint64_t> decompressed_sizes, int threads) {
  const std::vector<ByteView> views = views_of(frames);
  return multi_decompress_to_buffer(std::span<const ByteView>(views), decompressed_sizes, threads);
}

BufferWithSegmentsCollection ZstdDecompressor::multi_decompress_to_buffer(
    std::span<const ByteView> frames, std::span<const std::uint64_t> decompressed_sizes, int threads) {
  // Worker 0 calls decompress_into() on this decompressor, which guards each call itself.
  detail::check_not_leased(engine_->use, "ZstdDecompressor::multi_decompress_to_buffer");
  check_not_empty(frames.size(), "multi_decompress_to_buffer", "frames");
  if (!decompressed_sizes.empty() && decompressed_sizes.size() != frames.size())
    api::raise(ErrorCode::kParameterOutOfBounds,
               "multi_decompress_to_buffer: decompressed_sizes has " + std::to_string(decompressed_sizes.size()) +
                   " entries for " + std::to_string(frames.size()) + " frames (one per frame needed)");

  // Sizes, on this thread and without throwing: a frame whose size cannot be planned is
  // marked and fails (with its message) when its worker reaches it, in index order.
  const bool magicless = options_.format == FORMAT_ZSTD1_MAGICLESS;
  const std::size_t count = frames.size();
  std::vector<std::uint64_t> sizes(count);
  std::vector<bool> unplanned(count, false);
  std::vector<std::uint64_t> weights(count);
  auto given = [&](std::size_t i) -> std::optional<std::uint64_t> {
    if (decompressed_sizes.empty()) return std::nullopt;
    return decompressed_sizes[i];
  };
  for (std::size_t i = 0; i < count; ++i) {
    try {
      sizes[i] = planned_size(frames[i], given(i), magicless);
    } catch (const ZstdError&) {
      unplanned[i] = true;
    }
    weights[i] = frames[i].size() + (unplanned[i] ? 0 : sizes[i]) + kItemWeight;
  }

  const std::size_t workers = worker_count(threads, count);
  const std::vector<std::size_t> bounds = split_ranges(weights, workers);
  const DecompressorOptions& options = options_;  // read (copied) by the workers only
  Batch batch{"multi_decompress_to_buffer", "frame", {}};
  DecompressOptions one_frame;
  one_frame.allow_extra_data = false;  // a segment holds one frame and nothing else

  auto body = [&](std::size_t w, WorkerOutcome& out) noexcept {
    const std::size_t begin = bounds[w], end = bounds[w + 1];
    // Frames up to the first unplanned one are decoded; that one then raises its error.
    const std::size_t planned_end =
        static_cast<std::size_t>(std::find(unplanned.begin() + begin, unplanned.begin() + end, true) - unplanned.begin());
    std::optional<ZstdDecompressor> own;
    ZstdDecompressor* d = this;
    Bytes data;
    std::vector<BufferSegmentEntry> segments;
    if (!attempt(batch, out, begin, [&] {
          if (w != 0) d = &own.emplace(options);
          std::size_t total = 0;
          for (std::size_t i = begin; i < planned_end; ++i) {
            if (sizes[i] > std::numeric_limits<std::size_t>::max() - decoder::kOutputSlack - total)
              api::raise(ErrorCode::kAllocationFailed, "the outputs' total size overflows size_t");
            total += static_cast<std::size_t>(sizes[i]);
          }
          // The executor's slack past the last output lets its fast path run to the end.
          data.resize(total + decoder::kOutputSlack);
          segments.reserve(planned_end - begin);
        }))
      return;
    std::size_t used = 0;
    for (std::size_t i = begin; i < planned_end; ++i) {
      if (batch.lowest.below(i)) return;
      if (!attempt(batch, out, i, [&] {
            const auto size = static_cast<std::size_t>(sizes[i]);
            // The slack overlaps the next output, which is written later and overwrites it.
            const MutableByteView dst = MutableByteView(data).subspan(used, size + decoder::kOutputSlack);
            const std::size_t n = d->decompress_into(frames[i], dst, one_frame);
            if (n > size)
              api::raise(ErrorCode::kOutputTooSmall, "frame decodes to more than the " + std::to_string(size) +
                                                         " bytes decompressed_sizes gives");
            if (n < size)
              api::raise(ErrorCode::kContentSizeMismatch, "frame decodes to " + std::to_string(n) +
                                                              " bytes but decompressed_sizes gives " +
                                                              std::to_string(size));
            segments.push_back({used, size});
            used += size;
          }))
        return;
    }
    if (planned_end < end) {
      if (batch.lowest.below(planned_end)) return;
      attempt(batch, out, planned_end, [&] {
        (void)planned_size(frames[planned_end], given(planned_end), magicless);
        api::raise(ErrorCode::kGeneric, "frame size could not be planned");  // not reached: it throws
      });
      return;
    }
    attempt(batch, out, begin, [&] {
      data.resize(used);
      out.buffer.emplace(std::move(data), std::move(segments));
    });
  };
  return run_workers(workers, body);
}

// ---- Content-dictionary chains --------------------------------------------------------

namespace {
[[noreturn]] void chain_error(ErrorCode code, std::size_t index, const std::string& what) {
  api::raise(code, "decompress_content_dict_chain: chain frame " + std::to_string(index) + " " + what);
}
}  // namespace

Bytes ZstdDecompressor::decompress_content_dict_chain(std::span<const ByteView> frames) {
  static constexpr const char* kCall = "ZstdDecompressor::decompress_content_dict_chain";
  detail::check_not_leased(engine_->use, kCall);
  detail::CallGuard guard(engine_->use, kCall);
  if (frames.empty())
    api::raise(ErrorCode::kParameterOutOfBounds, "decompress_content_dict_chain: no frames given (a chain needs at least 1)");
  engine_->stream.reset();
  const bool magicless = options_.format == FORMAT_ZSTD1_MAGICLESS;
  const decoder::FrameOptions frame_options{magicless, !options_.skip_checksum};
  // Its tables point into itself, so it stays where it is made.
  const auto dictionary = std::make_unique<decoder::DecoderDictionary>();
  Bytes previous, current;
  for (std::size_t i = 0; i < frames.size(); ++i) {
    const ByteView frame = frames[i];
    decoder::FrameHeader header;
    std::size_t needed = 0;
    if (Status s = decoder::parse_frame_header(frame.data(), frame.size(), magicless, header, needed); !s.ok())
      chain_error(s.code, i, "is not a zstd frame: " + describe(s));
    if (header.skippable) chain_error(ErrorCode::kFrameHeaderInvalid, i, "is a skippable frame, not a zstd frame");
    if (header.content_size == decoder::kUnknownContentSize)
      chain_error(ErrorCode::kContentSizeUnknown, i, "has no content size (every frame of a chain needs one)");
    if (header.content_size > decoder::max_decoded_size(frame.size()))
      chain_error(ErrorCode::kContentSizeMismatch, i,
                  "declares " + std::to_string(header.content_size) + " bytes of content, more than its " +
                      std::to_string(frame.size()) + " bytes can hold");

    // Frame i > 0 uses frame i-1's content as raw-content history (none when it is empty).
    const decoder::DecoderDictionary* dict = nullptr;
    if (i > 0 && !previous.empty()) {
      dict::ParsedDictionary parsed;
      api::check(dict::parse_dictionary(previous.data(), previous.size(), dict::DictKind::kRawContent, parsed));
      decoder::prepare_decoder_dictionary(parsed, *dictionary);
      dict = dictionary.get();
    }
    const auto size = static_cast<std::size_t>(header.content_size);
    current.resize(size + decoder::kOutputSlack);
    decoder::FrameResult result;
    if (Status s = decoder::decode_frame(engine_->stream.block_decoder(), dict, frame.data(), frame.size(),
                                         current.data(), current.size(), frame_options, result);
        !s.ok())
      chain_error(s.code, i, "failed: " + describe(s));
    if (result.consumed != frame.size())
      chain_error(ErrorCode::kExtraData, i,
                  "has " + std::to_string(frame.size() - result.consumed) + " bytes of extra data after the frame");
    current.resize(result.produced);
    previous.swap(current);
  }
  return previous;
}

}  // namespace zstdpp

// Shared pieces of the decoder fuzz targets: checks that abort with a message, a one-shot
// and a streaming decode that record how they ended, and the differential rule between
// the two.
//
// Why it is shaped so: libFuzzer only knows "crashed" or "did not", so every property we
// want to hold (no exception other than ZstdError, cursors inside their buffers, streamed
// bytes equal to one-shot bytes, a decoder reusable after an error) is turned into an
// abort() with a line on stderr that names the broken property. The decoders run with
// bounded output so that a tiny input declaring a huge frame costs time, not memory.
//
// The streaming loop is the one every caller of ZstdDecompressor::decompress_stream is
// expected to write (see decompressor.hpp): feed input in pieces, hand over output space
// in pieces, keep calling while input is left or the last call filled its output, and
// look at at_frame_boundary() when the input is exhausted to tell "done" from "truncated".
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <vector>

#include <zstdpp/zstdpp.hpp>

namespace zstdpp::fuzz {

// Abort with a message naming the property that failed; libFuzzer saves the input.
[[noreturn]] inline void fail(const char* file, int line, const char* condition, const char* what) {
  std::fprintf(stderr, "\n==zstdpp-fuzz== CHECK FAILED at %s:%d: %s\n==zstdpp-fuzz== %s\n", file,
               line, condition, what);
  std::fflush(stderr);
  std::abort();
}

#define ZSTDPP_FUZZ_CHECK(condition, what)                                      \
  do {                                                                          \
    if (!(condition)) ::zstdpp::fuzz::fail(__FILE__, __LINE__, #condition, what); \
  } while (0)

// Every failure at the public API must be a ZstdError with a real code and a message.
inline void check_error_is_sane(const ZstdError& error) {
  ZSTDPP_FUZZ_CHECK(error.code() != ErrorCode::kOk, "a ZstdError was thrown with code kOk");
  ZSTDPP_FUZZ_CHECK(error.what() != nullptr && error.what()[0] != '\0',
                    "a ZstdError was thrown with an empty message");
}

// Any other exception escaping the API is a bug: say which, then abort.
[[noreturn]] inline void fail_on_foreign_exception(const char* call, const std::exception& e) {
  std::fprintf(stderr, "\n==zstdpp-fuzz== %s threw a non-ZstdError exception: %s\n", call, e.what());
  std::fflush(stderr);
  std::abort();
}

// ZSTDPP_FUZZ_TRACE=1 prints how each decode ended (read once: getenv per run is a waste).
inline bool trace_enabled() {
  static const bool enabled = [] {
    const char* value = std::getenv("ZSTDPP_FUZZ_TRACE");
    return value != nullptr && value[0] != '\0' && value[0] != '0';
  }();
  return enabled;
}

// Output bound for the one-shot target (the brief: small inputs must not cost much).
inline constexpr std::size_t kOneShotOutputLimit = std::size_t{1} << 20;
// Output bound of the differential targets: past it, streaming stops and no verdict is drawn.
inline constexpr std::size_t kDifferentialOutputLimit = std::size_t{8} << 20;
// Window limit of the streaming targets: 16 MiB covers every conformance vector except the
// --long=27 ones, and keeps a random header from making each run allocate 128 MiB.
inline constexpr std::uint64_t kFuzzMaxWindowSize = std::uint64_t{1} << 24;
// Calls to decompress_stream with the chosen (possibly 1-byte) sizes before the sizes
// switch to whole blocks: 64 Ki calls keep one run under ~0.1 s with sanitizers while
// still covering far more than one window of small steps.
inline constexpr std::size_t kSmallStepBudget = std::size_t{1} << 16;

// splitmix64: every target's reproducible choices come from it.
inline std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

// The decoders' options of the differential targets; a magicless input drops a leading
// zstd magic number first, so the same seeds reach the magicless path.
inline DecompressorOptions fuzz_decompressor_options(bool magicless, bool skip_checksum) {
  return {.max_window_size = kFuzzMaxWindowSize,
          .format = magicless ? FORMAT_ZSTD1_MAGICLESS : FORMAT_ZSTD1,
          .skip_checksum = skip_checksum};
}
inline ByteView fuzz_input(ByteView input, bool magicless) {
  if (magicless && input.size() >= 4 && std::equal(input.begin(), input.begin() + 4, FRAME_HEADER))
    return input.subspan(4);
  return input;
}

// Deterministic chunk sizes from a 64-bit seed (splitmix64). `mode` picks a distribution:
// 0: always 1 byte; 1: 1..16; 2: 1..1024; 3: log-uniform 1..256 KiB.
class ChunkSizer {
 public:
  static constexpr std::size_t kLargeChunk = std::size_t{256} << 10;

  ChunkSizer(unsigned mode, std::uint64_t seed) : mode_(mode & 3u), state_(seed) {}

  std::size_t next() {
    if (++calls_ > kSmallStepBudget) return kLargeChunk;
    const std::uint64_t r = splitmix64(state_);
    switch (mode_) {
      case 0: return 1;
      case 1: return 1 + r % 16;
      case 2: return 1 + r % 1024;
      default: {
        const unsigned bits = static_cast<unsigned>(r % 19);  // 2^18 = 256 KiB
        const std::size_t low = std::size_t{1} << bits;
        return std::min(kLargeChunk, low + static_cast<std::size_t>((r >> 8) % low));
      }
    }
  }

 private:
  unsigned mode_;
  std::uint64_t state_;
  std::size_t calls_ = 0;
};

// How a decode ended.
enum class Ending : std::uint8_t {
  kComplete,   // every byte decoded, stopped between frames
  kFailed,     // ZstdError thrown (code in `error`)
  kTruncated,  // streaming only: input ended inside a frame
  kLimitHit,   // streaming only: output passed the limit, decoding stopped there
};

struct Outcome {
  Ending ending = Ending::kComplete;
  ErrorCode error = ErrorCode::kOk;
  Bytes output;
  std::size_t frames = 0;  // streaming only: frame_done reports
};

// One-shot decode of every frame in `data`; trailing bytes that are not a frame are an error,
// as they are for a streaming caller.
inline Outcome decode_one_shot(ZstdDecompressor& decompressor, ByteView data, std::size_t limit) {
  Outcome outcome;
  try {
    outcome.output = decompressor.decompress(
        data, {.max_output_size = limit, .read_across_frames = true, .allow_extra_data = false});
    ZSTDPP_FUZZ_CHECK(outcome.output.size() <= limit, "decompress returned more than max_output_size");
  } catch (const ZstdError& e) {
    check_error_is_sane(e);
    outcome.ending = Ending::kFailed;
    outcome.error = e.code();
  } catch (const std::exception& e) {
    fail_on_foreign_exception("ZstdDecompressor::decompress", e);
  }
  return outcome;
}

// A raw-block frame of "hi\n": magic, FHD 0x20 (single segment, 1-byte content size),
// content size 3, block header 0x000019 (last, raw, size 3), the 3 bytes. The magicless
// format uses it without its first 4 bytes.
inline constexpr std::uint8_t kTinyFrame[] = {0x28, 0xB5, 0x2F, 0xFD, 0x20, 0x03,
                                              0x19, 0x00, 0x00, 'h',  'i',  '\n'};

// After an error (or reset_stream()) the decompressor must decode a fresh frame.
inline void check_stream_reusable(ZstdDecompressor& decompressor) {
  std::uint8_t out_bytes[16];
  ByteView frame(kTinyFrame);
  if (decompressor.options().format == FORMAT_ZSTD1_MAGICLESS) frame = frame.subspan(4);
  InBuffer in{frame};
  OutBuffer out{MutableByteView(out_bytes)};
  StreamProgress progress;
  try {
    progress = decompressor.decompress_stream(in, out);
  } catch (const ZstdError& e) {
    if (e.code() == ErrorCode::kNotImplemented) return;  // engine stubs: nothing to test yet
    std::fprintf(stderr, "==zstdpp-fuzz== tiny frame failed after an error/reset: %s\n", e.what());
    fail(__FILE__, __LINE__, "decoder reusable", "a decoder was not reusable after an error or reset");
  }
  ZSTDPP_FUZZ_CHECK(progress.frame_done && in.pos == frame.size(),
                    "the tiny frame after an error/reset did not end where it should");
  ZSTDPP_FUZZ_CHECK(out.pos == 3 && out_bytes[0] == 'h' && out_bytes[1] == 'i' && out_bytes[2] == '\n',
                    "the tiny frame after an error/reset decoded to the wrong bytes");
}

// Streaming decode of `data` with input pieces from `in_sizes` and output room from
// `out_sizes`; stops once more than `limit` bytes came out. `memory_bound` caps what the
// decompressor may report from memory_size() at any step.
inline Outcome decode_streaming(ZstdDecompressor& decompressor, ByteView data, ChunkSizer& in_sizes,
                                ChunkSizer& out_sizes, std::size_t limit, std::size_t memory_bound) {
  Outcome outcome;
  std::vector<std::uint8_t> room;
  std::size_t fed = 0;  // bytes of `data` handed over so far
  InBuffer in{data.first(0)};
  unsigned stalls = 0;
  try {
    for (;;) {
      if (in.remaining() == 0 && fed < data.size()) {
        const std::size_t n = std::min(in_sizes.next(), data.size() - fed);
        in = InBuffer{data.subspan(fed, n)};
        fed += n;
      }
      room.resize(out_sizes.next());
      OutBuffer out{MutableByteView(room)};
      const std::size_t in_before = in.pos;
      const bool had_input = in.remaining() > 0;

      const StreamProgress progress = decompressor.decompress_stream(in, out);

      ZSTDPP_FUZZ_CHECK(in.pos >= in_before && in.pos <= in.src.size(),
                        "decompress_stream moved in.pos backwards or past the input");
      ZSTDPP_FUZZ_CHECK(out.pos <= out.dst.size(), "decompress_stream moved out.pos past the output");
      ZSTDPP_FUZZ_CHECK(decompressor.memory_size() <= memory_bound,
                        "memory_size() grew past the window limit plus slack");
      outcome.output.insert(outcome.output.end(), room.begin(), room.begin() + out.pos);
      if (progress.frame_done) {
        ++outcome.frames;
        ZSTDPP_FUZZ_CHECK(decompressor.at_frame_boundary(),
                          "frame_done was reported but at_frame_boundary() is false");
      }
      if (outcome.output.size() > limit) {
        outcome.ending = Ending::kLimitHit;
        decompressor.reset_stream();
        check_stream_reusable(decompressor);
        return outcome;
      }

      const bool progressed = in.pos != in_before || out.pos != 0 || progress.frame_done;
      stalls = (had_input && !progressed) ? stalls + 1 : 0;
      // A call with input and room that moves nothing could be a state change; four in a
      // row is a caller's infinite loop.
      ZSTDPP_FUZZ_CHECK(stalls < 4, "decompress_stream made no progress 4 times with input and room");

      const bool input_left = in.remaining() > 0 || fed < data.size();
      const bool output_filled = out.pos == out.dst.size();
      if (!input_left && !output_filled) break;
    }
  } catch (const ZstdError& e) {
    check_error_is_sane(e);
    outcome.ending = Ending::kFailed;
    outcome.error = e.code();
    check_stream_reusable(decompressor);
    return outcome;
  } catch (const std::exception& e) {
    fail_on_foreign_exception("ZstdDecompressor::decompress_stream", e);
  }
  if (!decompressor.at_frame_boundary()) {
    outcome.ending = Ending::kTruncated;
    decompressor.reset_stream();
    check_stream_reusable(decompressor);
  }
  return outcome;
}

inline bool succeeded(const Outcome& outcome) { return outcome.ending == Ending::kComplete; }

inline const char* describe(const Outcome& outcome) {
  switch (outcome.ending) {
    case Ending::kComplete: return "complete";
    case Ending::kFailed: return error_code_name(outcome.error);
    case Ending::kTruncated: return "input ended inside a frame";
    case Ending::kLimitHit: return "output limit reached";
  }
  return "?";
}

// The differential rule between a streaming and a one-shot decode of the same bytes with
// the same options. Mismatches that are allowed, and why:
//  - empty input: a stream that is given nothing has decoded nothing and stands between
//    frames, while one-shot decoding rejects an input without a frame;
//  - the stream passed its output limit: no verdict about the rest, but the one-shot call
//    (same limit) must then have failed too;
//  - the stream refused a window larger than max_window_size while one-shot decoding,
//    which writes into the whole output and keeps no window, accepted it.
//  - either side threw kNotImplemented: a feature one path lacks is not a disagreement.
// Everything else must agree: both succeed with identical bytes, or both fail (the error
// codes may differ: the two paths can meet different faults of one input first).
inline void compare_outcomes(ByteView data, const Outcome& streamed, const Outcome& one_shot) {
  if (trace_enabled()) {
    std::fprintf(stderr, "==zstdpp-fuzz== %zu bytes in; streaming: %s, %zu bytes out, %zu frames; one-shot: %s, %zu bytes out\n",
                 data.size(), describe(streamed), streamed.output.size(), streamed.frames,
                 describe(one_shot), one_shot.output.size());
  }
  if (data.empty()) return;
  if (streamed.error == ErrorCode::kNotImplemented || one_shot.error == ErrorCode::kNotImplemented) return;
  if (streamed.ending == Ending::kLimitHit) {
    ZSTDPP_FUZZ_CHECK(!succeeded(one_shot),
                      "streaming produced more than the output limit, one-shot decoding succeeded within it");
    return;
  }
  if (streamed.error == ErrorCode::kWindowTooLarge && succeeded(one_shot)) return;
  if (succeeded(streamed) != succeeded(one_shot)) {
    std::fprintf(stderr,
                 "==zstdpp-fuzz== streaming: %s (%zu bytes out); one-shot: %s (%zu bytes out)\n",
                 describe(streamed), streamed.output.size(), describe(one_shot), one_shot.output.size());
    fail(__FILE__, __LINE__, "succeeded(streamed) == succeeded(one_shot)",
         "streaming and one-shot decoding disagree on whether the input is valid");
  }
  if (succeeded(streamed)) {
    ZSTDPP_FUZZ_CHECK(streamed.output == one_shot.output,
                      "streaming and one-shot decoding produced different bytes");
  }
}

}  // namespace zstdpp::fuzz

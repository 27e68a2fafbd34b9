// `zstdpp -d` / `zstdpp -t`: streaming decode of whole files, with bounded memory.
//
// Each input is read in chunks of DECOMPRESSION_RECOMMENDED_INPUT_SIZE and fed to one
// ZstdDecompressor::decompress_stream loop that writes DECOMPRESSION_RECOMMENDED_OUTPUT_SIZE
// chunks to an OutputSink, so memory is the decoder's window plus two fixed buffers
// whatever the file size. The loop decodes every frame it meets: concatenated frames
// concatenate their output and skippable frames produce none (the decoder stops at each
// frame end; we simply call it again).
//
// The end of the input decides the last errors the decoder cannot see by itself:
//   - nothing at all read: an empty file is not a zstd stream (zstd: "unexpected end of
//     file"), so it is rejected;
//   - the decoder is not at a frame boundary: the input stopped mid-frame ("truncated");
//   - bytes it would not take: less than a frame's magic number left after the last frame.
// Garbage after a complete frame reaches the decoder as the start of a new frame and is
// rejected there (unknown magic); the message then says after which frame it starts.
//
// Outputs: -t discards, -c and stdin inputs go to stdout, -o FILE collects every input
// into one file, otherwise each FILE.zst becomes FILE next to it. File outputs are
// AtomicFileOutput: nothing appears under the target name unless decoding succeeded.
#include "decompress_command.hpp"

#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <memory>
#include <optional>
#include <vector>

#include <zstdpp/zstdpp.hpp>

#include "failure_recorder.hpp"
#include "file_io.hpp"

namespace zstdpp::cli {
namespace {

struct DecodeResult {
  std::uint64_t input_bytes = 0;
  std::uint64_t output_bytes = 0;
  std::uint64_t frames = 0;  // zstd and skippable frames completed
};

// Cap on the input buffer when the decoder will not consume a full one (see refill).
constexpr std::size_t kMaxInputBuffer = 8 * DECOMPRESSION_RECOMMENDED_INPUT_SIZE;

// The two chunk buffers, allocated once per run and reused for every file.
struct StreamBuffers {
  Bytes input = Bytes(DECOMPRESSION_RECOMMENDED_INPUT_SIZE);
  Bytes output = Bytes(DECOMPRESSION_RECOMMENDED_OUTPUT_SIZE);
};

std::string format_bytes_note(const std::string& name, std::uint64_t bytes) {
  char line[64];
  std::snprintf(line, sizeof line, ": %" PRIu64 " bytes", bytes);
  std::string padded = name;
  if (padded.size() < 20) padded.resize(20, ' ');  // zstd's "%-20s: N bytes"
  return padded + line;
}

// Decodes all of `input` into `sink`. Throws ZstdError (malformed data, from the decoder)
// or CliError (I/O, truncation, empty input).
DecodeResult decode_stream(ZstdDecompressor& decoder, InputFile& input, OutputSink& sink,
                           StreamBuffers& buffers) {
  decoder.reset_stream();
  DecodeResult result;
  Bytes& in_buf = buffers.input;
  Bytes& out_buf = buffers.output;
  std::size_t in_begin = 0;  // in_buf[in_begin, in_end) is read but not yet consumed
  std::size_t in_end = 0;
  bool eof = false;
  bool last_was_idle_frame_end = false;
  std::uint64_t end_of_last_frame = 0;

  // Appends file data after the unconsumed bytes (moved to the front first).
  auto refill = [&] {
    if (in_begin > 0) {
      std::memmove(in_buf.data(), in_buf.data() + in_begin, in_end - in_begin);
      in_end -= in_begin;
      in_begin = 0;
    }
    if (in_end == in_buf.size()) {
      // The decoder refused a full buffer without consuming it. It never needs more than
      // one block plus headers at once, so this cannot happen with a sound decoder; give
      // it more room a few times, then stop rather than grow without bound.
      if (in_buf.size() >= kMaxInputBuffer) {
        throw CliError(input.name(), "the decoder made no progress on " + std::to_string(in_end) +
                                         " bytes of input at offset " + std::to_string(result.input_bytes));
      }
      in_buf.resize(in_buf.size() * 2);
    }
    std::size_t n = input.read(MutableByteView(in_buf.data() + in_end, in_buf.size() - in_end));
    in_end += n;
    if (n == 0) eof = true;
  };

  for (;;) {
    if (in_begin == in_end && !eof) refill();
    InBuffer in{ByteView(in_buf.data() + in_begin, in_end - in_begin), 0};
    OutBuffer out{MutableByteView(out_buf), 0};
    StreamProgress progress;
    try {
      progress = decoder.decompress_stream(in, out);
    } catch (const ZstdError& e) {
      // After a complete frame, bad magic means trailing garbage: say where it starts,
      // since the decoder only sees the start of a new frame.
      if (e.code() == ErrorCode::kUnknownMagic && result.frames > 0) {
        throw ZstdError(e.code(), "trailing data after frame " + std::to_string(result.frames) +
                                      " (input offset " + std::to_string(end_of_last_frame) + "): " + e.what());
      }
      throw;
    }
    in_begin += in.pos;
    result.input_bytes += in.pos;
    if (out.pos > 0) {
      sink.write(ByteView(out_buf.data(), out.pos));
      result.output_bytes += out.pos;
    }
    // A frame end reported without moving a byte counts as progress once (the bytes went
    // in earlier), never twice in a row, so a decoder that repeats itself cannot spin here.
    bool idle_frame_end = progress.frame_done && in.pos == 0 && out.pos == 0;
    if (progress.frame_done && !(idle_frame_end && last_was_idle_frame_end)) {
      ++result.frames;
      end_of_last_frame = result.input_bytes;
    }
    bool progressed = in.pos > 0 || out.pos > 0 || (idle_frame_end && !last_was_idle_frame_end);
    last_was_idle_frame_end = idle_frame_end;
    if (out.pos == out_buf.size()) continue;  // output was full: more may be pending
    if (progressed) continue;
    // No progress: the decoder needs more input than it has.
    if (eof) break;
    refill();
  }

  std::uint64_t left_over = in_end - in_begin;
  if (result.input_bytes == 0 && left_over == 0) {
    throw CliError(input.name(), "unexpected end of file: the input is empty, not a zstd frame");
  }
  if (!decoder.at_frame_boundary()) {
    throw CliError(input.name(), "truncated input: the file ends in the middle of a frame (after " +
                                     std::to_string(result.input_bytes + left_over) + " bytes)");
  }
  if (left_over > 0) {
    throw CliError(input.name(), std::to_string(left_over) + " trailing bytes at offset " +
                                     std::to_string(result.input_bytes) +
                                     " are not a frame (truncated frame or trailing garbage)");
  }
  return result;
}

class DecompressRun {
 public:
  DecompressRun(const CliOptions& options, const Console& console)
      : options_(options), console_(console) {
    inputs_ = options.inputs;
    if (inputs_.empty()) inputs_.push_back("-");
  }

  int run() {
    if (!check_arguments()) return 1;
    if (!make_decoder()) return 1;
    switch (mode()) {
      case Mode::kTest: {
        NullSink sink;
        for (const auto& path : inputs_) decode_one(path, &sink);
        break;
      }
      case Mode::kStdout: {
        StdoutSink sink;
        for (const auto& path : inputs_) decode_one(path, &sink);
        break;
      }
      case Mode::kSingleFile:
        decode_all_into_file();
        break;
      case Mode::kDerived:
        for (const auto& path : inputs_) decode_one(path, nullptr);
        break;
    }
    if (inputs_.size() > 1 && files_done_ > 0) {
      console_.note(2, std::to_string(files_done_) + " files decompressed : " + std::to_string(total_output_) +
                           " bytes total");
    }
    return failures_.failed() ? 1 : 0;
  }

 private:
  enum class Mode { kTest, kStdout, kSingleFile, kDerived };

  Mode mode() const {
    if (options_.operation == Operation::kTest) return Mode::kTest;
    if (options_.output_target == OutputTarget::kStdout) return Mode::kStdout;
    if (options_.output_target == OutputTarget::kFile) return Mode::kSingleFile;
    return Mode::kDerived;  // stdin inputs still go to stdout (decode_one)
  }

  bool check_arguments() {
    if (mode() == Mode::kSingleFile && options_.remove_source && inputs_.size() > 1 && !options_.force) {
      console_.error("--rm with -o and several inputs would remove all of them; add -f to confirm");
      return false;
    }
    if (mode() == Mode::kSingleFile && inputs_.size() > 1) {
      console_.note(2, "zstdpp: WARNING: all input files will be decompressed and concatenated into a single "
                       "output file: " + options_.output_path);
    }
    return true;
  }

  bool make_decoder() {
    DecompressorOptions decoder_options;
    decoder_options.max_window_size = options_.max_window_size;
    if (options_.long_window_log != 0) {
      // --long=N admits windows up to 2^N, as zstd's does: it raises the limit (the one
      // --memory gave, or the default) and never lowers it.
      const std::uint64_t limit = options_.max_window_size != 0 ? options_.max_window_size : DEFAULT_MAX_WINDOW_SIZE;
      decoder_options.max_window_size = std::max(limit, std::uint64_t{1} << options_.long_window_log);
    }
    decoder_options.skip_checksum = !options_.check_checksum;
    decoder_options.force_portable = options_.force_portable;
    const std::string dict_path = options_.dict_path.value_or("");
    try {
      if (options_.dict_path) {
        Bytes dict_bytes = read_whole_file(dict_path);
        decoder_options.dict_data.emplace(ByteView(dict_bytes));
      }
      decoder_.emplace(std::move(decoder_options));
    } catch (const CliError& e) {
      console_.error("dictionary " + e.file() + ": " + e.problem());
      return false;
    } catch (const ZstdError& e) {
      if (options_.dict_path) {
        console_.error("dictionary " + dict_path + ": " + e.what());
      } else {
        console_.error(std::string("cannot create the decoder: ") + e.what());
      }
      return false;
    }
    return true;
  }

  // How a library error reads for one input. A window over the limit is the user's
  // choice to reverse: say how, as zstd does.
  static std::string describe_error(const ZstdError& e) {
    if (e.code() == ErrorCode::kWindowTooLarge)
      return std::string(e.what()) + " (allow it with --memory=SIZE, or --long=N for 2^N bytes)";
    return e.what();
  }

  // Refuses to read compressed data typed on a terminal, as zstd does (unless -f).
  void check_stdin(const InputFile& input) const {
    if (input.is_stdin() && !options_.force && stdin_is_console()) {
      throw CliError("stdin", "is a console, aborting (use -f to read compressed data from it)");
    }
  }

  // Decodes one input into `shared_sink`, or into its derived file when null (stdin then
  // goes to stdout). Reports and records a failure instead of throwing.

  void decode_one(const std::string& path, OutputSink* shared_sink) {
    const std::string name = display_input_name(path);
    failures_.run(name, [&] {
      InputFile input(path);
      check_stdin(input);
      DecodeResult result;
      if (shared_sink != nullptr || input.is_stdin()) {
        StdoutSink stdout_sink;
        OutputSink& sink = shared_sink != nullptr ? *shared_sink : stdout_sink;
        result = decode_stream(*decoder_, input, sink, buffers_);
      } else {
        std::optional<std::string> target = decompressed_name(path);
        if (!target) {
          throw CliError(name, "unknown suffix (.zst/.tzst expected); can't derive the output file name, "
                               "specify it with -o");
        }
        AtomicFileOutput output(*target, options_.force, &input);
        result = decode_stream(*decoder_, input, output, buffers_);
        output.commit();
        if (options_.remove_source) remove_source_file(path);
      }
      record_success(name, result);
    }, [](const ZstdError& e) { return describe_error(e); });
  }

  // -o FILE: every input in turn into one output. The first failure abandons the output
  // (so no partial file is left) and the remaining inputs are not read.
  void decode_all_into_file() {
    const std::string& target = options_.output_path;
    std::unique_ptr<AtomicFileOutput> output;
    std::vector<DecodeResult> results;
    std::string name;
    failures_.run(name, [&] {
      for (const auto& path : inputs_) {
        name = display_input_name(path);
        InputFile input(path);
        check_stdin(input);
        if (!output) {
          output = std::make_unique<AtomicFileOutput>(target, options_.force,
                                                      inputs_.size() == 1 ? &input : nullptr);
        }
        results.push_back(decode_stream(*decoder_, input, *output, buffers_));
      }
      output->commit();
    }, [](const ZstdError& e) { return describe_error(e); });
    if (failures_.failed()) {
      if (output) {
        output->abandon();
        console_.error(target + ": not written because an input failed");
      }
      return;
    }
    for (std::size_t i = 0; i < inputs_.size(); ++i) {
      try {
        if (options_.remove_source && inputs_[i] != "-") remove_source_file(inputs_[i]);
      } catch (const CliError& e) {
        failures_.record(e.file(), e.problem());
      }
      record_success(display_input_name(inputs_[i]), results[i]);
    }
  }

  void record_success(const std::string& name, const DecodeResult& result) {
    ++files_done_;
    total_output_ += result.output_bytes;
    // One file: its line at the default verbosity; several: a summary, lines with -v.
    console_.note(inputs_.size() == 1 ? 2 : 3, format_bytes_note(name, result.output_bytes));
  }


  const CliOptions& options_;
  const Console& console_;
  std::vector<std::string> inputs_;
  std::optional<ZstdDecompressor> decoder_;
  StreamBuffers buffers_;
  FailureRecorder failures_{console_};
  std::uint64_t files_done_ = 0;
  std::uint64_t total_output_ = 0;
};

}  // namespace

int run_decompress(const CliOptions& options, const Console& console) {
  // Results going to stdout: stay silent on success unless -v, as zstd does.
  bool to_stdout = options.operation != Operation::kTest &&
                   (options.output_target == OutputTarget::kStdout ||
                    (options.output_target == OutputTarget::kDerived &&
                     (options.inputs.empty() || (options.inputs.size() == 1 && options.inputs[0] == "-"))));
  Console effective(to_stdout && console.verbosity() == 2 ? 1 : console.verbosity());
  return DecompressRun(options, effective).run();
}

}  // namespace zstdpp::cli

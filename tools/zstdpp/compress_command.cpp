// `zstdpp` / `zstdpp -z`: streaming compression of whole files, with bounded memory.
//
// Each input becomes one frame. It is read in chunks of COMPRESSION_RECOMMENDED_INPUT_SIZE
// and fed to ZstdCompressor::compress_stream(CONTINUE); the chunk that reaches the end of
// the input goes in with FLUSH_FRAME, which writes the last block and the checksum. Output
// leaves in COMPRESSION_RECOMMENDED_OUTPUT_SIZE pieces through an OutputSink, so memory is
// the compressor's window and tables plus two fixed buffers whatever the file size.
//
// The frame header is decided before the first byte is read, so the content size can only
// be written when the size is known then: for a regular file the size from fstat() is
// pledged with set_pledged_input_size() (it also lets the level table shrink the window
// and tables for small files, as zstd does); standard input, pipes and devices are
// compressed without one. Standard input even when it is a regular file: it may have
// been partly read already (`{ read line; zstdpp; } <file`), so its size proves nothing. A regular file that changes size while it is read no longer
// matches its pledge: the compressor raises an error and the output is abandoned.
//
// The one ZstdCompressor is made once per run, from the level and the frame flags:
//   - levels above 19 need --ultra; without it they are lowered to 19 with a warning,
//     and above 22 to 22, exactly as zstd 1.5 does (so scripts behave alike);
//   - --[no-]check, --[no-]content-size, --no-dictID map to the frame flags; the checksum
//     is on by default, as in the zstd CLI (the library's own default is off);
//   - --long[=N] compresses through ZstdCompressionParameters instead: the level's row,
//     window_log N and long-distance matching on;
//   - a level whose match-finding strategy is not built yet raises kNotImplemented from
//     the first compress_stream() call of each file; it is reported per file ("cannot
//     compress at level N: strategy ... is not implemented yet") and nothing is written.
//
// Outputs, as zstd: FILE -> FILE.zst next to it; standard input -> standard output; -c
// writes everything to standard output (concatenated frames); -o FILE collects every input
// into that one file, one frame each. File outputs are AtomicFileOutput: nothing appears
// under the target name unless compression succeeded. Compressed data is not written to
// a terminal implicitly (stdin to stdout with no -c) unless -f, and standard input is not
// read from a terminal unless -f.
#include "compress_command.hpp"

#include <cinttypes>
#include <cstdio>
#include <memory>
#include <optional>
#include <vector>

#include <zstdpp/zstdpp.hpp>

#include "failure_recorder.hpp"
#include "file_io.hpp"
#include "human_size.hpp"

namespace zstdpp::cli {
namespace {

// zstd's highest level without --ultra (ZSTDCLI_CLEVEL_MAX's published value).
constexpr int kMaxLevelWithoutUltra = 19;

struct CompressResult {
  std::uint64_t input_bytes = 0;
  std::uint64_t output_bytes = 0;
};

// The two chunk buffers, allocated once per run and reused for every file.
struct StreamBuffers {
  Bytes input = Bytes(COMPRESSION_RECOMMENDED_INPUT_SIZE);
  Bytes output = Bytes(COMPRESSION_RECOMMENDED_OUTPUT_SIZE);
};

// Compresses all of `input` into one frame written to `sink`. Throws ZstdError (from the
// compressor) or CliError (I/O).
CompressResult compress_stream_to(ZstdCompressor& compressor, InputFile& input, OutputSink& sink,
                                  StreamBuffers& buffers) {
  compressor.reset_stream();
  if (input.is_regular_file() && !input.is_stdin()) {
    compressor.set_pledged_input_size(static_cast<std::uint64_t>(input.status().st_size));
  }
  CompressResult result;
  bool eof = false;
  while (!eof) {
    // InputFile::read fills the buffer unless the input ends: a short read is the end.
    // A file that ends exactly on a chunk boundary finishes with an empty FLUSH_FRAME.
    const std::size_t n = input.read(MutableByteView(buffers.input));
    eof = n < buffers.input.size();
    result.input_bytes += n;
    const StreamMode mode = eof ? StreamMode::FLUSH_FRAME : StreamMode::CONTINUE;
    InBuffer in{ByteView(buffers.input.data(), n), 0};
    for (;;) {
      OutBuffer out{MutableByteView(buffers.output), 0};
      const std::size_t before = in.pos;
      const std::size_t remaining = compressor.compress_stream(in, out, mode);
      if (out.pos > 0) {
        sink.write(ByteView(buffers.output.data(), out.pos));
        result.output_bytes += out.pos;
      }
      const bool input_taken = in.pos == in.src.size();
      // CONTINUE: done with this chunk once it is all taken and the output had room
      // (a full output may mean more is ready). FLUSH_FRAME: done when nothing remains.
      if (mode == StreamMode::FLUSH_FRAME ? (input_taken && remaining == 0)
                                          : (input_taken && out.pos < out.dst.size())) {
        break;
      }
      if (in.pos == before && out.pos == 0) {
        // A sound compressor always moves input or output while either is pending; stop
        // rather than spin if it does not.
        throw CliError(input.name(), "the compressor made no progress (at input offset " +
                                         std::to_string(result.input_bytes - (in.src.size() - in.pos)) + ")");
      }
    }
  }
  return result;
}

// "FILE                 : 34.61%   (  10.2 MiB =>   3.5 MiB, FILE.zst)", zstd's line.
std::string format_result_line(const std::string& input_name, const std::string& output_name,
                               const CompressResult& result, bool exact) {
  HumanSize in = human_size(result.input_bytes, exact);
  HumanSize out = human_size(result.output_bytes, exact);
  char line[128];
  if (result.input_bytes == 0) {  // no percentage of nothing (zstd prints none either)
    std::snprintf(line, sizeof line, " :  (%6.*f%s => %6.*f%s, ", in.precision, in.value, in.suffix,
                  out.precision, out.value, out.suffix);
  } else {
    double percent = 100.0 * static_cast<double>(result.output_bytes) / static_cast<double>(result.input_bytes);
    std::snprintf(line, sizeof line, " :%6.2f%%   (%6.*f%s => %6.*f%s, ", percent, in.precision, in.value,
                  in.suffix, out.precision, out.value, out.suffix);
  }
  std::string padded = input_name;
  if (padded.size() < 20) padded.resize(20, ' ');  // zstd's "%-20s"
  return padded + line + output_name + ")";
}

// "  2 files compressed : 0.02% (   391 KiB =>     96   B)", zstd's summary.
std::string format_summary_line(std::uint64_t files, const CompressResult& total, bool exact) {
  HumanSize in = human_size(total.input_bytes, exact);
  HumanSize out = human_size(total.output_bytes, exact);
  double base = total.input_bytes == 0 ? 1.0 : static_cast<double>(total.input_bytes);
  char line[160];
  std::snprintf(line, sizeof line, "%3" PRIu64 " files compressed : %.2f%% (%6.*f%4s => %6.*f%4s)", files,
                100.0 * static_cast<double>(total.output_bytes) / base, in.precision, in.value, in.suffix,
                out.precision, out.value, out.suffix);
  return line;
}

class CompressRun {
 public:
  CompressRun(const CliOptions& options, int level, const Console& console)
      : options_(options), level_(level), console_(console) {
    inputs_ = options.inputs;
    if (inputs_.empty()) inputs_.push_back("-");
  }

  int run() {
    if (!check_arguments()) return 1;
    if (!make_compressor()) return 1;
    switch (mode()) {
      case Mode::kStdout: {
        StdoutSink sink;
        for (const auto& path : inputs_) compress_one(path, &sink);
        break;
      }
      case Mode::kSingleFile:
        compress_all_into_file();
        break;
      case Mode::kDerived:
        for (const auto& path : inputs_) compress_one(path, nullptr);
        break;
    }
    if (inputs_.size() > 1 && files_done_ > 0) {
      console_.note(2, format_summary_line(files_done_, total_, exact_sizes()));
    }
    return failures_.failed() ? 1 : 0;
  }

 private:
  enum class Mode { kStdout, kSingleFile, kDerived };

  Mode mode() const {
    if (options_.output_target == OutputTarget::kStdout) return Mode::kStdout;
    if (options_.output_target == OutputTarget::kFile) return Mode::kSingleFile;
    return Mode::kDerived;  // stdin inputs still go to stdout (compress_one)
  }

  bool exact_sizes() const { return console_.verbosity() >= 4; }  // -vv, as zstd

  bool check_arguments() {
    if (mode() == Mode::kSingleFile && options_.remove_source && inputs_.size() > 1 && !options_.force) {
      console_.error("--rm with -o and several inputs would remove all of them; add -f to confirm");
      return false;
    }
    // Standard output chosen implicitly (stdin in, no -c): refuse a terminal, as zstd
    // does; -c (or -o -) asks for stdout explicitly and -f forces.
    bool implicit_stdout = false;
    for (const auto& path : inputs_) implicit_stdout = implicit_stdout || (mode() == Mode::kDerived && path == "-");
    if (implicit_stdout && !options_.force && stdout_is_console()) {
      console_.error("stdout is a console, aborting (compressed data is binary: redirect it, or use -c or -f)");
      return false;
    }
    if (mode() == Mode::kSingleFile && inputs_.size() > 1) {
      console_.note(2, "zstdpp: WARNING: all input files will be compressed and concatenated into a single "
                       "output file: " + options_.output_path);
    }
    return true;
  }

  bool make_compressor() {
    CompressorOptions compressor_options;
    if (options_.long_window_log != 0) {
      // --long: the level's parameters with long-distance matching and the window asked
      // for (a file of known size still shrinks it to the file, as zstd does).
      ZstdCompressionParameters params;
      params.compression_level = level_;
      params.window_log = static_cast<int>(options_.long_window_log);
      params.enable_ldm = LDM_ENABLE;
      params.write_checksum = options_.check_checksum;
      params.write_content_size = options_.write_content_size;
      params.write_dict_id = options_.write_dict_id;
      compressor_options.compression_params = params;
    } else {
      compressor_options.level = level_;
      compressor_options.write_checksum = options_.check_checksum;
      compressor_options.write_content_size = options_.write_content_size;
      compressor_options.write_dict_id = options_.write_dict_id;
    }
    const std::string dict_path = options_.dict_path.value_or("");
    try {
      if (options_.dict_path) {
        Bytes dict_bytes = read_whole_file(dict_path);
        compressor_options.dict_data.emplace(ByteView(dict_bytes));
      }
      compressor_.emplace(std::move(compressor_options));
    } catch (const CliError& e) {
      console_.error("dictionary " + e.file() + ": " + e.problem());
      return false;
    } catch (const ZstdError& e) {
      if (options_.dict_path) {
        console_.error("dictionary " + dict_path + ": " + e.what());
      } else {
        console_.error("cannot create the compressor at level " + std::to_string(level_) + ": " + e.what());
      }
      return false;
    }
    return true;
  }

  // How a library error reads for one input: a level whose strategy is not built says so.
  std::string describe_error(const ZstdError& e) const {
    if (e.code() == ErrorCode::kNotImplemented)
      return "cannot compress at level " + std::to_string(level_) + ": " + e.what();
    return e.what();
  }

  // Refuses to read data typed on a terminal, as zstd does (unless -f).
  void check_stdin(const InputFile& input) const {
    if (input.is_stdin() && !options_.force && stdin_is_console()) {
      throw CliError("stdin", "is a console, aborting (use -f to compress what is typed)");
    }
  }


  // Compresses one input into `shared_sink`, or into FILE.zst when null (stdin then goes
  // to stdout). Reports and records a failure instead of throwing.
  void compress_one(const std::string& path, OutputSink* shared_sink) {
    const std::string name = display_input_name(path);
    failures_.run(name, [&] {
      InputFile input(path);
      check_stdin(input);
      CompressResult result;
      std::string output_name;
      if (shared_sink != nullptr || input.is_stdin()) {
        StdoutSink stdout_sink;
        OutputSink& sink = shared_sink != nullptr ? *shared_sink : stdout_sink;
        result = compress_stream_to(*compressor_, input, sink, buffers_);
        output_name = sink.name();
      } else {
        AtomicFileOutput output(path + ".zst", options_.force, &input);
        result = compress_stream_to(*compressor_, input, output, buffers_);
        output.commit();
        if (options_.remove_source) remove_source_file(path);
        output_name = output.name();
      }
      record_success(name, output_name, result);
    }, [this](const ZstdError& e) { return describe_error(e); });
  }

  // -o FILE: every input in turn into one output, one frame each. The first failure
  // abandons the output (so no partial file is left) and the remaining inputs are not read.
  void compress_all_into_file() {
    const std::string& target = options_.output_path;
    std::unique_ptr<AtomicFileOutput> output;
    std::vector<CompressResult> results;
    std::string name;
    failures_.run(name, [&] {
      for (const auto& path : inputs_) {
        name = display_input_name(path);
        InputFile input(path);
        check_stdin(input);
        if (!output) {
          output = std::make_unique<AtomicFileOutput>(target, options_.force, inputs_.size() == 1 ? &input : nullptr);
        }
        results.push_back(compress_stream_to(*compressor_, input, *output, buffers_));
      }
      output->commit();
    }, [this](const ZstdError& e) { return describe_error(e); });
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
      record_success(display_input_name(inputs_[i]), target, results[i]);
    }
  }

  void record_success(const std::string& name, const std::string& output_name, const CompressResult& result) {
    ++files_done_;
    total_.input_bytes += result.input_bytes;
    total_.output_bytes += result.output_bytes;
    // One file: its line at the default verbosity; several: a summary, lines with -v.
    console_.note(inputs_.size() == 1 ? 2 : 3, format_result_line(name, output_name, result, exact_sizes()));
  }


  const CliOptions& options_;
  const int level_;
  const Console& console_;
  std::vector<std::string> inputs_;
  std::optional<ZstdCompressor> compressor_;
  StreamBuffers buffers_;
  FailureRecorder failures_{console_};
  std::uint64_t files_done_ = 0;
  CompressResult total_;
};

// The level to compress at: levels above 19 need --ultra and none goes above 22. Out of
// range levels are lowered with a warning rather than refused, as zstd 1.5 does.
int effective_level(const CliOptions& options, const Console& console) {
  int level = options.compression_level;
  if (level > kMaxLevelWithoutUltra && !options.ultra) {
    console.note(2, "zstdpp: warning: compression level " + std::to_string(level) +
                        " needs --ultra (levels 20..22 use much more memory); reduced to " +
                        std::to_string(kMaxLevelWithoutUltra));
    level = kMaxLevelWithoutUltra;
  } else if (level > MAX_COMPRESSION_LEVEL) {
    console.note(2, "zstdpp: warning: compression level " + std::to_string(level) + " is above the maximum; reduced to " +
                        std::to_string(MAX_COMPRESSION_LEVEL));
    level = MAX_COMPRESSION_LEVEL;
  }
  return level;
}

}  // namespace

int run_compress(const CliOptions& options, const Console& console) {
  const int level = effective_level(options, console);
  // Results going to stdout: stay silent on success unless -v, as zstd does.
  bool to_stdout = options.output_target == OutputTarget::kStdout ||
                   (options.output_target == OutputTarget::kDerived &&
                    (options.inputs.empty() || (options.inputs.size() == 1 && options.inputs[0] == "-")));
  Console effective(to_stdout && console.verbosity() == 2 ? 1 : console.verbosity());
  return CompressRun(options, level, effective).run();
}

}  // namespace zstdpp::cli

// zstdpp_side_by_side: zstdpp against libzstd on the same frames, in the same run.
//
// For every (level, file) pair the program takes the frame libzstd writes for that file
// (libzstd at that level, one thread, content size and checksum on: byte for byte what
// `zstd --single-thread -LEVEL FILE` writes; cached in /tmp/zstdpp-bench-cache), then
// times decoding it with zstdpp (ZstdDecompressor::decompress_into a reused buffer, one
// decompressor reused throughout; --zstdpp-output=vector: decompress(), a fresh vector per
// call) and with libzstd (ZSTD_decompressDCtx, one DCtx reused, one output buffer reused). It prints one
// row per pair and one whole-set row per level: total bytes over total time.
//
// Why it is shaped so:
// - Speed is only meaningful as a ratio against libzstd measured on the same machine in
//   the same minute, so every sample of zstdpp is paired with a sample of libzstd taken
//   right next to it, and the order inside a pair alternates (A B, B A, ...) so that
//   neither side systematically runs first after a cache-cold or frequency-ramp moment.
// - Noise on a shared machine only ever adds time, so the default statistic is the best
//   sample (--stat=median for the robust alternative); the `noise` column reports how far
//   the median sits above the best, the number to check before believing a ratio.
// - Samples are the thread's CPU time by default (--clock=wall for elapsed time): on the
//   shared 2-core machine at load ~3.5 the full table's noise column read 30-240 % with
//   wall time and 4-60 % with CPU time, which still counts the page faults and zero-fill
//   of the output, but not the time other processes held the core.
// - Every zstdpp output is compared with the input (untimed). A difference, or a decoding
//   error other than "not implemented", ends the run with exit status 3 and a message
//   naming the file, level and first differing byte: a fast wrong decoder is not fast.
// - kNotImplemented from zstdpp is reported as "n/a" in its columns and the libzstd side
//   still runs, so the table is useful while the engine is being written.
// - --mode selects what is compared: `decompress` (here), `compress` (the two encoders,
//   side_by_side_compress.cpp) or `both` (the compress table, then the decompress one).
//   Both modes share the options, the inputs, the clock and the paired sampler
//   (side_by_side.hpp).
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <optional>
#include <sched.h>
#include <string>
#include <vector>

#include <zstdpp/zstdpp.hpp>

#include "bench_common.hpp"
#include "side_by_side.hpp"

namespace zstdpp::bench {

namespace fs = std::filesystem;

namespace {

void print_usage(std::FILE* to) {
  std::fprintf(to,
      "usage: zstdpp_side_by_side [options] [CORPUS_DIR]\n"
      "  CORPUS_DIR            files to measure (default: $ZSTDPP_CORPUS, else /tmp/zstdpp-corpus,\n"
      "                        unpacked from the shared Silesia zips when missing)\n"
      "  --mode=decompress|compress|both  what to compare (default decompress; both: the\n"
      "                        compress table, then the decompress table)\n"
      "  --levels=L,L          levels (default 1,3,19 for decompress: libzstd makes the frames;\n"
      "                        -5,-1,1..7,9,12,13,15 for compress: both encoders at each level)\n"
      "  --reps=N              timed sample pairs per file and level (default 11)\n"
      "  --files=a,b           only these files (names in CORPUS_DIR, or paths)\n"
      "  --stat=best|median    statistic of the samples (default best)\n"
      "  --clock=cpu|wall      the thread's CPU time (default) or wall time\n"
      "  --cache-dir=DIR       frame cache (default /tmp/zstdpp-bench-cache)\n"
      "  --no-checksum         frames without the XXH64 content checksum (both encoders too)\n"
      "  --libzstd-output=reused|fresh  libzstd output buffer per call (default reused)\n"
      "  --zstdpp-output=vector|into    zstdpp decompress() (fresh vector) or decompress_into()\n"
      "                        a reused buffer (default)\n"
      "  --long[=N]            compress with long-distance matching and a 2^N window (default\n"
      "                        27), both encoders, as zstd --long=N\n"
      "  --concat              one input: the files concatenated, named concat(N)\n"
      "  --csv                 comma-separated rows instead of the table\n");
}

}  // namespace

[[noreturn]] void usage_error(const std::string& message) {
  std::fprintf(stderr, "zstdpp_side_by_side: %s\n", message.c_str());
  print_usage(stderr);
  std::exit(kExitUsage);
}

namespace {

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> items;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t comma = std::min(text.find(',', start), text.size());
    if (comma > start) items.push_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return items;
}

int parse_int(const std::string& text, const std::string& what) {
  try {
    std::size_t used = 0;
    const int value = std::stoi(text, &used);
    if (used == text.size()) return value;
  } catch (const std::exception&) {
  }
  usage_error(what + " must be an integer, got '" + text + "'");
}

Options parse_options(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    std::string v;
    // True when `arg` is PREFIXvalue; the value goes to `v`.
    const auto take = [&arg, &v](const char* prefix) {
      const std::size_t n = std::strlen(prefix);
      if (arg.compare(0, n, prefix) != 0) return false;
      v = arg.substr(n);
      return true;
    };
    if (arg == "-h" || arg == "--help") {
      print_usage(stdout);
      std::exit(0);
    } else if (take("--mode=")) {
      if (v == "decompress") o.mode = Mode::kDecompress;
      else if (v == "compress") o.mode = Mode::kCompress;
      else if (v == "both") o.mode = Mode::kBoth;
      else usage_error("--mode must be decompress, compress or both, got '" + v + "'");
    } else if (take("--levels=")) {
      o.levels.clear();
      for (const std::string& item : split_list(v)) o.levels.push_back(parse_int(item, "a level"));
      if (o.levels.empty()) usage_error("--levels needs at least one level");
      const int lo = libzstd_min_level(), hi = libzstd_max_level();
      for (const int level : o.levels) {
        if (level < lo || level > hi || level == 0) {
          usage_error("level " + std::to_string(level) + " is outside libzstd's range " +
                      std::to_string(lo) + ".." + std::to_string(hi) + " (0 excluded: it means 'default')");
        }
      }
    } else if (take("--reps=")) {
      o.reps = parse_int(v, "--reps");
      if (o.reps < 1) usage_error("--reps must be at least 1");
    } else if (take("--files=")) {
      o.files = split_list(v);
    } else if (take("--stat=")) {
      if (v == "best") o.stat = Stat::kBest;
      else if (v == "median") o.stat = Stat::kMedian;
      else usage_error("--stat must be best or median, got '" + v + "'");
    } else if (take("--clock=")) {
      if (v == "wall") o.clock = Clock::kWall;
      else if (v == "cpu") o.clock = Clock::kCpu;
      else usage_error("--clock must be wall or cpu, got '" + v + "'");
    } else if (take("--cache-dir=")) {
      o.cache_dir = v;
    } else if (arg == "--no-checksum") {
      o.checksum = false;
    } else if (take("--zstdpp-output=")) {
      if (v == "vector") o.zstdpp_output = ZstdppOutput::kVector;
      else if (v == "into") o.zstdpp_output = ZstdppOutput::kInto;
      else usage_error("--zstdpp-output must be vector or into, got '" + v + "'");
    } else if (take("--libzstd-output=")) {
      if (v == "reused") o.libzstd_output = LibzstdOutput::kReused;
      else if (v == "fresh") o.libzstd_output = LibzstdOutput::kFresh;
      else usage_error("--libzstd-output must be reused or fresh, got '" + v + "'");
    } else if (take("--long=")) {
      o.long_window_log = parse_int(v, "--long");
      if (o.long_window_log < 10 || o.long_window_log > 31) usage_error("--long must be a window log in 10..31");
    } else if (arg == "--long") {
      o.long_window_log = 27;  // zstd's default for --long
    } else if (arg == "--concat") {
      o.concat = true;
    } else if (arg == "--csv") {
      o.csv = true;
    } else if (arg.size() > 1 && arg[0] == '-') {
      usage_error("unknown option '" + arg + "'");
    } else if (o.corpus_dir.empty()) {
      o.corpus_dir = arg;
    } else {
      usage_error("more than one corpus folder given ('" + o.corpus_dir + "', '" + arg + "')");
    }
  }
  return o;
}

}  // namespace

std::vector<Input> load_inputs(const Options& o) {
  std::vector<fs::path> paths;
  fs::path dir;
  const bool needs_dir =
      o.files.empty() || std::any_of(o.files.begin(), o.files.end(), [](const std::string& f) {
        return f.find('/') == std::string::npos;
      });
  if (needs_dir) {
    dir = find_corpus(o.corpus_dir, /*allow_unpack=*/true);
    if (dir.empty() || !fs::is_directory(dir)) {
      usage_error("no corpus folder: give one, set $ZSTDPP_CORPUS, or run "
                  "/work/shared/corpus/unpack.sh /tmp/zstdpp-corpus");
    }
  }
  if (o.files.empty()) {
    for (const fs::directory_entry& entry : fs::directory_iterator(dir)) {
      const std::string name = entry.path().filename().string();
      if (entry.is_regular_file() && name[0] != '.') paths.push_back(entry.path());
    }
    std::sort(paths.begin(), paths.end());
  } else {
    for (const std::string& f : o.files) paths.push_back(f.find('/') == std::string::npos ? dir / f : fs::path(f));
  }
  std::vector<Input> inputs;
  for (const fs::path& path : paths) {
    try {
      inputs.push_back({path.filename().string(), read_file(path)});
    } catch (const std::exception& e) {
      usage_error(e.what());
    }
  }
  if (inputs.empty()) usage_error("no files to measure in " + dir.string());
  if (o.concat) {
    Input all{"concat(" + std::to_string(inputs.size()) + ")", {}};
    for (const Input& input : inputs) all.data.insert(all.data.end(), input.data.begin(), input.data.end());
    inputs.clear();
    inputs.push_back(std::move(all));
  }
  return inputs;
}

namespace {

[[noreturn]] void fail_wrong_output(const Input& input, int level, zstdpp::ByteView got) {
  const Buffer& want = input.data;
  const std::size_t common = std::min(got.size(), want.size());
  std::size_t at = 0;
  while (at < common && got[at] == want[at]) ++at;
  std::fprintf(stderr,
               "\nFATAL: zstdpp decoded %s at level %d WRONGLY: %zu bytes out for %zu in; first "
               "difference at byte %zu",
               input.name.c_str(), level, got.size(), want.size(), at);
  if (at < common) std::fprintf(stderr, " (got 0x%02x, want 0x%02x)", got[at], want[at]);
  std::fprintf(stderr, "\n");
  std::exit(kExitWrongOutput);
}

// The two decoders, each reused across every frame as a real caller would.
class Decoders {
 public:
  explicit Decoders(Clock clock) : timer_(clock) {}
  Decoders(const Decoders&) = delete;
  Decoders& operator=(const Decoders&) = delete;

  // One timed zstdpp decode, output checked afterwards. Returns nullopt (and sets `note`)
  // when zstdpp reports kNotImplemented; any other failure ends the run.
  std::optional<double> time_zstdpp(const Input& input, int level, const Buffer& frame, ZstdppOutput how,
                                    std::string& note) {
    try {
      const auto check = [&](zstdpp::ByteView out) {
        if (out.size() != input.data.size() || std::memcmp(out.data(), input.data.data(), out.size()) != 0) {
          fail_wrong_output(input, level, out);
        }
      };
      if (how == ZstdppOutput::kInto) {
        // 32 spare bytes: decompress_into's documented room for its full-speed copies.
        if (into_.size() < input.data.size() + 32) into_.resize(input.data.size() + 32);
        const double start = timer_.now();
        const std::size_t n = zstdpp_.decompress_into(frame, into_);
        const double seconds = timer_.now() - start;
        check({into_.data(), n});
        return seconds;
      }
      const double start = timer_.now();
      zstdpp::Bytes out = zstdpp_.decompress(frame);
      const double seconds = timer_.now() - start;
      check(out);
      return seconds;  // `out` is freed here, outside the timed region
    } catch (const zstdpp::ZstdError& e) {
      if (e.code() == zstdpp::ErrorCode::kNotImplemented) {
        note = e.what();
        return std::nullopt;
      }
      std::fprintf(stderr, "\nFATAL: zstdpp failed to decode %s at level %d (a valid libzstd frame): %s: %s\n",
                   input.name.c_str(), level, zstdpp::error_code_name(e.code()), e.what());
      std::exit(kExitWrongOutput);
    }
  }

  double time_libzstd(const Input& input, const Buffer& frame, LibzstdOutput how) {
    const std::size_t n = input.data.size();
    std::unique_ptr<std::uint8_t[]> fresh;
    const double start = timer_.now();
    std::uint8_t* dst;
    if (how == LibzstdOutput::kFresh) {
      fresh.reset(new std::uint8_t[n + 1]);  // uninitialised, like a vector's reserve
      dst = fresh.get();
    } else {
      if (reused_.size() < n + 1) reused_.resize(n + 1);
      dst = reused_.data();
    }
    std::size_t size = 0;
    std::string error;
    try {
      size = libzstd_.decompress(frame, dst, n + 1);
    } catch (const std::exception& e) {
      error = e.what();
    }
    const double seconds = timer_.now() - start;
    if (!error.empty() || size != n || std::memcmp(dst, input.data.data(), n) != 0) {
      std::fprintf(stderr, "\nFATAL: libzstd did not reproduce %s from its own frame (%s)\n",
                   input.name.c_str(), error.empty() ? "wrong bytes" : error.c_str());
      std::exit(kExitWrongOutput);
    }
    return seconds;
  }

 private:
  Timer timer_;
  zstdpp::ZstdDecompressor zstdpp_;
  LibzstdDecoder libzstd_;
  Buffer reused_;  // libzstd's reused output
  Buffer into_;    // zstdpp's reused output (--zstdpp-output=into)
};

struct Row {
  std::string name;
  int level = 0;
  std::size_t input_size = 0;
  std::size_t frame_size = 0;
  std::optional<double> zstdpp_seconds;  // nullopt: zstdpp could not decode (n/a)
  double libzstd_seconds = 0;
  double noise = 0;  // largest spread of the two sample sets
};

void print_header(const Options& o) {
  if (o.csv) {
    std::printf("file,level,input_bytes,compressed_bytes,zstdpp_mb_s,libzstd_mb_s,ratio,noise_pct\n");
    return;
  }
  std::printf("%-12s %5s %11s %11s %7s %12s %12s %9s %6s\n", "file", "level", "input", "compressed",
              "x", "zstdpp MB/s", "libzstd MB/s", "zstdpp/lib", "noise");
}

void print_row(const Options& o, const Row& r) {
  const double lib = mb_per_s(r.input_size, r.libzstd_seconds);
  const double cratio = static_cast<double>(r.input_size) / static_cast<double>(r.frame_size);
  if (o.csv) {
    if (r.zstdpp_seconds) {
      const double zpp = mb_per_s(r.input_size, *r.zstdpp_seconds);
      std::printf("%s,%d,%zu,%zu,%.1f,%.1f,%.3f,%.1f\n", r.name.c_str(), r.level, r.input_size,
                  r.frame_size, zpp, lib, zpp / lib, r.noise * 100);
    } else {
      std::printf("%s,%d,%zu,%zu,,%.1f,,%.1f\n", r.name.c_str(), r.level, r.input_size,
                  r.frame_size, lib, r.noise * 100);
    }
  } else if (r.zstdpp_seconds) {
    const double zpp = mb_per_s(r.input_size, *r.zstdpp_seconds);
    std::printf("%-12s %5d %11zu %11zu %7.3f %12.1f %12.1f %9.3f %5.1f%%\n", r.name.c_str(),
                r.level, r.input_size, r.frame_size, cratio, zpp, lib, zpp / lib, r.noise * 100);
  } else {
    std::printf("%-12s %5d %11zu %11zu %7.3f %12s %12.1f %9s %5.1f%%\n", r.name.c_str(), r.level,
                r.input_size, r.frame_size, cratio, "n/a", lib, "n/a", r.noise * 100);
  }
  std::fflush(stdout);
}

// The whole-set row of one level: total bytes over total time, so large files weigh more,
// as a user decoding the whole corpus would see. zstdpp's total covers only the files it
// decoded; the libzstd total is restricted to the same files so the ratio stays paired.
void print_total(const Options& o, int level, const std::vector<Row>& rows) {
  std::size_t in_all = 0, frame_all = 0, in_both = 0, decoded = 0;
  double zpp_time = 0, lib_time_both = 0, lib_time_all = 0, noise = 0;
  for (const Row& r : rows) {
    in_all += r.input_size;
    frame_all += r.frame_size;
    lib_time_all += r.libzstd_seconds;
    noise = std::max(noise, r.noise);
    if (r.zstdpp_seconds) {
      ++decoded;
      in_both += r.input_size;
      zpp_time += *r.zstdpp_seconds;
      lib_time_both += r.libzstd_seconds;
    }
  }
  Row total;
  total.name = "ALL(" + std::to_string(rows.size()) + ")";
  total.level = level;
  total.input_size = in_all;
  total.frame_size = frame_all;
  total.libzstd_seconds = lib_time_all;
  total.noise = noise;
  if (decoded == rows.size()) total.zstdpp_seconds = zpp_time;
  print_row(o, total);
  if (decoded > 0 && decoded < rows.size() && !o.csv) {
    const double zpp = mb_per_s(in_both, zpp_time), lib = mb_per_s(in_both, lib_time_both);
    std::printf("%-12s %5d %11zu %11s %7s %12.1f %12.1f %9.3f   (the %zu files zstdpp decoded)\n",
                "ALL(decoded)", level, in_both, "", "", zpp, lib, zpp / lib, decoded);
  }
  if (!o.csv) std::printf("\n");
}

Row measure_pair(const Options& o, Decoders& decoders, const Input& input, int level,
                 const Buffer& frame, std::string& na_note) {
  Row row{input.name, level, input.data.size(), frame.size(), std::nullopt, 0, 0};
  // Warm-up: page in both outputs, grow both contexts' buffers, check zstdpp once.
  bool zstdpp_ok = decoders.time_zstdpp(input, level, frame, o.zstdpp_output, na_note).has_value();
  decoders.time_libzstd(input, frame, o.libzstd_output);
  Samples zpp, lib;
  const auto sample_zstdpp = [&] {
    if (!zstdpp_ok) return;
    if (const std::optional<double> t = decoders.time_zstdpp(input, level, frame, o.zstdpp_output, na_note)) {
      zpp.add(*t);
    } else {
      zstdpp_ok = false;
    }
  };
  for (int rep = 0; rep < o.reps; ++rep) {
    const bool zstdpp_first = rep % 2 == 0;  // alternate who goes first in each pair
    if (zstdpp_first) sample_zstdpp();
    lib.add(decoders.time_libzstd(input, frame, o.libzstd_output));
    if (!zstdpp_first) sample_zstdpp();
  }
  row.libzstd_seconds = lib.pick(o.stat);
  row.noise = lib.spread();
  if (zstdpp_ok) {
    row.zstdpp_seconds = zpp.pick(o.stat);
    row.noise = std::max(row.noise, zpp.spread());
  }
  return row;
}

int run_decompress(const Options& o, const std::vector<Input>& inputs) {
  Decoders decoders(o.clock);
  std::string na_note;
  print_header(o);
  for (const int level : o.decompress_levels()) {
    std::vector<Row> rows;
    for (const Input& input : inputs) {
      const Buffer frame = cached_frame(o.cache_dir, input.name, input.data, level, o.checksum);
      rows.push_back(measure_pair(o, decoders, input, level, frame, na_note));
      print_row(o, rows.back());
    }
    print_total(o, level, rows);
  }
  if (!na_note.empty()) {
    std::fprintf(stderr, "note: n/a = zstdpp reported kNotImplemented (\"%s\")\n", na_note.c_str());
  }
  return 0;
}

const char* mode_name(Mode mode) {
  switch (mode) {
    case Mode::kDecompress: return "decompress";
    case Mode::kCompress: return "compress";
    case Mode::kBoth: return "both";
  }
  return "?";
}

// The run's conditions, once: what each table below is conditional on.
void print_preamble(const Options& o) {
  if (o.csv) return;
  cpu_set_t set;
  const int cpus = sched_getaffinity(0, sizeof(set), &set) == 0 ? CPU_COUNT(&set) : -1;
  std::printf("# zstdpp_side_by_side --mode=%s: zstdpp vs libzstd %s, %d reps, %s %s time of each, "
              "checksum %s, %d cpu(s) allowed\n",
              mode_name(o.mode), libzstd_version().c_str(), o.reps, o.stat == Stat::kBest ? "best" : "median",
              o.clock == Clock::kWall ? "wall" : "cpu", o.checksum ? "on" : "off", cpus);
  if (o.long_window_log != 0) {
    std::printf("# both encoders: long-distance matching, window_log %d (zstd --long=%d)\n", o.long_window_log,
                o.long_window_log);
  }
  if (cpus > 1) {
    std::fprintf(stderr, "hint: pin to one core for steadier numbers: taskset -c 1 zstdpp_side_by_side ...\n");
  }
}

void print_decompress_legend(const Options& o) {
  if (o.csv) return;
  std::printf("# decompress: libzstd's frames decoded by zstdpp %s and libzstd (output %s)\n",
              o.zstdpp_output == ZstdppOutput::kVector ? "decompress()" : "decompress_into()",
              o.libzstd_output == LibzstdOutput::kReused ? "reused" : "fresh");
  std::printf("# MB/s = uncompressed MB (1e6 bytes) per second; x = compression ratio; "
              "noise = median over best, worst of the two decoders\n");
}

int run(const Options& o) {
  const std::vector<Input> inputs = load_inputs(o);
  print_preamble(o);
  int status = 0;
  if (o.mode != Mode::kDecompress) status = run_compress(o, inputs);
  if (o.mode != Mode::kCompress && status == 0) {
    print_decompress_legend(o);
    status = run_decompress(o, inputs);
  }
  return status;
}

}  // namespace
}  // namespace zstdpp::bench

int main(int argc, char** argv) {
  using namespace zstdpp::bench;
  const Options options = parse_options(argc, argv);
  try {
    return run(options);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "zstdpp_side_by_side: %s\n", e.what());
    return 1;
  }
}

// zstdpp_stage_bench: Google Benchmark suites for the decoder, per whole frame and per stage.
//
// Whole-frame suites (frame/...) decode, through the public API only, frames that libzstd
// wrote from slices of Silesia files (the first --slice_kib KiB of dickens, ooffice and
// xml: prose, machine code, markup), or from synthetic text when the corpus is absent.
// Each frame is timed four ways:
//   frame/zstdpp/DATA/LEVEL         ZstdDecompressor::decompress, one shot (allocates output)
//   frame/zstdpp_into/DATA/LEVEL    decompress_into one reused buffer (like libzstd below)
//   frame/zstdpp_stream/DATA/LEVEL  decompress_stream into one reused 128 KiB buffer
//   frame/libzstd/DATA/LEVEL        ZSTD_decompressDCtx into one reused buffer
// and, after the usual Google Benchmark output, a summary prints zstdpp's speed as a
// ratio of libzstd's for each pair (CPU time, best repetition of each), the only form in which
// numbers from this noisy shared machine should be quoted.
//
// Whole-frame compression suites (compress/...) time the two encoders on the same slices,
// at --clevels (default 1 and 3, the encoder's fast and dfast strategies):
//   compress/zstdpp/DATA/LEVEL      ZstdCompressor::compress_into one reused buffer
//   compress/libzstd/DATA/LEVEL     ZSTD_compress2 into one reused buffer
// one compressor per suite reused across iterations, checksum and content size on both.
// Before timing, zstdpp's frame must decode back to the slice; the summary adds each
// pair's size ratio next to its speed ratio. zstdpp_side_by_side --mode=compress is the
// corpus-wide table; these suites are for quick before/after looks at one change.
//
// Per-stage suites (huf/..., fse/..., seq/...) time one stage of the decoder alone through
// the internal headers (src/entropy, src/decoder); they live in stage_bench_stages.cpp
// and are registered from register_stage_benchmarks() (see that file's banner for what
// each measures and which inputs it uses).
//
// Options of our own, taken out of argv before Google Benchmark sees it:
//   --corpus=DIR      Silesia folder (default: $ZSTDPP_CORPUS, else /tmp/zstdpp-corpus)
//   --slice_kib=N     slice size in KiB (default 1024: 8 full blocks)
//   --levels=1,3,19   libzstd levels of the frames
//   --clevels=1,3     levels of the compress/ suites (--clevels= : none)
// Frames are cached in /tmp/zstdpp-bench-cache like zstdpp_side_by_side's.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <deque>
#include <iostream>
#include <map>
#include <string>
#include <utility>
#include <unistd.h>
#include <vector>

#include <zstdpp/zstdpp.hpp>

#include "bench_common.hpp"
#include "stage_bench.hpp"

namespace zstdpp::bench {
namespace {

struct BenchOptions {
  std::string corpus_dir;
  std::size_t slice_kib = 1024;
  std::vector<int> levels = {1, 3, 19};
  std::vector<int> clevels = {1, 3};
};

std::vector<int> parse_levels(const std::string& list) {
  std::vector<int> levels;
  for (std::size_t pos = 0; pos <= list.size();) {
    const std::size_t comma = std::min(list.find(',', pos), list.size());
    if (comma > pos) levels.push_back(std::stoi(list.substr(pos, comma - pos)));
    pos = comma + 1;
  }
  return levels;
}

// Removes our options from argv, leaving Google Benchmark's own.
BenchOptions take_options(int& argc, char** argv) {
  BenchOptions o;
  int kept = 1;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg.rfind("--corpus=", 0) == 0) {
      o.corpus_dir = arg.substr(9);
    } else if (arg.rfind("--slice_kib=", 0) == 0) {
      o.slice_kib = std::stoul(arg.substr(12));
    } else if (arg.rfind("--levels=", 0) == 0) {
      o.levels = parse_levels(arg.substr(9));
    } else if (arg.rfind("--clevels=", 0) == 0) {
      o.clevels = parse_levels(arg.substr(10));
    } else {
      argv[kept++] = argv[i];
    }
  }
  argc = kept;
  return o;
}

std::deque<FrameCase>& frame_cases() {
  static std::deque<FrameCase> cases;  // deque: benchmarks keep pointers into it
  return cases;
}

// One input of the compress/ suites: a slice of a file and a level.
struct CompressCase {
  std::string name;  // "dickens:1024KiB/L3"
  int level = 0;
  Buffer content;
};

std::deque<CompressCase>& compress_cases() {
  static std::deque<CompressCase> cases;
  return cases;
}

// Frame sizes each compress/ suite wrote (benchmark name -> bytes), for the summary.
std::map<std::string, std::size_t>& compressed_sizes() {
  static std::map<std::string, std::size_t> sizes;
  return sizes;
}

// The data slices every suite works on: (display name, bytes).
std::vector<std::pair<std::string, Buffer>> load_sources(const BenchOptions& o) {
  const std::size_t slice = o.slice_kib * 1024;
  std::vector<std::pair<std::string, Buffer>> sources;
  const std::filesystem::path corpus = find_corpus(o.corpus_dir, /*allow_unpack=*/true);
  const bool have_files = !corpus.empty() && std::filesystem::exists(corpus / "dickens") &&
                          std::filesystem::exists(corpus / "ooffice") && std::filesystem::exists(corpus / "xml");
  if (have_files) {
    for (const char* name : {"dickens", "ooffice", "xml"}) {
      Buffer data = read_file(corpus / name);
      if (data.size() > slice) data.resize(slice);
      sources.emplace_back(std::string(name) + ":" + std::to_string(o.slice_kib) + "KiB", std::move(data));
    }
  } else {
    std::cerr << "no Silesia corpus (dickens, ooffice, xml) found" << (corpus.empty() ? "" : " in " + corpus.string())
              << ": the suites use synthetic text\n";
    sources.emplace_back("synthetic:" + std::to_string(o.slice_kib) + "KiB", synthetic_text(slice, 1));
  }
  return sources;
}

void build_cases(const BenchOptions& o) {
  const std::vector<std::pair<std::string, Buffer>> sources = load_sources(o);
  for (const int level : o.clevels) {
    for (const auto& [name, data] : sources) {
      compress_cases().push_back({name + "/L" + std::to_string(level), level, data});
    }
  }
  for (const int level : o.levels) {
    for (const auto& [name, data] : sources) {
      std::string key = name;
      std::replace(key.begin(), key.end(), ':', '-');
      FrameCase c;
      c.name = name + "/L" + std::to_string(level);
      c.level = level;
      c.content = data;
      c.frame = cached_frame(kDefaultCacheDir, key, data, level, /*checksum=*/true);
      frame_cases().push_back(std::move(c));
    }
  }
}

void set_frame_counters(benchmark::State& state, const FrameCase& c) {
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(c.content.size()));
  char label[48];
  std::snprintf(label, sizeof(label), "%zu -> %zu bytes", c.frame.size(), c.content.size());
  state.SetLabel(label);
}

void bm_frame_zstdpp(benchmark::State& state, const FrameCase* c) {
  ZstdDecompressor d;
  try {
    if (d.decompress(c->frame) != c->content) {
      state.SkipWithError("zstdpp output differs from the input");
      return;
    }
    for (auto _ : state) {
      Bytes out = d.decompress(c->frame);
      benchmark::DoNotOptimize(out.data());
    }
  } catch (const ZstdError& e) {
    state.SkipWithError((std::string("zstdpp: ") + e.what()).c_str());
    return;
  }
  set_frame_counters(state, *c);
}

void bm_frame_zstdpp_into(benchmark::State& state, const FrameCase* c) {
  ZstdDecompressor d;
  Buffer out(c->content.size() + 32);  // decompress_into's documented 32 spare bytes
  try {
    const std::size_t n = d.decompress_into(c->frame, out);
    if (n != c->content.size() || std::memcmp(out.data(), c->content.data(), n) != 0) {
      state.SkipWithError("zstdpp decompress_into output differs from the input");
      return;
    }
    for (auto _ : state) {
      benchmark::DoNotOptimize(d.decompress_into(c->frame, out));
      benchmark::ClobberMemory();
    }
  } catch (const ZstdError& e) {
    state.SkipWithError((std::string("zstdpp: ") + e.what()).c_str());
    return;
  }
  set_frame_counters(state, *c);
}

void bm_frame_zstdpp_stream(benchmark::State& state, const FrameCase* c) {
  ZstdDecompressor d;
  Buffer window(DECOMPRESSION_RECOMMENDED_OUTPUT_SIZE);
  // Decodes the whole frame in output pieces of 128 KiB; `check` accumulates the output.
  const auto decode = [&](Buffer* check) {
    InBuffer in{c->frame, 0};
    for (;;) {
      OutBuffer out{window, 0};
      const StreamProgress p = d.decompress_stream(in, out);
      if (check != nullptr) check->insert(check->end(), window.begin(), window.begin() + out.pos);
      benchmark::DoNotOptimize(window.data());
      if (p.frame_done) return true;
      if (out.pos == 0 && in.remaining() == 0) return false;  // truncated: cannot happen here
    }
  };
  try {
    Buffer all;
    if (!decode(&all) || all != c->content) {
      state.SkipWithError("zstdpp streaming output differs from the input");
      return;
    }
    for (auto _ : state) {
      if (!decode(nullptr)) {
        state.SkipWithError("zstdpp streaming stopped before the frame's end");
        return;
      }
    }
  } catch (const ZstdError& e) {
    state.SkipWithError((std::string("zstdpp: ") + e.what()).c_str());
    return;
  }
  set_frame_counters(state, *c);
}

void bm_frame_libzstd(benchmark::State& state, const FrameCase* c) {
  LibzstdDecoder dctx;
  Buffer out(c->content.size() + 1);
  try {
    for (auto _ : state) {
      const std::size_t n = dctx.decompress(c->frame, out.data(), out.size());
      if (n != c->content.size()) {
        state.SkipWithError("libzstd decoded a wrong size from its own frame");
        return;
      }
      benchmark::DoNotOptimize(out.data());
    }
  } catch (const std::exception& e) {
    state.SkipWithError(e.what());
    return;
  }
  set_frame_counters(state, *c);
}

// `name`: the benchmark's name, under which the summary looks the frame size up.
void set_compress_counters(benchmark::State& state, const CompressCase& c, const std::string& name,
                           std::size_t frame_size) {
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(c.content.size()));
  char label[48];
  std::snprintf(label, sizeof(label), "%zu -> %zu bytes", c.content.size(), frame_size);
  state.SetLabel(label);
  compressed_sizes()[name] = frame_size;
}

void bm_compress_zstdpp(benchmark::State& state, const CompressCase* c, const std::string& name) {
  std::size_t n = 0;
  try {
    CompressorOptions options;
    options.level = c->level;
    options.write_checksum = true;
    ZstdCompressor compressor(std::move(options));
    Buffer frame(compress_bound(c->content.size()));
    n = compressor.compress_into(c->content, frame);
    frame.resize(n);
    if (ZstdDecompressor().decompress(frame) != c->content) {
      state.SkipWithError("zstdpp's frame does not decode back to the input");
      return;
    }
    frame.resize(compress_bound(c->content.size()));
    for (auto _ : state) {
      benchmark::DoNotOptimize(compressor.compress_into(c->content, frame));
      benchmark::ClobberMemory();
    }
  } catch (const ZstdError& e) {
    state.SkipWithError((std::string("zstdpp: ") + e.what()).c_str());
    return;
  }
  set_compress_counters(state, *c, name, n);
}

void bm_compress_libzstd(benchmark::State& state, const CompressCase* c, const std::string& name) {
  std::size_t n = 0;
  try {
    LibzstdEncoder encoder(/*checksum=*/true);
    encoder.set_level(c->level);
    Buffer frame(libzstd_compress_bound(c->content.size()));
    for (auto _ : state) {
      n = encoder.compress(c->content.data(), c->content.size(), frame.data(), frame.size());
      benchmark::DoNotOptimize(frame.data());
    }
  } catch (const std::exception& e) {
    state.SkipWithError(e.what());
    return;
  }
  set_compress_counters(state, *c, name, n);
}

void register_frame_benchmarks() {
  for (const CompressCase& c : compress_cases()) {
    const std::string zstdpp_name = "compress/zstdpp/" + c.name, libzstd_name = "compress/libzstd/" + c.name;
    benchmark::RegisterBenchmark(zstdpp_name.c_str(), bm_compress_zstdpp, &c, zstdpp_name);
    benchmark::RegisterBenchmark(libzstd_name.c_str(), bm_compress_libzstd, &c, libzstd_name);
  }
  for (const FrameCase& c : frame_cases()) {
    benchmark::RegisterBenchmark(("frame/zstdpp/" + c.name).c_str(), bm_frame_zstdpp, &c);
    benchmark::RegisterBenchmark(("frame/zstdpp_into/" + c.name).c_str(), bm_frame_zstdpp_into, &c);
    benchmark::RegisterBenchmark(("frame/zstdpp_stream/" + c.name).c_str(), bm_frame_zstdpp_stream, &c);
    benchmark::RegisterBenchmark(("frame/libzstd/" + c.name).c_str(), bm_frame_libzstd, &c);
  }
}

// Console output plus, at the end, zstdpp/libzstd speed ratios of the frame suites.
class RatioReporter : public benchmark::ConsoleReporter {
 public:
  explicit RatioReporter(OutputOptions options) : ConsoleReporter(options) {}
  void ReportRuns(const std::vector<Run>& runs) override {
    ConsoleReporter::ReportRuns(runs);
    for (const Run& run : runs) {
      if (run.run_type != Run::RT_Iteration || run.error_occurred || run.iterations == 0) continue;
      // CPU time, as Google Benchmark's own bytes_per_second: time the process spent
      // descheduled by other users of the machine does not count against either side.
      const double per_iter = run.cpu_accumulated_time / static_cast<double>(run.iterations);
      const std::string name = run.run_name.str();
      const auto it = best_.find(name);
      if (it == best_.end()) order_.push_back(name);
      if (it == best_.end() || per_iter < it->second) best_[name] = per_iter;
    }
  }
  void Finalize() override {
    ConsoleReporter::Finalize();
    bool header = false;
    // Each zstdpp suite and the libzstd suite it is compared with.
    static const std::pair<const char*, const char*> kPairs[] = {
        {"frame/zstdpp/", "frame/libzstd/"},
        {"frame/zstdpp_into/", "frame/libzstd/"},
        {"frame/zstdpp_stream/", "frame/libzstd/"},
        {"compress/zstdpp/", "compress/libzstd/"},
    };
    for (const std::string& name : order_) {  // the order the benchmarks ran in
      const double seconds = best_.at(name);
      for (const auto& [impl, reference] : kPairs) {
        if (name.rfind(impl, 0) != 0) continue;
        const std::string lib_name = reference + name.substr(std::strlen(impl));
        const auto lib = best_.find(lib_name);
        if (lib == best_.end()) continue;
        if (!header) {
          std::printf("\nspeed ratio zstdpp/libzstd (CPU time, best repetition of each; >1: zstdpp faster)"
                      "; compress/: also size ratio zstdpp/libzstd (<1: zstdpp smaller)\n");
          header = true;
        }
        std::printf("  %-50s %6.3f", name.c_str(), lib->second / seconds);
        const auto own_size = compressed_sizes().find(name), lib_size = compressed_sizes().find(lib_name);
        if (own_size != compressed_sizes().end() && lib_size != compressed_sizes().end()) {
          std::printf("   size %6.4f", static_cast<double>(own_size->second) / static_cast<double>(lib_size->second));
        }
        std::printf("\n");
      }
    }
  }

 private:
  std::map<std::string, double> best_;  // benchmark name -> best CPU seconds per iteration
  std::vector<std::string> order_;       // names in first-run order
};

// The console options Google Benchmark would have used for its own display reporter
// (--benchmark_color, --benchmark_counters_tabular), since passing our reporter bypasses
// that choice.
benchmark::ConsoleReporter::OutputOptions console_options(int argc, char** argv) {
  std::string color = "auto", tabular = "false";
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg.rfind("--benchmark_color=", 0) == 0) color = arg.substr(18);
    if (arg.rfind("--benchmark_counters_tabular=", 0) == 0) tabular = arg.substr(29);
  }
  const auto truthy = [](const std::string& v) { return v == "true" || v == "yes" || v == "1"; };
  int opts = benchmark::ConsoleReporter::OO_None;
  if (color == "auto" ? ::isatty(STDOUT_FILENO) != 0 : truthy(color)) opts |= benchmark::ConsoleReporter::OO_Color;
  if (truthy(tabular)) opts |= benchmark::ConsoleReporter::OO_Tabular;
  return static_cast<benchmark::ConsoleReporter::OutputOptions>(opts);
}

// True when the user asked for another output format (json, csv): then Google Benchmark's
// own reporter runs and the ratio summary is left out.
bool console_format(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg.rfind("--benchmark_format=", 0) == 0 && arg != "--benchmark_format=console") return false;
  }
  return true;
}

}  // namespace
}  // namespace zstdpp::bench

int main(int argc, char** argv) {
  using namespace zstdpp::bench;
  BenchOptions options;
  try {
    options = take_options(argc, argv);
  } catch (const std::exception&) {
    std::cerr << "zstdpp_stage_bench: --slice_kib and --levels take integers\n";
    return 2;
  }
  const auto console = console_options(argc, argv);
  const bool summary = console_format(argc, argv);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  try {
    build_cases(options);
  } catch (const std::exception& e) {
    std::cerr << "zstdpp_stage_bench: preparing frames failed: " << e.what() << "\n";
    return 1;
  }
  register_frame_benchmarks();
  register_stage_benchmarks(frame_cases());
  if (summary) {
    RatioReporter reporter(console);
    benchmark::RunSpecifiedBenchmarks(&reporter);
  } else {
    benchmark::RunSpecifiedBenchmarks();
  }
  benchmark::Shutdown();
  return 0;
}

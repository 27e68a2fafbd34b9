// What the two halves of zstdpp_side_by_side share: options, inputs, the clock, samples.
//
// side_by_side.cpp parses the command line and runs --mode=decompress (zstdpp's decoder
// against libzstd's on libzstd's frames); side_by_side_compress.cpp runs --mode=compress
// (the two encoders, then each decoder on both encoders' frames). Both take their samples
// the same way, in pairs with alternating order, from the clock chosen here, so their
// ratios mean the same thing.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <ctime>
#include <string>
#include <vector>

#include "bench_common.hpp"

namespace zstdpp::bench {

// Exit statuses (documented in bench/README.md).
inline constexpr int kExitUsage = 2;
inline constexpr int kExitWrongOutput = 3;

enum class Mode { kDecompress, kCompress, kBoth };
enum class Stat { kBest, kMedian };
// cpu: this thread's CPU time (kernel time such as page faults included), which leaves
// out the time other users of the machine took the core; wall: steady_clock.
enum class Clock { kCpu, kWall };
// How libzstd gets its output buffer: reused (its best case, the usual way to call it) or
// freshly allocated per call, as zstdpp's one-shot API must do for the vector it returns.
enum class LibzstdOutput { kReused, kFresh };
// Which zstdpp one-shot call: decompress() returning a new vector (the default, the API
// python-zstandard users know), or decompress_into() a reused caller buffer, the
// like-for-like match of libzstd's reused buffer.
enum class ZstdppOutput { kVector, kInto };

struct Options {
  Mode mode = Mode::kDecompress;
  std::string corpus_dir;  // empty: find_corpus() default
  std::vector<int> levels;  // empty: the mode's default (decompress_levels, compress_levels)
  int reps = 11;
  std::vector<std::string> files;  // empty: every regular file of the corpus folder
  Stat stat = Stat::kBest;
  Clock clock = Clock::kCpu;
  std::string cache_dir = kDefaultCacheDir;
  bool checksum = true;
  bool csv = false;
  LibzstdOutput libzstd_output = LibzstdOutput::kReused;
  ZstdppOutput zstdpp_output = ZstdppOutput::kInto;  // like for like with libzstd's reused buffer
  // --long=N: both encoders with long-distance matching and a window of 2^N (0: off),
  // as `zstd --long=N` sets them.
  int long_window_log = 0;
  // --concat: the files as one input, their concatenation (named "concat(N)"), the case
  // long-distance matching is for.
  bool concat = false;

  // Decoding: a fast, the default and a high level's frames. Encoding: two negative
  // levels and 1..19 but the lazy family's middle levels that repeat their neighbours'
  // shapes (20..22 on request: --levels=22; they take minutes on the whole set).
  std::vector<int> decompress_levels() const { return levels.empty() ? std::vector<int>{1, 3, 19} : levels; }
  std::vector<int> compress_levels() const {
    return levels.empty() ? std::vector<int>{-5, -1, 1, 2, 3, 4, 5, 6, 7, 9, 12, 13, 15, 16, 17, 18, 19} : levels;
  }
};

// Prints the message and the usage text, exits with kExitUsage.
[[noreturn]] void usage_error(const std::string& message);

// One input of the table: its display name (also the frame cache key) and its bytes.
struct Input {
  std::string name;
  Buffer data;
};

// The files the options name (or the whole corpus folder), read into memory.
std::vector<Input> load_inputs(const Options& o);

// --mode=compress: the table of side_by_side_compress.cpp. Returns the exit status.
int run_compress(const Options& o, const std::vector<Input>& inputs);

// Samples of one timed operation, in seconds.
class Samples {
 public:
  void add(double seconds) { seconds_.push_back(seconds); }
  bool empty() const { return seconds_.empty(); }
  double best() const { return *std::min_element(seconds_.begin(), seconds_.end()); }
  double median() const {
    std::vector<double> s = seconds_;
    std::sort(s.begin(), s.end());
    const std::size_t n = s.size();
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }
  double pick(Stat stat) const { return stat == Stat::kBest ? best() : median(); }
  // How far the median sits above the best: 0.03 means 3 % of spread.
  double spread() const { return median() / best() - 1.0; }

 private:
  std::vector<double> seconds_;
};

// The clock every sample is read from, chosen once by --clock.
class Timer {
 public:
  explicit Timer(Clock clock) : clock_(clock) {}
  double now() const {
    if (clock_ == Clock::kWall) {
      return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
    }
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
  }

 private:
  Clock clock_;
};

inline double mb_per_s(std::size_t bytes, double seconds) { return static_cast<double>(bytes) / 1e6 / seconds; }

}  // namespace zstdpp::bench

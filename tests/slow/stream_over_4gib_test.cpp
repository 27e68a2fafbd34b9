// Slow test: one frame of more than 4 GiB streamed through a small window.
//
// Run it (it is not built by default, and CI's default run leaves it out: label "slow"):
//
//   cmake -S . -B build-slow -G Ninja -DCMAKE_BUILD_TYPE=Release -DZSTDPP_SLOW_TESTS=ON
//   ninja -C build-slow -j2 zstdpp_slow_stream_over_4gib_test
//   ctest --test-dir build-slow -L slow --output-on-failure
//
// (or run build-slow/tests/zstdpp_slow_stream_over_4gib_test directly). A few minutes in
// a Release build. Environment knobs: ZSTDPP_SLOW_GIB (size in GiB, default 4.5),
// ZSTDPP_SLOW_STRATEGY (greedy: level 5 as the table gives it, the default; lazy2-row,
// lazy2-chain or btlazy2: level 5 with that strategy / finder forced).
//
// Why: positions inside the encoder's window buffer and match tables are 32-bit; a stream
// longer than 4 GiB only works if the window slides and the tables are rebased correctly
// long before any index could wrap. The input is generated chunk by chunk (never held
// whole): English-like words, runs, random bytes, and copies from 1 byte to 1 MiB back
// (within and far beyond the 256 KiB window). Each chunk goes through compress_stream()
// (a FLUSH_BLOCK now and then); whatever comes out is decoded at once by a streaming
// ZstdDecompressor limited to the window, and the decoded bytes are compared with the
// input still pending (kept only until decoded: a few MiB). The frame carries a checksum,
// so the decoder also checks XXH64 over the whole stream.
#include <gtest/gtest.h>

#include <zstdpp/zstdpp.hpp>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <random>
#include <iostream>
#include <string>
#include <vector>

namespace {

using namespace zstdpp;

constexpr std::size_t kChunk = std::size_t{1} << 20;
constexpr int kWindowLog = 18;


// Makes the input 1 MiB at a time, remembering the last 2 MiB for its copies.
class Source {
 public:
  explicit Source(std::uint64_t seed) : rng_(seed) { history_.reserve(3 * kChunk); }

  // The next chunk (kChunk bytes), valid until the next call.
  const std::uint8_t* next_chunk() {
    if (history_.size() > 2 * kChunk)
      history_.erase(history_.begin(), history_.end() - static_cast<std::ptrdiff_t>(kChunk));
    const std::size_t end = history_.size() + kChunk;
    while (history_.size() < end) segment(end - history_.size());
    return history_.data() + end - kChunk;
  }

 private:
  void segment(std::size_t room) {
    static const char* const kWords[] = {"the ",    "of ",     "and ",   "window ",  "frame ",  "block ", "match ",
                                         "offset ", "length ", "table ", "entropy ", "stream ", "4 GiB ", "rebase ",
                                         "chain ",  "row ",    "tree ",  "lazy ",    "greedy ", "\n"};
    const std::uint64_t r = rng_();
    const unsigned kind = static_cast<unsigned>(r % 16);
    if (kind < 7) {  // words
      std::size_t n = std::min<std::size_t>(room, 64 + (r >> 8) % 4096);
      while (n > 0) {
        const char* w = kWords[rng_() % 20];
        const std::size_t len = std::min(std::strlen(w), n);
        history_.insert(history_.end(), w, w + len);
        n -= len;
      }
    } else if (kind < 13 && history_.size() > 16) {  // a copy: near (in the window) or far
      const std::size_t max_back = kind < 10 ? (std::size_t{1} << kWindowLog) : 2 * kChunk;
      const std::size_t back = 1 + (r >> 8) % std::min(max_back, history_.size());
      std::size_t n = std::min<std::size_t>(room, 4 + (r >> 40) % 20000);
      const std::size_t from = history_.size() - back;
      for (std::size_t i = 0; i < n; ++i) history_.push_back(history_[from + i]);  // may overlap itself
    } else if (kind < 15) {                                                        // random bytes
      std::size_t n = std::min<std::size_t>(room, 16 + (r >> 8) % 4096);
      for (std::size_t i = 0; i < n; ++i) history_.push_back(static_cast<std::uint8_t>(rng_()));
    } else {  // a run
      const std::size_t n = std::min<std::size_t>(room, 1 + (r >> 8) % 10000);
      history_.insert(history_.end(), n, static_cast<std::uint8_t>(r >> 48));
    }
  }

  std::mt19937_64 rng_;  // reproducible from its seed
  std::vector<std::uint8_t> history_;
};

// Decodes what the compressor hands out as it comes, and compares it with the input
// pushed so far and not yet decoded.
class Checker {
 public:
  explicit Checker(std::uint64_t window) : d_({.max_window_size = window}), out_(256 * 1024) {}

  void pushed(const std::uint8_t* data, std::size_t size) { pending_.insert(pending_.end(), data, data + size); }

  // Returns false (with a failure) at the first difference.
  bool feed(ByteView frame_bytes) {
    InBuffer in{frame_bytes};
    for (;;) {
      OutBuffer out{MutableByteView(out_)};
      const StreamProgress p = d_.decompress_stream(in, out);
      if (out.pos > pending_.size() - head_) {
        ADD_FAILURE() << "decoded " << out.pos << " bytes more than pushed at output offset " << decoded_;
        return false;
      }
      if (std::memcmp(out_.data(), pending_.data() + head_, out.pos) != 0) {
        std::size_t i = 0;
        while (out_[i] == pending_[head_ + i]) ++i;
        ADD_FAILURE() << "decoded bytes differ at stream offset " << decoded_ + i;
        return false;
      }
      head_ += out.pos;
      decoded_ += out.pos;
      if (p.frame_done) frame_done_ = true;
      if (in.pos == in.src.size() && out.pos < out.dst.size()) break;
    }
    if (head_ > 16 * kChunk) {
      pending_.erase(pending_.begin(), pending_.begin() + static_cast<std::ptrdiff_t>(head_));
      head_ = 0;
    }
    return true;
  }

  std::uint64_t decoded() const { return decoded_; }
  std::size_t pending() const { return pending_.size() - head_; }
  bool frame_done() const { return frame_done_; }
  bool at_boundary() const { return d_.at_frame_boundary(); }

 private:
  ZstdDecompressor d_;
  std::vector<std::uint8_t> out_;
  std::vector<std::uint8_t> pending_;
  std::size_t head_ = 0;
  std::uint64_t decoded_ = 0;
  bool frame_done_ = false;
};

ZstdCompressionParameters parameters_from_env(std::string& name) {
  ZstdCompressionParameters p;
  p.compression_level = 5;
  p.window_log = kWindowLog;
  p.write_checksum = true;
  const char* env = std::getenv("ZSTDPP_SLOW_STRATEGY");
  name = env && *env ? env : "greedy";
  if (name == "lazy2-row" || name == "lazy2-chain") {
    p.strategy = STRATEGY_LAZY2;
    p.use_row_match_finder = name == "lazy2-row" ? ROW_MATCH_FINDER_ENABLE : ROW_MATCH_FINDER_DISABLE;
  } else if (name == "btlazy2") {
    p.strategy = STRATEGY_BTLAZY2;
  } else if (name != "greedy") {
    ADD_FAILURE() << "ZSTDPP_SLOW_STRATEGY=" << name << ": expected greedy, lazy2-row, lazy2-chain or btlazy2";
  }
  return p;
}

TEST(SlowStream, MoreThan4GiBThroughA256KiBWindow) {
  const char* gib_env = std::getenv("ZSTDPP_SLOW_GIB");
  const double gib = gib_env && *gib_env ? std::atof(gib_env) : 4.5;
  const std::uint64_t total = static_cast<std::uint64_t>(gib * 1024.0) * (std::uint64_t{1} << 20);
  const std::uint64_t chunks = total / kChunk;
  std::string setting;
  const ZstdCompressionParameters params = parameters_from_env(setting);
  std::cout << "[ slow     ] " << chunks << " MiB, level 5 (" << setting << "), window_log " << kWindowLog << "\n";

  CompressorOptions options;
  options.compression_params = params;
  ZstdCompressor c(options);
  Checker checker(std::uint64_t{1} << kWindowLog);
  Source source(20261202);
  std::vector<std::uint8_t> out(COMPRESSION_RECOMMENDED_OUTPUT_SIZE);
  std::uint64_t produced = 0;
  const auto start = std::chrono::steady_clock::now();

  // Pushes `in` with `mode` until its goal, decoding the output as it comes.
  auto drive = [&](InBuffer& in, StreamMode mode) -> bool {
    for (;;) {
      OutBuffer ob{MutableByteView(out)};
      const std::size_t left = c.compress_stream(in, ob, mode);
      produced += ob.pos;
      if (!checker.feed(ByteView(out.data(), ob.pos))) return false;
      const bool consumed = in.pos == in.src.size();
      if (mode == StreamMode::CONTINUE ? consumed : (consumed && left == 0)) return true;
    }
  };

  for (std::uint64_t i = 0; i < chunks; ++i) {
    const std::uint8_t* chunk = source.next_chunk();
    checker.pushed(chunk, kChunk);
    InBuffer in{ByteView(chunk, kChunk)};
    ASSERT_TRUE(drive(in, i % 97 == 96 ? StreamMode::FLUSH_BLOCK : StreamMode::CONTINUE)) << "in chunk " << i;
    ASSERT_LT(checker.pending(), 16 * kChunk) << "the compressor holds back more than the window and a block";
    if (i % 512 == 511) {
      const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      std::cout << "[ slow     ] " << (i + 1) << " MiB in, " << produced << " B out, " << checker.decoded()
                << " B decoded, " << s << " s\n"
                << std::flush;
    }
  }
  InBuffer none{ByteView()};
  ASSERT_TRUE(drive(none, StreamMode::FLUSH_FRAME)) << "at the frame's end";

  const std::uint64_t in_bytes = chunks * kChunk;
  if (gib_env == nullptr || !*gib_env) {  // (ZSTDPP_SLOW_GIB may ask for a shorter run)
    EXPECT_GT(in_bytes, std::uint64_t{1} << 32);
  }
  EXPECT_EQ(checker.decoded(), in_bytes);
  EXPECT_EQ(checker.pending(), 0u);
  EXPECT_TRUE(checker.frame_done()) << "the decoder did not see the frame end";
  EXPECT_TRUE(checker.at_boundary());
  const FrameProgression progress = c.frame_progression();
  EXPECT_EQ(progress.consumed, in_bytes);
  EXPECT_EQ(progress.produced, produced);
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << "[ slow     ] done: " << in_bytes << " B -> " << produced << " B ("
            << 100.0 * static_cast<double>(produced) / static_cast<double>(in_bytes) << "%), " << s << " s, "
            << static_cast<double>(in_bytes) / s / 1e6 << " MB/s\n";
}

}  // namespace

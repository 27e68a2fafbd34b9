// Slow test: level 19 with a 256 MiB window and long-distance matching, one-shot and
// streamed, on an input whose only long repeat lies 200 MiB back.
//
// Run it (not built by default; label "slow", see stream_over_4gib_test.cpp):
//
//   cmake -S . -B build-slow -G Ninja -DCMAKE_BUILD_TYPE=Release -DZSTDPP_SLOW_TESTS=ON
//   ninja -C build-slow zstdpp_slow_large_window_test && build-slow/tests/zstdpp_slow_large_window_test
//
// A few minutes in a Release build, about 1.5 GiB of memory.
//
// Why: CI's tests keep windows at 2^27 or below (memory and time); past that the
// encoder's window buffer, its slides and the 32-bit indices of the tables and the
// long-distance matcher are only exercised here. The input is A (16 MiB of words drawn
// from a random vocabulary: compressible, but not by much), B (200 MiB: a 1 MiB random
// block repeated, cheap to compress and unlike A), then A again. With the window covering
// both copies, the second A must cost almost nothing, which only a match 216 MiB back can
// give; the frames must decode with zstdpp limited to the window and with the zstd CLI
// given the matching --long.
#include <gtest/gtest.h>

#include <zstdpp/zstdpp.hpp>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

namespace {

using namespace zstdpp;

constexpr int kWindowLog = 28;
constexpr std::size_t kMiB = std::size_t{1} << 20;

std::vector<std::uint8_t> make_input(std::size_t& a_size) {
  std::mt19937_64 rng(20261202);
  std::vector<std::string> vocabulary(4000);
  for (std::string& w : vocabulary) {
    const std::size_t n = 2 + rng() % 9;
    for (std::size_t i = 0; i < n; ++i) w.push_back(static_cast<char>('a' + rng() % 26));
    w.push_back(rng() % 8 == 0 ? '\n' : ' ');
  }
  std::vector<std::uint8_t> data;
  data.reserve(240 * kMiB);
  while (data.size() < 16 * kMiB) {
    const std::string& w = vocabulary[rng() % vocabulary.size()];
    data.insert(data.end(), w.begin(), w.end());
  }
  a_size = data.size();
  std::vector<std::uint8_t> block(kMiB);
  for (std::uint8_t& b : block) b = static_cast<std::uint8_t>(rng());
  for (int i = 0; i < 200; ++i) data.insert(data.end(), block.begin(), block.end());
  data.insert(data.end(), data.begin(), data.begin() + static_cast<std::ptrdiff_t>(a_size));
  return data;
}

CompressorOptions level19_long(bool ldm) {
  ZstdCompressionParameters p;
  p.compression_level = 19;
  p.window_log = kWindowLog;
  p.enable_ldm = ldm ? LDM_ENABLE : LDM_DISABLE;
  p.write_checksum = true;
  CompressorOptions o;
  o.compression_params = p;
  return o;
}

std::vector<std::uint8_t> stream_compress(ZstdCompressor& c, ByteView input) {
  std::vector<std::uint8_t> frame;
  std::vector<std::uint8_t> out(COMPRESSION_RECOMMENDED_OUTPUT_SIZE);
  constexpr std::size_t kPiece = 3 * kMiB + 12345;  // not a multiple of the block size
  for (std::size_t pos = 0;;) {
    const std::size_t n = std::min(kPiece, input.size() - pos);
    InBuffer in{input.subspan(pos, n)};
    pos += n;
    const StreamMode mode = pos == input.size() ? StreamMode::FLUSH_FRAME : StreamMode::CONTINUE;
    for (;;) {
      OutBuffer ob{MutableByteView(out)};
      const std::size_t left = c.compress_stream(in, ob, mode);
      frame.insert(frame.end(), out.begin(), out.begin() + static_cast<std::ptrdiff_t>(ob.pos));
      if (in.pos == in.src.size() && (mode == StreamMode::CONTINUE || left == 0)) break;
    }
    if (mode == StreamMode::FLUSH_FRAME) return frame;
  }
}

void expect_decodes(const std::vector<std::uint8_t>& frame, const std::vector<std::uint8_t>& input,
                    const char* what) {
  ZstdDecompressor d({.max_window_size = std::uint64_t{1} << kWindowLog});
  const Bytes back = d.decompress(frame, {.max_output_size = input.size()});
  EXPECT_TRUE(back.size() == input.size() && std::equal(back.begin(), back.end(), input.begin())) << what;
  const std::string path = testing::TempDir() + "zstdpp_large_window.zst";
  std::FILE* f = std::fopen(path.c_str(), "wb");
  ASSERT_NE(f, nullptr);
  ASSERT_EQ(std::fwrite(frame.data(), 1, frame.size(), f), frame.size());
  std::fclose(f);
  // -t checks the content checksum; --long=28 lets the CLI use a 256 MiB window.
  const std::string command = "zstd -q -t --long=" + std::to_string(kWindowLog) + " " + path;
  EXPECT_EQ(std::system(command.c_str()), 0) << what << ": " << command;
  std::remove(path.c_str());
}

TEST(SlowLargeWindow, Level19LongDistanceMatchesAcross200MiB) {
  std::size_t a_size = 0;
  const std::vector<std::uint8_t> input = make_input(a_size);
  const ByteView first_two(input.data(), input.size() - a_size);

  ZstdCompressor with_ldm(level19_long(true));
  const std::vector<std::uint8_t> one_shot = with_ldm.compress(input);
  const std::vector<std::uint8_t> streamed = stream_compress(with_ldm, input);
  // What A and B cost alone: the second A must add less than 1% of A's size to it.
  const std::size_t without_repeat = ZstdCompressor(level19_long(true)).compress(first_two).size();
  std::printf("[ slow     ] %zu bytes in: one-shot %zu, streamed %zu, A+B alone %zu\n", input.size(),
              one_shot.size(), streamed.size(), without_repeat);
  EXPECT_LT(one_shot.size(), without_repeat + a_size / 100);
  EXPECT_LT(streamed.size(), without_repeat + a_size / 100);
  expect_decodes(one_shot, input, "one-shot");
  expect_decodes(streamed, input, "streamed");
}

}  // namespace

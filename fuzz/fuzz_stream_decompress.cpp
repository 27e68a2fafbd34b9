// Fuzz target: streaming decoding in pieces of every size, checked against one-shot decoding.
//
// Input layout (RFC 8878 frames after a 4-byte control prefix):
//   byte 0  bits 0-1: input piece sizes  (0: 1 byte, 1: 1..16, 2: 1..1024, 3: log-uniform to 256 KiB)
//           bit 6:    decode as FORMAT_ZSTD1_MAGICLESS (a leading zstd magic number is
//                     dropped first, so the same seeds reach the magicless path)
//           bit 7:    skip_checksum for both decoders
//   byte 1  bits 0-1: output room sizes, same four distributions
//   bytes 2-3: seed of the size sequences (little-endian)
//   rest:   the bytes to decode
// so the fuzzer mutates the cutting points together with the data: a decoder whose state
// machine breaks when a block header, a literals header or the checksum is split between
// two calls, or when it can write only one byte at a time, fails here.
//
// The differential half (fuzz_common.hpp, compare_outcomes) decodes the same bytes one-shot
// with the same options and demands the same verdict and, on success, the same bytes. Output
// is bounded to 8 MiB; a stream past that bound is stopped and only checked for "one-shot
// must have failed too". After every error or truncated stream the same decompressor must
// decode a fresh frame (the API promises it is reset).
#include <cstddef>
#include <cstdint>

#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  constexpr std::size_t kControlSize = 4;
  if (size < kControlSize) return 0;
  const unsigned in_mode = data[0] & 3u;
  const bool skip_checksum = (data[0] & 0x80u) != 0;
  const unsigned out_mode = data[1] & 3u;
  const std::uint64_t seed = data[2] | (std::uint64_t{data[3]} << 8);
  const bool magicless = (data[0] & 0x40u) != 0;
  const zstdpp::ByteView input = zstdpp::fuzz::fuzz_input({data + kControlSize, size - kControlSize}, magicless);
  const zstdpp::DecompressorOptions options = zstdpp::fuzz::fuzz_decompressor_options(magicless, skip_checksum);
  // The window, one block, and room for the engine's own tables and slack.
  const std::size_t memory_bound = zstdpp::fuzz::kFuzzMaxWindowSize + (std::size_t{4} << 20);

  zstdpp::fuzz::ChunkSizer in_sizes(in_mode, seed);
  zstdpp::fuzz::ChunkSizer out_sizes(out_mode, seed ^ 0x5A5A5A5Au);
  zstdpp::ZstdDecompressor streaming_decompressor(options);
  const zstdpp::fuzz::Outcome streamed = zstdpp::fuzz::decode_streaming(
      streaming_decompressor, input, in_sizes, out_sizes, zstdpp::fuzz::kDifferentialOutputLimit, memory_bound);

  zstdpp::ZstdDecompressor one_shot_decompressor(options);
  const zstdpp::fuzz::Outcome one_shot =
      zstdpp::fuzz::decode_one_shot(one_shot_decompressor, input, zstdpp::fuzz::kDifferentialOutputLimit);

  zstdpp::fuzz::compare_outcomes(input, streamed, one_shot);
  return 0;
}

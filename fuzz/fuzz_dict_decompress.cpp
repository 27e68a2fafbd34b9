// Fuzz target: dictionary parsing, and decoding with whatever dictionary results.
//
// Input layout:
//   bytes 0-1: dictionary length N, little-endian (clamped to the bytes that follow)
//   next N:    the dictionary (zstd format when it starts with 0xEC30A437, else raw content)
//   rest:      the frames to decode with it
// Seeds made from the conformance vectors put the vector's dictionary first; dictionaries
// over 65535 bytes are cut to that length (their entropy tables sit at the front, so the
// seed still reaches the table loaders).
//
// Each run builds ZstdCompressionDict(AUTO) (a ZstdError there is a fine answer and ends
// the run), checks what the dictionary says about itself, then decodes the frames one-shot
// and streaming (pieces sized from the dictionary length) and applies the same differential
// rule as fuzz_stream_decompress: same verdict, same bytes.
#include <cstddef>
#include <cstdint>
#include <optional>

#include "fuzz_common.hpp"

namespace {

constexpr std::uint32_t kDictionaryMagic = 0xEC30A437u;  // RFC 8878 section 5

std::uint32_t load_le32(const std::uint8_t* p) {
  return p[0] | (std::uint32_t{p[1]} << 8) | (std::uint32_t{p[2]} << 16) | (std::uint32_t{p[3]} << 24);
}

std::optional<zstdpp::ZstdCompressionDict> build_dictionary(zstdpp::ByteView bytes) {
  try {
    return zstdpp::ZstdCompressionDict(bytes, zstdpp::DICT_TYPE_AUTO);
  } catch (const zstdpp::ZstdError& e) {
    zstdpp::fuzz::check_error_is_sane(e);
  } catch (const std::exception& e) {
    zstdpp::fuzz::fail_on_foreign_exception("ZstdCompressionDict", e);
  }
  return std::nullopt;
}

// A built dictionary keeps its bytes, and its ID is the one its header carries (0 for raw).
void check_dictionary(const zstdpp::ZstdCompressionDict& dict, zstdpp::ByteView bytes) {
  const zstdpp::ByteView kept = dict.as_bytes();
  ZSTDPP_FUZZ_CHECK(kept.size() == bytes.size() && std::equal(kept.begin(), kept.end(), bytes.begin()),
                    "ZstdCompressionDict::as_bytes differs from the bytes it was built from");
  const bool zstd_format = bytes.size() >= 8 && load_le32(bytes.data()) == kDictionaryMagic;
  if (zstd_format) {
    ZSTDPP_FUZZ_CHECK(dict.dict_id() == load_le32(bytes.data() + 4),
                      "dict_id differs from the Dictionary_ID in the dictionary header");
  } else if (bytes.size() < 4 || load_le32(bytes.data()) != kDictionaryMagic) {
    ZSTDPP_FUZZ_CHECK(dict.dict_id() == 0, "a raw-content dictionary has a non-zero dict_id");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  const std::size_t declared = data[0] | (std::size_t{data[1]} << 8);
  const std::size_t dict_size = std::min(declared, size - 2);
  const zstdpp::ByteView dict_bytes(data + 2, dict_size);
  const zstdpp::ByteView frames(data + 2 + dict_size, size - 2 - dict_size);

  std::optional<zstdpp::ZstdCompressionDict> dict = build_dictionary(dict_bytes);
  if (!dict) return 0;
  try {
    check_dictionary(*dict, dict_bytes);
  } catch (const zstdpp::ZstdError& e) {
    // A built dictionary should answer, but stubs may not; other codes are bugs.
    ZSTDPP_FUZZ_CHECK(e.code() == zstdpp::ErrorCode::kNotImplemented,
                      "a built dictionary threw from dict_id() or as_bytes()");
  }

  const zstdpp::DecompressorOptions options{.dict_data = *dict,
                                            .max_window_size = zstdpp::fuzz::kFuzzMaxWindowSize};
  const std::size_t memory_bound =
      zstdpp::fuzz::kFuzzMaxWindowSize + dict_size + (std::size_t{4} << 20);

  zstdpp::ZstdDecompressor one_shot_decompressor(options);
  const zstdpp::fuzz::Outcome one_shot =
      zstdpp::fuzz::decode_one_shot(one_shot_decompressor, frames, zstdpp::fuzz::kOneShotOutputLimit);

  zstdpp::fuzz::ChunkSizer in_sizes(3, declared);
  zstdpp::fuzz::ChunkSizer out_sizes(3, declared * 31 + 7);
  zstdpp::ZstdDecompressor streaming_decompressor(options);
  const zstdpp::fuzz::Outcome streamed = zstdpp::fuzz::decode_streaming(
      streaming_decompressor, frames, in_sizes, out_sizes, zstdpp::fuzz::kOneShotOutputLimit, memory_bound);

  zstdpp::fuzz::compare_outcomes(frames, streamed, one_shot);
  return 0;
}

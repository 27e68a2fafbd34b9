// Fuzz target: one-shot decoding and frame inspection of arbitrary bytes.
//
// The input is used as is (no control bytes), so any .zst file is a seed. Each run:
//  1. inspects the first frame with get_frame_parameters, frame_header_size,
//     frame_content_size and frame_compressed_size (zstd and magicless format) and checks
//     that their answers agree with each other and with RFC 8878 section 3.1.1.3;
//  2. decodes every frame with ZstdDecompressor::decompress (output bounded to 1 MiB) and
//     checks the result against what inspection said about the first frame.
// A ZstdError is an expected answer to bad input; any other exception, a sanitizer report
// or a failed check is a crash.
#include <cstddef>
#include <cstdint>
#include <optional>

#include "fuzz_common.hpp"

namespace {

using zstdpp::ByteView;
using zstdpp::ErrorCode;
using zstdpp::Format;
using zstdpp::ZstdError;

// What inspection found; an empty optional means the call threw ZstdError.
struct Inspection {
  std::optional<zstdpp::FrameParameters> params;
  std::optional<std::size_t> header_size;
  std::optional<std::uint64_t> content_size;
  std::optional<std::size_t> compressed_size;
  bool not_implemented = false;  // some call answered kNotImplemented: skip cross-checks
};

template <class Call>
auto ask(Inspection& inspection, const char* name, Call call) -> std::optional<decltype(call())> {
  try {
    return call();
  } catch (const ZstdError& e) {
    zstdpp::fuzz::check_error_is_sane(e);
    if (e.code() == ErrorCode::kNotImplemented) inspection.not_implemented = true;
  } catch (const std::exception& e) {
    zstdpp::fuzz::fail_on_foreign_exception(name, e);
  }
  return std::nullopt;
}

Inspection inspect(ByteView input, Format format) {
  Inspection found;
  found.params = ask(found, "get_frame_parameters", [&] { return zstdpp::get_frame_parameters(input, format); });
  found.header_size = ask(found, "frame_header_size", [&] { return zstdpp::frame_header_size(input, format); });
  found.content_size = ask(found, "frame_content_size", [&] { return zstdpp::frame_content_size(input, format); });
  found.compressed_size =
      ask(found, "frame_compressed_size", [&] { return zstdpp::frame_compressed_size(input, format); });
  if (found.not_implemented) return found;

  const std::size_t magic_size = format == zstdpp::FORMAT_ZSTD1 ? 4 : 0;
  if (found.params) {
    const zstdpp::FrameParameters& p = *found.params;
    // Frame_Header_Descriptor + optional Window_Descriptor, Dictionary_ID (<= 4), FCS (<= 8).
    ZSTDPP_FUZZ_CHECK(p.header_size >= magic_size + 2 && p.header_size <= magic_size + 14,
                      "get_frame_parameters: header_size outside the format's 2..14 bytes after the magic");
    ZSTDPP_FUZZ_CHECK(p.header_size <= input.size(), "get_frame_parameters: header_size past the input");
    if (p.single_segment) {
      // No check that content_size is known: an 8-byte field can hold 2^64-1, which is
      // CONTENTSIZE_UNKNOWN's value (the same collision as in the reference library).
      ZSTDPP_FUZZ_CHECK(p.window_size == p.content_size,
                        "get_frame_parameters: single-segment window_size differs from content_size");
    } else {
      ZSTDPP_FUZZ_CHECK(p.window_size >= (std::uint64_t{1} << zstdpp::WINDOWLOG_MIN),
                        "get_frame_parameters: window_size below the 1 KiB a Window_Descriptor can say");
    }
    if (found.header_size) {
      ZSTDPP_FUZZ_CHECK(*found.header_size == p.header_size,
                        "frame_header_size and get_frame_parameters disagree");
    }
    ZSTDPP_FUZZ_CHECK(found.content_size && *found.content_size == p.content_size,
                      "frame_content_size and get_frame_parameters disagree");
    if (found.compressed_size) {
      // The header, at least one 3-byte block header, and the checksum when announced.
      const std::size_t least = p.header_size + 3 + (p.has_checksum ? 4 : 0);
      ZSTDPP_FUZZ_CHECK(*found.compressed_size >= least,
                        "frame_compressed_size is smaller than the header, one block header and checksum");
    }
  }
  if (found.compressed_size) {
    ZSTDPP_FUZZ_CHECK(*found.compressed_size <= input.size(), "frame_compressed_size is past the input");
  }
  return found;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const ByteView input(data, size);
  const Inspection found = inspect(input, zstdpp::FORMAT_ZSTD1);
  (void)inspect(input, zstdpp::FORMAT_ZSTD1_MAGICLESS);

  zstdpp::ZstdDecompressor decompressor;
  zstdpp::Bytes output;
  try {
    output = decompressor.decompress(input, {.max_output_size = zstdpp::fuzz::kOneShotOutputLimit,
                                             .read_across_frames = true});
  } catch (const ZstdError& e) {
    zstdpp::fuzz::check_error_is_sane(e);
    if (zstdpp::fuzz::trace_enabled()) {
      std::fprintf(stderr, "==zstdpp-fuzz== %zu bytes in; decompress: %s: %s\n", size,
                   zstdpp::error_code_name(e.code()), e.what());
    }
    return 0;
  } catch (const std::exception& e) {
    zstdpp::fuzz::fail_on_foreign_exception("ZstdDecompressor::decompress", e);
  }
  if (zstdpp::fuzz::trace_enabled()) {
    std::fprintf(stderr, "==zstdpp-fuzz== %zu bytes in; decompress: complete, %zu bytes out\n", size,
                 output.size());
  }

  ZSTDPP_FUZZ_CHECK(output.size() <= zstdpp::fuzz::kOneShotOutputLimit,
                    "decompress returned more than max_output_size");
  if (found.not_implemented) return 0;
  // A first frame that decoded is complete, so its size can be found by walking it.
  ZSTDPP_FUZZ_CHECK(found.compressed_size, "decompress succeeded but frame_compressed_size threw");
  if (found.params && found.params->content_size != zstdpp::CONTENTSIZE_UNKNOWN) {
    const std::uint64_t declared = found.params->content_size;
    ZSTDPP_FUZZ_CHECK(output.size() >= declared,
                      "decompress succeeded with less output than the first frame declares");
    if (*found.compressed_size == input.size()) {
      ZSTDPP_FUZZ_CHECK(output.size() == declared,
                        "decompress of a single frame succeeded with a size other than declared");
    }
  }
  return 0;
}

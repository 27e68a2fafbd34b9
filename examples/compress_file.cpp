// compress_file: compresses one file into one Zstandard frame, streaming.
//
//   compress_file IN OUT [LEVEL]        (LEVEL: -131072..22, default 3)
//
// What it shows:
//   - the path adapters of <zstdpp/io.hpp>: PathReader for the input, PathWriter for the
//     output (both open and close their file themselves);
//   - ZstdCompressor::stream_writer, fed in COMPRESSION_RECOMMENDED_INPUT_SIZE pieces
//     (one block each: the size that keeps the compressor busy with no extra copy);
//   - the pledged content size: the input's size passed as stream_writer's `size`, so the
//     frame header carries it (`zstd -l` shows it; a decoder can allocate once and check
//     it) and the compressor refuses a file that changed size while being read;
//   - progress reporting with ZstdCompressor::frame_progression();
//   - close() called explicitly: the destructor would end the frame too, but it cannot
//     report an error (a full disk, a pledged size not reached), so call close() yourself.
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <iostream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>

#include <zstdpp/zstdpp.hpp>

namespace {

int parse_level(std::string_view text) {
  int level = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), level);
  if (error != std::errc() || end != text.data() + text.size()) {
    throw std::invalid_argument("LEVEL must be an integer, not '" + std::string(text) + "'");
  }
  return level;  // the compressor checks the range (ZstdError kParameterOutOfBounds)
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3 || argc > 4) {
    std::cerr << "usage: compress_file IN OUT [LEVEL]\n";
    return 2;
  }
  const std::filesystem::path in_path = argv[1];
  const std::filesystem::path out_path = argv[2];
  bool created_output = false;
  try {
    const int level = argc == 4 ? parse_level(argv[3]) : 3;

    // Only a regular file has a size known in advance; for anything else (a pipe, a
    // device) the frame simply has no content size.
    const std::uint64_t size = std::filesystem::is_regular_file(in_path) ? std::filesystem::file_size(in_path)
                                                                         : zstdpp::CONTENTSIZE_UNKNOWN;

    zstdpp::ZstdCompressor compressor({.level = level});
    zstdpp::PathReader input(in_path);
    zstdpp::PathWriter output(out_path);
    created_output = true;
    // closefd (the default): closing the compressing writer closes `output` too.
    zstdpp::ZstdCompressionWriter writer = compressor.stream_writer(output, size);

    // Prints a progress line each time another tenth of the input has gone in.
    int next_tenth = 1;
    auto report_progress = [&] {
      const zstdpp::FrameProgression p = compressor.frame_progression();
      if (size == zstdpp::CONTENTSIZE_UNKNOWN || size == 0) return;
      const int percent = static_cast<int>(p.ingested * 100 / size);
      if (percent < next_tenth * 10) return;
      next_tenth = percent / 10 + 1;
      std::fprintf(stderr, "  %3d%%  read %llu  compressed %llu\n", percent,
                   static_cast<unsigned long long>(p.ingested), static_cast<unsigned long long>(p.produced));
    };

    zstdpp::Bytes chunk(zstdpp::COMPRESSION_RECOMMENDED_INPUT_SIZE);
    std::uint64_t total_in = 0;
    while (const std::size_t n = input.read(chunk)) {
      writer.write(zstdpp::ByteView(chunk).first(n));
      total_in += n;
      report_progress();
    }
    writer.close();  // ends the frame, writes the rest, closes OUT: errors surface here
    input.close();

    const std::uint64_t total_out = writer.tell();
    std::printf("%s: %llu bytes -> %s: %llu bytes (level %d, ratio %.3f, %.1f%% of the input)\n",
                in_path.string().c_str(), static_cast<unsigned long long>(total_in), out_path.string().c_str(),
                static_cast<unsigned long long>(total_out), level,
                total_out ? static_cast<double>(total_in) / static_cast<double>(total_out) : 0.0,
                total_in ? 100.0 * static_cast<double>(total_out) / static_cast<double>(total_in) : 0.0);
    return 0;
  } catch (const zstdpp::ZstdError& e) {
    std::cerr << "compress_file: " << e.what() << " [" << zstdpp::error_code_name(e.code()) << "]\n";
  } catch (const std::exception& e) {
    std::cerr << "compress_file: " << e.what() << "\n";
  }
  // Leave no truncated frame behind (the writer and files are closed by now).
  if (created_output) {
    std::error_code ignored;
    std::filesystem::remove(out_path, ignored);
  }
  return 1;
}

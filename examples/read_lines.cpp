// read_lines: reads a compressed text file line by line with std::getline.
//
//   read_lines IN.zst
//
// Prints the first lines and the number of lines, decompressing as it goes: the text is
// never held in memory whole, so this works on files far larger than RAM.
//
// What it shows:
//   - ZstdDecompressor::stream_reader over a PathReader, with read_across_frames = true
//     so a file of several concatenated frames reads as one text (as `zstdcat` does);
//   - the ReaderStreambuf bridge of <zstdpp/io.hpp>: a std::streambuf over any
//     zstdpp::Reader, so a plain std::istream (std::getline, operator>>) reads it.
//     zstdpp::ReaderIstream bundles the two into one object;
//   - telling a corrupt or truncated file from the end of the text: the streambuf never
//     lets the reader's exception escape into the istream (the loop just ends), it keeps
//     it in error(), which is checked after the loop.
#include <cstdint>
#include <exception>
#include <iostream>
#include <istream>
#include <string>

#include <zstdpp/zstdpp.hpp>

namespace {

constexpr int kLinesShown = 5;

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: read_lines IN.zst\n";
    return 2;
  }
  try {
    zstdpp::ZstdDecompressor decompressor;
    zstdpp::PathReader file(argv[1]);
    zstdpp::ZstdDecompressionReader reader =
        decompressor.stream_reader(file, zstdpp::DECOMPRESSION_RECOMMENDED_INPUT_SIZE, /*read_across_frames=*/true);
    zstdpp::ReaderStreambuf buffer(reader);
    std::istream text(&buffer);

    std::uint64_t lines = 0;
    std::uint64_t bytes = 0;
    for (std::string line; std::getline(text, line);) {
      if (lines < kLinesShown) std::cout << "  " << line << "\n";
      ++lines;
      bytes += line.size() + (text.eof() ? 0 : 1);  // the newline, unless the text ended without one
    }
    if (buffer.error()) std::rethrow_exception(buffer.error());  // corrupt or truncated input

    if (lines > kLinesShown) std::cout << "  ...\n";
    std::cout << lines << " lines, " << bytes << " bytes\n";
    return 0;
  } catch (const zstdpp::ZstdError& e) {
    std::cerr << "read_lines: " << e.what() << " [" << zstdpp::error_code_name(e.code()) << "]\n";
  } catch (const std::exception& e) {
    std::cerr << "read_lines: " << e.what() << "\n";
  }
  return 1;
}

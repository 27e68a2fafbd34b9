// decompress_frames: decompresses a file of several concatenated frames, and lists them.
//
//   decompress_frames IN OUT
//
// A .zst file may hold many frames one after another (`cat a.zst b.zst > ab.zst` is a
// valid stream, decoded by `zstd -d` as the concatenation of a and b), and skippable
// frames carrying metadata the decoder passes over.
//
// What it shows:
//   - frame inspection without decoding (<zstdpp/frame.hpp>): frame_compressed_size()
//     walks each frame's block headers, get_frame_parameters() reads its header;
//   - ZstdDecompressor::stream_reader with read_across_frames = true, which decodes every
//     frame until the source ends (with false, python-zstandard's default, the stream
//     ends after the first frame: a frequent surprise with concatenated files);
//   - copying a Reader into a Writer in DECOMPRESSION_RECOMMENDED_OUTPUT_SIZE pieces
//     (ZstdDecompressor::copy_stream does the same loop in one call).
// The listing reads IN into memory for brevity; the decoding itself streams, in memory
// bounded by one frame's window.
#include <cstdint>
#include <cstdio>
#include <exception>
#include <fstream>
#include <iostream>
#include <iterator>
#include <stdexcept>
#include <string>

#include <zstdpp/zstdpp.hpp>

namespace {

bool is_skippable(zstdpp::ByteView frame) {
  if (frame.size() < 4) return false;
  const std::uint32_t magic = frame[0] | frame[1] << 8 | frame[2] << 16 | std::uint32_t{frame[3]} << 24;
  return (magic & zstdpp::MAGIC_SKIPPABLE_MASK) == zstdpp::MAGIC_SKIPPABLE_START;
}

// Prints one line per frame; returns the sum of the declared content sizes, or
// CONTENTSIZE_UNKNOWN when a frame does not declare its own.
std::uint64_t list_frames(zstdpp::ByteView data, int& frames) {
  std::uint64_t declared = 0;
  for (std::size_t pos = 0; pos < data.size();) {
    const zstdpp::ByteView rest = data.subspan(pos);
    const std::size_t compressed = zstdpp::frame_compressed_size(rest);  // throws if truncated
    ++frames;
    if (is_skippable(rest)) {
      std::printf("frame %d at %zu: skippable, %zu bytes\n", frames, pos, compressed);
    } else {
      const zstdpp::FrameParameters params = zstdpp::get_frame_parameters(rest);
      if (params.content_size == zstdpp::CONTENTSIZE_UNKNOWN) {
        declared = zstdpp::CONTENTSIZE_UNKNOWN;
        std::printf("frame %d at %zu: %zu bytes, content size not declared\n", frames, pos, compressed);
      } else {
        if (declared != zstdpp::CONTENTSIZE_UNKNOWN) declared += params.content_size;
        std::printf("frame %d at %zu: %zu bytes, content %llu bytes%s\n", frames, pos, compressed,
                    static_cast<unsigned long long>(params.content_size), params.has_checksum ? ", checksum" : "");
      }
    }
    pos += compressed;
  }
  return declared;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: decompress_frames IN OUT\n";
    return 2;
  }
  try {
    // 1. List the frames.
    std::ifstream file(argv[1], std::ios::binary);
    if (!file) throw std::runtime_error(std::string("cannot open ") + argv[1]);
    const zstdpp::Bytes data{std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
    int frames = 0;
    const std::uint64_t declared = list_frames(data, frames);

    // 2. Decode every frame, streaming from IN to OUT.
    zstdpp::ZstdDecompressor decompressor;
    zstdpp::PathReader input(argv[1]);
    zstdpp::PathWriter output(argv[2]);
    zstdpp::ZstdDecompressionReader reader =
        decompressor.stream_reader(input, zstdpp::DECOMPRESSION_RECOMMENDED_INPUT_SIZE, /*read_across_frames=*/true);
    zstdpp::Bytes chunk(zstdpp::DECOMPRESSION_RECOMMENDED_OUTPUT_SIZE);
    std::uint64_t written = 0;
    while (const std::size_t n = reader.read(zstdpp::MutableByteView(chunk))) {
      output.write(zstdpp::ByteView(chunk).first(n));
      written += n;
    }
    reader.close();  // closes IN too (closefd)
    output.close();  // reports a failed final write, which the destructor cannot

    std::printf("%d frame(s), %zu compressed bytes -> %llu bytes\n", frames, data.size(),
                static_cast<unsigned long long>(written));
    if (declared != zstdpp::CONTENTSIZE_UNKNOWN && declared != written) {
      std::cerr << "decompress_frames: the frames declare " << declared << " bytes but decoded to " << written << "\n";
      return 1;
    }
    return 0;
  } catch (const zstdpp::ZstdError& e) {
    std::cerr << "decompress_frames: " << e.what() << " [" << zstdpp::error_code_name(e.code()) << "]\n";
  } catch (const std::exception& e) {
    std::cerr << "decompress_frames: " << e.what() << "\n";
  }
  return 1;
}

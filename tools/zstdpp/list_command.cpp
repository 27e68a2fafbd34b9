// `zstdpp -l`: walks the frames of each file without decoding them and prints what their
// headers say, in the layout of `zstd -l` / `zstd -lv` (so tools parsing one parse both).
//
// The walk: at each offset, a skippable-frame magic (0x184D2A50..0x184D2A5F) counts a
// skippable frame; the zstd magic reads the header with get_frame_parameters() (content
// size, window, dictionary ID, checksum flag); frame_compressed_size() then gives the
// frame's length by walking its block headers, and the next frame starts there. Anything
// else is an error: "not in zstd format" at offset 0, trailing garbage later. The file is
// memory-mapped (MappedFile), so only the pages holding headers are ever read.
//
// Sizes print like zstd's human-readable sizes (human_size.hpp); with -vv and more, exact
// byte counts.
//
// One deliberate difference: zstd's Check column shows the last frame's checksum flag;
// here it is "XXH64" only when every zstd frame carries one, "None" when none does, and
// "Mixed" otherwise, so the column never claims a check that some frame lacks.
#include "list_command.hpp"

#include <cinttypes>
#include <cstdio>
#include <string>

#include <zstdpp/zstdpp.hpp>

#include "file_io.hpp"
#include "human_size.hpp"

namespace zstdpp::cli {
namespace {

constexpr std::uint32_t kSkippableMagicBase = MAGIC_SKIPPABLE_START;
constexpr std::uint32_t kSkippableMagicMask = MAGIC_SKIPPABLE_MASK;
constexpr std::size_t kMagicSize = 4;
constexpr std::size_t kChecksumSize = 4;

std::uint32_t load_le32(const std::uint8_t* p) {
  return std::uint32_t{p[0]} | std::uint32_t{p[1]} << 8 | std::uint32_t{p[2]} << 16 | std::uint32_t{p[3]} << 24;
}

struct FileSummary {
  std::uint64_t zstd_frames = 0;
  std::uint64_t skippable_frames = 0;
  std::uint64_t compressed_size = 0;
  std::uint64_t decompressed_size = 0;
  bool decompressed_known = true;  // false once a frame has no Frame_Content_Size
  std::uint64_t frames_with_checksum = 0;
  std::uint32_t last_checksum = 0;   // of the last frame, when it has one
  std::uint64_t max_window_size = 0;
  std::uint32_t dict_id = 0;         // of the last zstd frame

  std::uint64_t total_frames() const { return zstd_frames + skippable_frames; }
  const char* check_name() const {
    if (zstd_frames == 0 || frames_with_checksum == 0) return "None";
    return frames_with_checksum == zstd_frames ? "XXH64" : "Mixed";
  }
  void add(const FileSummary& other) {
    zstd_frames += other.zstd_frames;
    skippable_frames += other.skippable_frames;
    compressed_size += other.compressed_size;
    decompressed_size += other.decompressed_size;
    decompressed_known = decompressed_known && other.decompressed_known;
    frames_with_checksum += other.frames_with_checksum;
  }
};

FileSummary scan_file(const std::string& path) {
  MappedFile file(path);
  ByteView data = file.bytes();
  if (data.empty()) throw CliError(path, "empty file: not in zstd format");
  FileSummary summary;
  summary.compressed_size = data.size();
  std::size_t pos = 0;
  while (pos < data.size()) {
    ByteView rest = data.subspan(pos);
    std::uint64_t frame_index = summary.total_frames() + 1;
    auto where = [&] { return "frame " + std::to_string(frame_index) + " at offset " + std::to_string(pos); };
    if (rest.size() < kMagicSize) {
      throw CliError(path, std::to_string(rest.size()) + " bytes at offset " + std::to_string(pos) +
                               " are too short to be a frame (truncated input or trailing garbage)");
    }
    std::uint32_t magic = load_le32(rest.data());
    bool skippable = (magic & kSkippableMagicMask) == kSkippableMagicBase;
    if (!skippable && magic != MAGIC_NUMBER) {
      char hex[16];
      std::snprintf(hex, sizeof hex, "0x%08" PRIX32, magic);
      if (pos == 0) throw CliError(path, std::string("not in zstd format (unknown magic number ") + hex + ")");
      throw CliError(path, "trailing garbage at offset " + std::to_string(pos) + ": magic number " + hex +
                               " is neither a zstd nor a skippable frame");
    }
    try {
      std::size_t frame_size = frame_compressed_size(rest);
      if (skippable) {
        ++summary.skippable_frames;
      } else {
        FrameParameters params = get_frame_parameters(rest);
        ++summary.zstd_frames;
        if (params.content_size == CONTENTSIZE_UNKNOWN) {
          summary.decompressed_known = false;
        } else {
          summary.decompressed_size += params.content_size;
        }
        if (params.window_size > summary.max_window_size) summary.max_window_size = params.window_size;
        summary.dict_id = params.dict_id;
        if (params.has_checksum && frame_size >= kChecksumSize) {
          ++summary.frames_with_checksum;
          summary.last_checksum = load_le32(rest.data() + frame_size - kChecksumSize);
        }
      }
      pos += frame_size;
    } catch (const ZstdError& e) {
      throw CliError(path, where() + ": " + e.what());
    }
  }
  return summary;
}

class Lister {
 public:
  explicit Lister(bool exact_sizes) : exact_(exact_sizes) {}

  void print_table_header() const {
    std::printf("Frames  Skips  Compressed  Uncompressed  Ratio  Check  Filename\n");
  }

  void print_table_row(const FileSummary& s, const std::string& name) const {
    HumanSize compressed = human_size(s.compressed_size, exact_);
    if (s.decompressed_known) {
      HumanSize decompressed = human_size(s.decompressed_size, exact_);
      double ratio = static_cast<double>(s.decompressed_size) / static_cast<double>(s.compressed_size);
      std::printf("%6" PRIu64 "  %5" PRIu64 "  %6.*f%4s  %8.*f%4s  %5.3f  %5s  %s\n", s.total_frames(),
                  s.skippable_frames, compressed.precision, compressed.value, compressed.suffix,
                  decompressed.precision, decompressed.value, decompressed.suffix, ratio, s.check_name(),
                  name.c_str());
    } else {
      std::printf("%6" PRIu64 "  %5" PRIu64 "  %6.*f%4s                       %5s  %s\n", s.total_frames(),
                  s.skippable_frames, compressed.precision, compressed.value, compressed.suffix, s.check_name(),
                  name.c_str());
    }
  }

  void print_totals(const FileSummary& total, std::size_t files) const {
    std::printf("-----------------------------------------------------------------\n");
    print_table_row(total, std::to_string(files) + " files");
  }

  void print_details(const FileSummary& s, const std::string& name) const {
    auto size_line = [&](const char* label, std::uint64_t size) {
      HumanSize h = human_size(size, exact_);
      std::printf("%s: %.*f%s (%" PRIu64 " B)\n", label, h.precision, h.value, h.suffix, size);
    };
    std::printf("%s\n", name.c_str());
    std::printf("# Zstandard Frames: %" PRIu64 "\n", s.zstd_frames);
    if (s.skippable_frames > 0) std::printf("# Skippable Frames: %" PRIu64 "\n", s.skippable_frames);
    std::printf("DictID: %" PRIu32 "\n", s.dict_id);
    size_line("Window Size", s.max_window_size);
    size_line("Compressed Size", s.compressed_size);
    if (s.decompressed_known) {
      size_line("Decompressed Size", s.decompressed_size);
      std::printf("Ratio: %.4f\n",
                  static_cast<double>(s.decompressed_size) / static_cast<double>(s.compressed_size));
    }
    if (s.zstd_frames == 1 && s.frames_with_checksum == 1) {
      std::printf("Check: XXH64 %08" PRIx32 "\n", s.last_checksum);
    } else {
      std::printf("Check: %s\n", s.check_name());
    }
    std::printf("\n");
  }

 private:
  bool exact_;
};

}  // namespace

int run_list(const CliOptions& options, const Console& console) {
  if (options.inputs.empty()) {
    console.error("--list needs file names (it does not read standard input)");
    return 1;
  }
  for (const auto& path : options.inputs) {
    if (path == "-") {
      console.error("--list does not support reading from standard input");
      return 1;
    }
  }
  Lister lister(console.verbosity() >= 4);
  const bool detailed = console.verbosity() >= 3;
  if (!detailed) lister.print_table_header();
  FileSummary total;
  std::size_t listed = 0;
  bool failed = false;
  for (const auto& path : options.inputs) {
    try {
      FileSummary summary = scan_file(path);
      if (detailed) {
        lister.print_details(summary, path);
      } else {
        lister.print_table_row(summary, path);
      }
      total.add(summary);
      ++listed;
    } catch (const CliError& e) {
      std::fflush(stdout);  // keep the error after the rows already listed
      console.file_error(e.file(), e.problem());
      failed = true;
    } catch (const ZstdError& e) {
      std::fflush(stdout);
      console.file_error(path, e.what());
      failed = true;
    }
  }
  if (!detailed && listed > 1) lister.print_totals(total, listed);
  std::fflush(stdout);
  return failed ? 1 : 0;
}

}  // namespace zstdpp::cli

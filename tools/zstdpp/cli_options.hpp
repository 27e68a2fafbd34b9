// Command-line options of `zstdpp`, spelled like the `zstd` CLI (zstd 1.5.x, `zstd -H`).
//
// Parsing is separate from acting: parse_command_line() turns argv into a CliOptions value
// (or a usage error) and the commands (decompress_command, list_command, later the
// compressor) read only that value. Spelling rules copied from zstd's behaviour:
//   - short options cluster ("-dcf", "-lv", "-qq"); a number inside a cluster is a
//     compression level ("-19"); `-o` and `-D` take the NEXT argument and must end their
//     cluster; `-M` takes the rest of its cluster as its value ("-M64MB");
//   - long options with a value use '=' (--memory=64MB); "--" ends the options;
//   - "-" alone is standard input;
//   - the last operation-mode option wins (-z/-d/-t/-l), except that -d does not undo -t
//     or -l, which already imply decompression;
//   - -c and -o: the last one given decides where output goes.
// Options of one direction only (levels, --ultra, --fast, --no-content-size for
// compression; --memory for decompression) are accepted in either mode and ignored where
// they do not apply, as zstd does; --long means something in both.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace zstdpp::cli {

enum class Operation { kCompress, kDecompress, kTest, kList };

// Where results go when the input is a file (stdin input always goes to stdout unless -o).
enum class OutputTarget {
  kDerived,  // next to the input, name derived from it (input minus .zst)
  kStdout,   // -c / --stdout
  kFile,     // -o FILE: every input into that one file
};

struct CliOptions {
  Operation operation = Operation::kCompress;
  OutputTarget output_target = OutputTarget::kDerived;
  std::string output_path;                // for kFile
  std::optional<std::string> dict_path;   // -D DICT
  std::vector<std::string> inputs;        // "-" is stdin; empty means stdin
  bool force = false;                     // -f
  bool remove_source = false;             // --rm (-k undoes it)
  int verbosity = 2;                      // 2 default, -v +1, -q -1 (0: errors hidden)
  std::uint64_t max_window_size = 0;      // --memory / -M; 0: the library default (128 MiB)
  // --check / -C (default) and --no-check: compression writes the XXH64 content checksum,
  // decompression verifies it (zstd's one flag for both directions).
  bool check_checksum = true;
  bool force_portable = false;            // --portable: no BMI2 kernels (to compare the two)
  bool version_requested = false;         // -V
  bool short_help_requested = false;      // -h
  bool long_help_requested = false;       // -H / --help
  // Compression settings.
  int compression_level = 3;              // -#, --fast[=N] (-N); 0 means the default (3)
  bool ultra = false;                     // --ultra: levels 20..22
  bool write_content_size = true;         // --[no-]content-size
  bool write_dict_id = true;              // --no-dictID
  // --long[=N] (N 10..31, default 27; 0: not given). Compression: long-distance matching
  // with a window of 2^N. Decompression: frames may use windows up to 2^N (raises
  // --memory's limit, never lowers it).
  unsigned long_window_log = 0;
};

struct ParseResult {
  CliOptions options;
  std::string error;  // non-empty: a usage error, already worded for the user
  bool ok() const { return error.empty(); }
};

ParseResult parse_command_line(int argc, char** argv);

// Parses an integer with zstd's suffixes: K, KB, Ki, KiB (x1024), M, MB, Mi, MiB (x2^20),
// and G, GB, Gi, GiB (x2^30). Returns nullopt when malformed or out of range.
std::optional<std::uint64_t> parse_size_with_suffix(const std::string& text);

std::string short_usage(const std::string& program);
std::string long_usage(const std::string& program);
std::string version_text(bool quiet);

}  // namespace zstdpp::cli

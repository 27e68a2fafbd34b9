// Argument parsing for `zstdpp`: see cli_options.hpp for the spelling rules, which follow
// the `zstd` CLI so scripts written for one run with the other.
//
// The parser walks argv once. Long options are looked up in one place (parse_long_option)
// and short clusters character by character (parse_short_cluster), because zstd lets a
// cluster mix flags, a level number and one trailing option that takes the next argument.
#include "cli_options.hpp"

#include <zstdpp/constants.hpp>
#include <zstdpp/parameters.hpp>

#include <algorithm>
#include <cctype>
#include <limits>
#include <string_view>

#ifndef ZSTDPP_CLI_VERSION
#define ZSTDPP_CLI_VERSION "0.0.0"
#endif

namespace zstdpp::cli {
namespace {

// The value of an option that takes the next argument ("-o FILE", "-D DICT").
enum class PendingValue { kNone, kOutputFile, kDictionary };

// Compression levels stop at 19 unless --ultra (then 22), as in zstd; compress_command
// lowers larger ones, the parser only bounds the number so it cannot overflow.
constexpr int kMaxParsedLevel = 999;

class Parser {
 public:
  explicit Parser(ParseResult& result) : result_(result), options_(result.options) {}

  void run(int argc, char** argv) {
    bool options_ended = false;
    for (int i = 1; i < argc && result_.ok(); ++i) {
      std::string_view arg = argv[i];
      if (pending_ != PendingValue::kNone) {
        take_pending(std::string(arg));
        continue;
      }
      if (options_ended || arg == "-" || arg.size() < 2 || arg[0] != '-') {
        options_.inputs.emplace_back(arg);
        continue;
      }
      if (arg == "--") {
        options_ended = true;
      } else if (arg.starts_with("--")) {
        parse_long_option(arg);
      } else {
        parse_short_cluster(arg);
      }
    }
    if (result_.ok() && pending_ == PendingValue::kOutputFile) {
      fail("option -o needs a file name after it");
    } else if (result_.ok() && pending_ == PendingValue::kDictionary) {
      fail("option -D needs a dictionary file name after it");
    }
  }

 private:
  void fail(std::string message) {
    if (result_.ok()) result_.error = std::move(message);
  }

  void take_pending(std::string value) {
    if (pending_ == PendingValue::kOutputFile) {
      if (value == "-") {
        options_.output_target = OutputTarget::kStdout;
      } else {
        options_.output_target = OutputTarget::kFile;
        options_.output_path = std::move(value);
      }
    } else {
      options_.dict_path = std::move(value);
    }
    pending_ = PendingValue::kNone;
  }

  void set_operation(Operation op) {
    // -d after -t or -l keeps the test/list mode: both already mean "decompress".
    if (op == Operation::kDecompress &&
        (options_.operation == Operation::kTest || options_.operation == Operation::kList)) {
      return;
    }
    options_.operation = op;
  }

  void set_memory(std::string_view option, const std::string& value) {
    auto bytes = parse_size_with_suffix(value);
    if (!bytes || *bytes == 0) {
      fail("invalid value '" + value + "' for " + std::string(option) +
           ": expected a positive number of bytes, optionally with a KB/KiB/MB/MiB/GB/GiB suffix");
      return;
    }
    options_.max_window_size = *bytes;
  }

  // --long[=N]: zstd's default N is 27 (a 128 MiB window, the largest every decoder
  // accepts without being told).
  void set_long_window_log(bool has_value, const std::string& value) {
    constexpr unsigned kDefaultLongWindowLog = 27;
    if (!has_value) {
      options_.long_window_log = kDefaultLongWindowLog;
      return;
    }
    const auto n = parse_size_with_suffix(value);
    const bool digits_only = !value.empty() && std::all_of(value.begin(), value.end(), [](char c) {
      return std::isdigit(static_cast<unsigned char>(c)) != 0;
    });
    if (!digits_only || !n || *n < WINDOWLOG_MIN || *n > WINDOWLOG_MAX) {
      fail("invalid value '" + value + "' for --long: expected a window log from " + std::to_string(WINDOWLOG_MIN) +
           " to " + std::to_string(WINDOWLOG_MAX) + " (--long=27 is a 128 MiB window)");
      return;
    }
    options_.long_window_log = static_cast<unsigned>(*n);
  }

  void parse_long_option(std::string_view arg) {
    std::string_view name = arg;
    std::string value;
    bool has_value = false;
    if (auto eq = arg.find('='); eq != std::string_view::npos) {
      name = arg.substr(0, eq);
      value = std::string(arg.substr(eq + 1));
      has_value = true;
    }
    auto flag = [&](std::string_view spelled) {
      if (name != spelled) return false;
      if (has_value) fail("option " + std::string(spelled) + " does not take a value");
      return true;
    };
    if (flag("--decompress") || flag("--uncompress")) {
      set_operation(Operation::kDecompress);
    } else if (flag("--compress")) {
      set_operation(Operation::kCompress);
    } else if (flag("--test")) {
      set_operation(Operation::kTest);
    } else if (flag("--list")) {
      set_operation(Operation::kList);
    } else if (flag("--stdout")) {
      options_.output_target = OutputTarget::kStdout;
    } else if (flag("--force")) {
      options_.force = true;
    } else if (flag("--keep")) {
      options_.remove_source = false;
    } else if (flag("--rm")) {
      options_.remove_source = true;
    } else if (flag("--quiet")) {
      --options_.verbosity;
    } else if (flag("--verbose")) {
      ++options_.verbosity;
    } else if (flag("--help")) {
      options_.long_help_requested = true;
    } else if (flag("--version")) {
      options_.version_requested = true;
    } else if (flag("--check")) {
      options_.check_checksum = true;
    } else if (flag("--no-check")) {
      options_.check_checksum = false;
    } else if (flag("--portable")) {
      options_.force_portable = true;
    } else if (flag("--ultra")) {
      options_.ultra = true;
    } else if (flag("--content-size")) {
      options_.write_content_size = true;
    } else if (flag("--no-content-size")) {
      options_.write_content_size = false;
    } else if (flag("--no-dictID")) {
      options_.write_dict_id = false;
    } else if (name == "--memory" || name == "--memlimit" || name == "--memlimit-decompress") {
      if (!has_value) {
        fail("option " + std::string(name) + " needs a value: " + std::string(name) + "=SIZE");
      } else {
        set_memory(name, value);
      }
    } else if (name == "--long") {
      set_long_window_log(has_value, value);
    } else if (name == "--fast") {
      // --fast[=N] means negative level -N (compression only); as in zstd, N beyond the
      // fastest level is lowered to it rather than refused.
      int level = 1;
      if (has_value) {
        auto n = parse_size_with_suffix(value);
        if (!n || *n == 0) {
          fail("invalid value '" + value + "' for --fast: expected a positive number");
          return;
        }
        constexpr auto kFastest = static_cast<std::uint64_t>(-MIN_COMPRESSION_LEVEL);
        level = static_cast<int>(*n < kFastest ? *n : kFastest);
      }
      options_.compression_level = -level;
    } else {
      fail("unknown option " + std::string(arg));
    }
  }

  void parse_short_cluster(std::string_view arg) {
    for (std::size_t i = 1; i < arg.size() && result_.ok(); ++i) {
      char c = arg[i];
      if (std::isdigit(static_cast<unsigned char>(c))) {
        int level = 0;
        while (i < arg.size() && std::isdigit(static_cast<unsigned char>(arg[i]))) {
          level = level * 10 + (arg[i] - '0');
          if (level > kMaxParsedLevel) {
            fail("compression level in " + std::string(arg) + " is out of range");
            return;
          }
          ++i;
        }
        --i;
        options_.compression_level = level;
        continue;
      }
      switch (c) {
        case 'd': set_operation(Operation::kDecompress); break;
        case 'z': set_operation(Operation::kCompress); break;
        case 't': set_operation(Operation::kTest); break;
        case 'l': set_operation(Operation::kList); break;
        case 'c': options_.output_target = OutputTarget::kStdout; break;
        case 'f': options_.force = true; break;
        case 'k': options_.remove_source = false; break;
        case 'q': --options_.verbosity; break;
        case 'v': ++options_.verbosity; break;
        case 'h': options_.short_help_requested = true; break;
        case 'H': options_.long_help_requested = true; break;
        case 'V': options_.version_requested = true; break;
        case 'C': options_.check_checksum = true; break;  // zstd's -C is --check
        case 'o':
        case 'D':
          if (i + 1 != arg.size()) {
            fail(std::string("option -") + c + " must be the last letter of '" + std::string(arg) +
                 "': its value is the next argument");
            return;
          }
          pending_ = c == 'o' ? PendingValue::kOutputFile : PendingValue::kDictionary;
          break;
        case 'M': {
          // zstd's -M takes the rest of the cluster: -M64MB.
          std::string value(arg.substr(i + 1));
          if (value.empty()) {
            fail("option -M needs its value attached: -M64MB (or --memory=64MB)");
          } else {
            set_memory("-M", value);
          }
          return;
        }
        default:
          fail(std::string("unknown option -") + c + (arg.size() > 2 ? " in '" + std::string(arg) + "'" : ""));
          return;
      }
    }
  }

  ParseResult& result_;
  CliOptions& options_;
  PendingValue pending_ = PendingValue::kNone;
};

}  // namespace

ParseResult parse_command_line(int argc, char** argv) {
  ParseResult result;
  Parser(result).run(argc, argv);
  return result;
}

std::optional<std::uint64_t> parse_size_with_suffix(const std::string& text) {
  std::size_t i = 0;
  std::uint64_t value = 0;
  constexpr std::uint64_t kMax = std::numeric_limits<std::uint64_t>::max();
  while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
    unsigned digit = static_cast<unsigned>(text[i] - '0');
    if (value > (kMax - digit) / 10) return std::nullopt;
    value = value * 10 + digit;
    ++i;
  }
  if (i == 0) return std::nullopt;
  std::string_view suffix = std::string_view(text).substr(i);
  unsigned shift = 0;
  if (!suffix.empty()) {
    switch (suffix[0]) {
      case 'K': shift = 10; break;
      case 'M': shift = 20; break;
      case 'G': shift = 30; break;
      default: return std::nullopt;
    }
    suffix.remove_prefix(1);
    if (suffix.starts_with('i')) suffix.remove_prefix(1);
    if (suffix.starts_with('B')) suffix.remove_prefix(1);
    if (!suffix.empty()) return std::nullopt;
  }
  if (shift != 0 && value > (kMax >> shift)) return std::nullopt;
  return value << shift;
}

std::string short_usage(const std::string& program) {
  return "Usage: " + program + " [OPTIONS...] [INPUT... | -] [-o OUTPUT]\n"
         "\n"
         "Compress or decompress the INPUT file(s); reads from STDIN if INPUT is `-` or not\n"
         "provided.\n"
         "\n"
         "  -#                   Compression level, 1 (fastest) to 19 (smallest). [Default: 3]\n"
         "  -d, --decompress     Decompress.\n"
         "  -c, --stdout         Write to STDOUT (even if it is a console) and keep the INPUT file(s).\n"
         "  -o OUTPUT            Write all output to the single file OUTPUT.\n"
         "  -D DICT              Use DICT as the dictionary.\n"
         "  -f, --force          Overwrite existing output files; read from / write compressed data\n"
         "                       to a console.\n"
         "  -h / -H, --help      Display this short usage / the full help and exit.\n"
         "  -V, --version        Display the program version and exit.\n";
}

std::string long_usage(const std::string& program) {
  return short_usage(program) +
         "\n"
         "Operations (the last one given wins):\n"
         "  -z, --compress       Compress (the default).\n"
         "  -d, --decompress     Decompress; --uncompress is a synonym.\n"
         "  -t, --test           Test the integrity of compressed files (decode, write nothing).\n"
         "  -l, --list           Print frame information: frames, skippable frames, sizes,\n"
         "                       ratio, check. Add -v for details of each file.\n"
         "\n"
         "Files:\n"
         "  -k, --keep           Keep the INPUT file(s) [default].\n"
         "  --rm                 Remove the INPUT file(s) after success (ignored with -c).\n"
         "  -q, --quiet          Suppress notices; twice to suppress errors too.\n"
         "  -v, --verbose        More notices; -lv lists details.\n"
         "  --                   Treat the remaining arguments as files.\n"
         "\n"
         "  Without -c or -o, FILE compresses to FILE.zst, and FILE.zst decompresses to FILE\n"
         "  (FILE.tzst to FILE.tar). An existing output is never overwritten without -f, and a\n"
         "  failed command leaves no output file behind (output goes to a temporary file\n"
         "  renamed at the end).\n"
         "\n"
         "Compression:\n"
         "  -#                   Level 1..19; --ultra unlocks 20..22 (without it they are lowered\n"
         "                       to 19, as zstd does). Levels whose match finder is not built\n"
         "                       yet fail with a message saying so.\n"
         "  --fast[=#]           Negative (faster) level -#. [Default: 1]\n"
         "  --ultra              Allow levels 20..22.\n"
         "  -C, --check          Add an XXH64 checksum of the content. [Default]\n"
         "  --no-check           Add no checksum.\n"
         "  --content-size       Write the original size in the frame header when it is known\n"
         "                       (regular files, not STDIN). [Default]\n"
         "  --no-content-size    Do not write the original size.\n"
         "  --no-dictID          Do not write the dictionary ID in the frame header (with -D).\n"
         "  --long[=#]           Long-distance matching with a window of 2^# bytes (# 10..31)\n"
         "                       [Default: 27]: finds repeats far beyond the level's window.\n"
         "                       Above 27, decoders must be told: --long=# or --memory=.\n"
         "\n"
         "Decompression:\n"
         "  -M#, --memory=#      Largest window a frame may use, in bytes; KB/KiB/MB/MiB/GB/GiB\n"
         "                       suffixes allowed. [Default: 128MiB]\n"
         "  --long[=#]           Accept windows up to 2^# bytes (# 10..31) [Default: 27]: raises\n"
         "                       the --memory limit to that if it is lower.\n"
         "  --no-check           Do not verify the frames' XXH64 checksums. [Default: verify;\n"
         "                       --check or -C restores it]\n"
         "  --portable           Use the portable kernels even where the CPU has faster ones (BMI2).\n"
         "\n"
         "Exit status: 0 when every file succeeded, 1 otherwise.\n";
}

std::string version_text(bool quiet) {
  if (quiet) return std::string(ZSTDPP_CLI_VERSION) + "\n";
  return "*** zstdpp command line interface v" ZSTDPP_CLI_VERSION ", Zstandard format " +
         std::to_string(ZSTD_VERSION[0]) + "." + std::to_string(ZSTD_VERSION[1]) + "." +
         std::to_string(ZSTD_VERSION[2]) + " compatible ***\n";
}

}  // namespace zstdpp::cli

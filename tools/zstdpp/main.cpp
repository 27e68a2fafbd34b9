// `zstdpp`: the command line of the zstdpp codec, spelled like the `zstd` CLI.
//
// main() only parses the arguments (cli_options), answers -h/-H/-V, and hands the
// options to the command of the chosen operation: compress_command (the default, -z),
// decompress_command (-d, -t), list_command (-l).
//
// Exit status, as zstd: 0 on success, 1 for a usage error or when any file failed.
#include <cstdio>
#include <exception>
#include <string>

#include "cli_options.hpp"
#include "compress_command.hpp"
#include "console.hpp"
#include "decompress_command.hpp"
#include "file_io.hpp"
#include "list_command.hpp"

namespace {

std::string program_name(const char* argv0) {
  std::string name = argv0 != nullptr ? argv0 : "zstdpp";
  auto slash = name.rfind('/');
  return slash == std::string::npos ? name : name.substr(slash + 1);
}

int run(int argc, char** argv) {
  using namespace zstdpp::cli;
  const std::string program = program_name(argc > 0 ? argv[0] : nullptr);
  ParseResult parsed = parse_command_line(argc, argv);
  if (!parsed.ok()) {
    std::fprintf(stderr, "zstdpp: %s\n%s", parsed.error.c_str(), short_usage(program).c_str());
    return 1;
  }
  const CliOptions& options = parsed.options;
  if (options.long_help_requested || options.short_help_requested) {
    std::fputs((options.long_help_requested ? long_usage(program) : short_usage(program)).c_str(), stdout);
    return 0;
  }
  if (options.version_requested) {
    std::fputs(version_text(options.verbosity < 2).c_str(), stdout);
    return 0;
  }
  Console console(options.verbosity);
  install_cleanup_signal_handlers();
  switch (options.operation) {
    case Operation::kDecompress:
    case Operation::kTest:
      return run_decompress(options, console);
    case Operation::kList:
      return run_list(options, console);
    case Operation::kCompress:
      return run_compress(options, console);
  }
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    // Every expected failure is reported per file by the commands; this is the last guard
    // so that nothing ends in std::terminate (an abort, which a caller would see as a crash).
    std::fprintf(stderr, "zstdpp: unexpected error: %s\n", e.what());
    return 1;
  }
}

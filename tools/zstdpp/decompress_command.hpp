// `zstdpp -d` and `zstdpp -t`: decode each input to its output (or to nothing for -t).
#pragma once

#include "cli_options.hpp"
#include "console.hpp"

namespace zstdpp::cli {

// Runs a decompress or test operation over options.inputs (stdin when empty). Every input
// is attempted even after another failed, as zstd does; returns the process exit status:
// 0 when all succeeded, 1 otherwise.
int run_decompress(const CliOptions& options, const Console& console);

}  // namespace zstdpp::cli

// `zstdpp` / `zstdpp -z`: compress each input to its output, one frame per input.
#pragma once

#include "cli_options.hpp"
#include "console.hpp"

namespace zstdpp::cli {

// Runs the compress operation over options.inputs (stdin when empty). Every input is
// attempted even after another failed, as zstd does; returns the process exit status:
// 0 when all succeeded, 1 otherwise.
int run_compress(const CliOptions& options, const Console& console);

}  // namespace zstdpp::cli

// `zstdpp -l`: frame information of compressed files, printed like `zstd -l`.
#pragma once

#include "cli_options.hpp"
#include "console.hpp"

namespace zstdpp::cli {

// Lists options.inputs (standard input is refused: listing needs to walk the whole file).
// Default verbosity prints zstd's table (with a totals line for several files); -v prints
// zstd -lv's block per file. Returns 0 when every file listed, 1 otherwise.
int run_list(const CliOptions& options, const Console& console);

}  // namespace zstdpp::cli

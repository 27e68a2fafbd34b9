// Sizes for people, as the zstd CLI prints them ("195 KiB", "3.50 MiB", "48 B").
//
// Shared by -l (list_command) and the compression result lines (compress_command), which
// must both match zstd's output so tools parsing one parse the other. The rule: the
// largest binary unit not above the value, with 0 decimals from 100 up, 1 from 10, 2
// above 1 and 3 at exactly 1 ("1.000 KiB"); plain bytes never have decimals. `exact`
// (zstd's -vv) always gives plain bytes.
#pragma once

#include <cstdint>

namespace zstdpp::cli {

struct HumanSize {
  double value;
  int precision;       // digits after the point, for printf's "%.*f"
  const char* suffix;  // with its leading space, e.g. " KiB"
};

HumanSize human_size(std::uint64_t size, bool exact);

}  // namespace zstdpp::cli

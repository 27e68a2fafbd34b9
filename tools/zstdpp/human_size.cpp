// Sizes for people: see human_size.hpp for the rule (zstd's).
#include "human_size.hpp"

namespace zstdpp::cli {

HumanSize human_size(std::uint64_t size, bool exact) {
  static constexpr struct {
    unsigned shift;
    const char* suffix;
  } kUnits[] = {{60, " EiB"}, {50, " PiB"}, {40, " TiB"}, {30, " GiB"}, {20, " MiB"}, {10, " KiB"}};
  if (!exact) {
    for (const auto& unit : kUnits) {
      if (size >= (std::uint64_t{1} << unit.shift)) {
        double value = static_cast<double>(size) / static_cast<double>(std::uint64_t{1} << unit.shift);
        int precision = value >= 100 ? 0 : value >= 10 ? 1 : value > 1 ? 2 : 3;
        return {value, precision, unit.suffix};
      }
    }
  }
  return {static_cast<double>(size), 0, " B"};
}

}  // namespace zstdpp::cli

// Symbol histograms for the entropy encoders.
#pragma once

#include <cstddef>
#include <cstdint>

namespace zstdpp::entropy {

// Counts bytes of [src, src + size) into counts[0..255] (all 256 entries are written).
// Sets max_symbol to the largest byte present (0 for empty input) and returns the
// largest count.
std::uint32_t count_bytes(const std::uint8_t* src, std::size_t size, std::uint32_t* counts, unsigned& max_symbol);

}  // namespace zstdpp::entropy

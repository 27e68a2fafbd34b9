// Byte histograms for the entropy encoders (literals, and any byte stream to be priced).
//
// Counting with one table is a chain of load-increment-store on the same few counters
// when the data is skewed (text, zero runs): each increment waits for the previous store
// to the same counter to be forwarded (~5 cycles on current x86). Four tables, the byte
// at i going to table i % 4, give four independent chains, and 8-byte loads cut the load
// count; merging the tables afterwards costs 1,024 additions, so inputs below
// kInterleaveMin bytes use one table.
#include "entropy/histogram.hpp"

#include <cstring>

#include "common/mem.hpp"

namespace zstdpp::entropy {
namespace {

// Below this the merge of four tables (1,024 additions) outweighs the saved stalls.
constexpr std::size_t kInterleaveMin = 1500;

std::uint32_t finish(const std::uint32_t* counts, unsigned& max_symbol) {
  unsigned top = 0;
  std::uint32_t max_count = 0;
  for (unsigned s = 0; s < 256; ++s) {
    if (counts[s]) top = s;
    if (counts[s] > max_count) max_count = counts[s];
  }
  max_symbol = top;
  return max_count;
}

}  // namespace

std::uint32_t count_bytes(const std::uint8_t* src, std::size_t size, std::uint32_t* counts, unsigned& max_symbol) {
  if (size < kInterleaveMin) {
    std::memset(counts, 0, 256 * sizeof counts[0]);
    for (std::size_t i = 0; i < size; ++i) ++counts[src[i]];
    return finish(counts, max_symbol);
  }

  std::uint32_t tables[4][256];
  std::memset(tables, 0, sizeof tables);
  const std::uint8_t* ip = src;
  const std::uint8_t* const iend = src + size;
  // 16 bytes per round, two 8-byte loads, byte k of each word into table k % 4.
  while (iend - ip >= 16) {
    const std::uint64_t a = load_le64(ip);
    const std::uint64_t b = load_le64(ip + 8);
    ip += 16;
    ++tables[0][a & 0xFF];
    ++tables[1][(a >> 8) & 0xFF];
    ++tables[2][(a >> 16) & 0xFF];
    ++tables[3][(a >> 24) & 0xFF];
    ++tables[0][(a >> 32) & 0xFF];
    ++tables[1][(a >> 40) & 0xFF];
    ++tables[2][(a >> 48) & 0xFF];
    ++tables[3][a >> 56];
    ++tables[0][b & 0xFF];
    ++tables[1][(b >> 8) & 0xFF];
    ++tables[2][(b >> 16) & 0xFF];
    ++tables[3][(b >> 24) & 0xFF];
    ++tables[0][(b >> 32) & 0xFF];
    ++tables[1][(b >> 40) & 0xFF];
    ++tables[2][(b >> 48) & 0xFF];
    ++tables[3][b >> 56];
  }
  while (ip < iend) ++tables[0][*ip++];
  for (unsigned s = 0; s < 256; ++s) counts[s] = tables[0][s] + tables[1][s] + tables[2][s] + tables[3][s];
  return finish(counts, max_symbol);
}

}  // namespace zstdpp::entropy

// LongDistanceMatcher: split points by a gear hash, fingerprints in bucketed entries,
// verified long matches per block. The algorithm and its reasons are in ldm.hpp.
#include "encoder/match/ldm.hpp"

#include <algorithm>
#include <array>
#include <cassert>
#include <cstring>

#include "common/mem.hpp"
#include "common/xxhash64.hpp"

namespace zstdpp::encoder {
namespace {

// splitmix64's output function (Steele, Lea, Flood 2014): 256 well-mixed 64-bit values
// from a counter, computed by the compiler so the table is data, not a copied listing.
constexpr std::array<std::uint64_t, 256> make_gear_table() {
  std::array<std::uint64_t, 256> table{};
  std::uint64_t state = 0x4C444D2D47454152ull;  // "LDM-GEAR": any seed does; fixed for determinism
  for (std::uint64_t& value : table) {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    value = z ^ (z >> 31);
  }
  return table;
}
constexpr std::array<std::uint64_t, 256> kGear = make_gear_table();

// h's top bits depend on the last 64 bytes only (each byte is shifted left once per byte
// after it), so hashing the 64 bytes before a block gives the state a pass over the
// whole history would: split points do not depend on where blocks or slides fall.
constexpr std::uint32_t kGearWindow = 64;

// A split point whose fingerprinted bytes would start before the buffer's first byte.
constexpr std::uint32_t kNoBucket = ~std::uint32_t{0};

template <class T>
void ensure(std::unique_ptr<T[]>& table, std::size_t& capacity, std::size_t size) {
  if (capacity >= size) return;
  table.reset();  // release before allocating: the two need not coexist
  table.reset(new T[size]);
  capacity = size;
}

// Bytes equal going backwards from a[-1] and b[-1], at most `limit`.
std::size_t common_length_backward(const std::uint8_t* a, const std::uint8_t* b, std::size_t limit) {
  std::size_t n = 0;
  while (n + 8 <= limit) {
    const std::uint64_t diff = load_le64(a - n - 8) ^ load_le64(b - n - 8);
    // Little-endian: the byte nearest a - n is the most significant one.
    if (diff) return n + (static_cast<unsigned>(__builtin_clzll(diff)) >> 3);
    n += 8;
  }
  while (n < limit && a[-1 - static_cast<std::ptrdiff_t>(n)] == b[-1 - static_cast<std::ptrdiff_t>(n)]) ++n;
  return n;
}

// The gear pass: rolls h over [ip, iend), recording split points (positions just after a
// byte that leaves h's top bits zero, tested with `split_mask`) until kBatch of them or
// the end; ip and h are left where the next batch resumes. Returns the count.
//
// Four bytes a round and one test each, with nothing else until a split point appears
// (about one round in 2^hash_rate_log / 4): the shift-add chain (one `lea` a byte) is the
// only dependency, and the loop runs over every input byte, so it is kept this lean.
std::size_t find_split_points(const std::uint8_t* base, const std::uint8_t*& ip_ref, const std::uint8_t* iend,
                              std::uint64_t& h_ref, std::uint64_t split_mask,
                              std::uint32_t (&split)[LongDistanceMatcher::kBatch]) {
  constexpr std::size_t kRound = 4;
  const std::uint8_t* ip = ip_ref;
  std::uint64_t h = h_ref;
  std::size_t count = 0;
  const std::uint8_t* const ilimit = iend - std::min<std::size_t>(kRound - 1, static_cast<std::size_t>(iend - ip));
  while (ip < ilimit) {
    const std::uint64_t h1 = (h << 1) + kGear[ip[0]];
    const std::uint64_t h2 = (h1 << 1) + kGear[ip[1]];
    const std::uint64_t h3 = (h2 << 1) + kGear[ip[2]];
    const std::uint64_t h4 = (h3 << 1) + kGear[ip[3]];
    const auto at = static_cast<std::uint32_t>(ip - base);
    h = h4;
    ip += kRound;
    // `|`, not `||`: one branch a round.
    if (((h1 & split_mask) == 0) | ((h2 & split_mask) == 0) | ((h3 & split_mask) == 0) | ((h4 & split_mask) == 0))
        [[unlikely]] {
      if ((h1 & split_mask) == 0) split[count++] = at + 1;
      if ((h2 & split_mask) == 0) split[count++] = at + 2;
      if ((h3 & split_mask) == 0) split[count++] = at + 3;
      if ((h4 & split_mask) == 0) split[count++] = at + 4;
      if (count + kRound > LongDistanceMatcher::kBatch) break;  // the next round might not fit
    }
  }
  // The block's last few bytes (unless the batch is full: the next one resumes here).
  if (count + kRound <= LongDistanceMatcher::kBatch) {
    while (ip < iend) {
      h = (h << 1) + kGear[*ip++];
      if ((h & split_mask) == 0) split[count++] = static_cast<std::uint32_t>(ip - base);
    }
  }
  ip_ref = ip;
  h_ref = h;
  return count;
}

}  // namespace

void LongDistanceMatcher::reset(const LdmParams& params, std::size_t block_size_max) {
  assert(params.enabled && params.bucket_size_log <= params.hash_log && params.hash_log <= 30);
  assert(params.min_match >= 4 && params.hash_rate_log < 64);
  params_ = params;
  const std::size_t entries = entry_count();
  if (entry_capacity_ < entries) {
    entries_.reset();
    entries_.reset(static_cast<Entry*>(::operator new[](entries * sizeof(Entry), std::align_val_t{kCacheLine})));
    entry_capacity_ = entries;
  }
  std::memset(static_cast<void*>(entries_.get()), 0, entries * sizeof(Entry));
  ensure(matches_, match_capacity_, block_size_max / params.min_match + 1);
  match_count_ = 0;
}

void LongDistanceMatcher::rebase(std::uint32_t shift) {
  Entry* const entries = entries_.get();
  const std::size_t n = entry_count();
  for (std::size_t i = 0; i < n; ++i) entries[i].position = entries[i].position > shift ? entries[i].position - shift : 0;
}

std::uint32_t LongDistanceMatcher::match_at(const std::uint8_t* base, const Entry* bucket, std::uint32_t e,
                                            std::uint32_t checksum, std::uint32_t anchor, std::uint32_t low,
                                            std::uint32_t end) {
  const std::size_t bucket_size = std::size_t{1} << params_.bucket_size_log;
  std::size_t best_length = 0, best_back = 0, best_forward = 0;
  std::uint32_t best_source = 0;
  for (std::size_t i = 0; i < bucket_size; ++i) {
    const Entry candidate = bucket[i];
    // Empty (0), outside the window, or not older than e (never, unless a caller skipped
    // reset() between frames): no match.
    if (candidate.checksum != checksum || candidate.position == 0 || candidate.position < low ||
        candidate.position >= e)
      continue;
    const std::size_t forward = common_length(base + e, base + candidate.position, base + end);
    const std::size_t back_limit = std::min<std::size_t>(e - anchor, candidate.position - low);
    const std::size_t back = common_length_backward(base + e, base + candidate.position, back_limit);
    if (back + forward > best_length) {
      best_length = back + forward;
      best_back = back;
      best_forward = forward;
      best_source = candidate.position;
    }
  }
  if (best_length < params_.min_match) return anchor;
  const std::uint32_t start = e - static_cast<std::uint32_t>(best_back);
  assert(match_count_ < match_capacity_);
  matches_[match_count_++] = LongMatch{start - anchor, e - best_source, static_cast<std::uint32_t>(best_length)};
  return e + static_cast<std::uint32_t>(best_forward);
}

std::span<const LongMatch> LongDistanceMatcher::find_matches(const MatchState& ms, const std::uint8_t* src,
                                                             std::size_t size) {
  assert(size / params_.min_match < match_capacity_);
  match_count_ = 0;
  const std::uint8_t* const base = ms.base;
  const auto begin = static_cast<std::uint32_t>(src - base);
  const auto end = static_cast<std::uint32_t>(begin + size);
  const std::uint32_t low = ms.window_low(end);
  const unsigned min_match = params_.min_match;
  const unsigned bucket_log = params_.bucket_size_log;
  const unsigned bucket_bits = params_.hash_log - bucket_log;
  const std::size_t bucket_size = std::size_t{1} << bucket_log;
  const std::uint64_t split_mask =
      params_.hash_rate_log == 0 ? 0 : ~std::uint64_t{0} << (64 - params_.hash_rate_log);
  Entry* const entries = entries_.get();

  std::uint64_t h = 0;
  for (std::uint32_t i = begin > kGearWindow ? begin - kGearWindow : 0; i < begin; ++i) h = (h << 1) + kGear[base[i]];

  const std::uint8_t* ip = src;
  const std::uint8_t* const iend = src + size;
  std::uint32_t anchor = begin;
  std::uint32_t split[kBatch], bucket[kBatch], checksum[kBatch];
  while (ip < iend) {
    // 1. The next kBatch split points (positions just after a byte that zeroes h's top bits).
    const std::size_t count = find_split_points(base, ip, iend, h, split_mask, split);
    // 2. Fingerprints, and their buckets prefetched so the misses overlap.
    for (std::size_t k = 0; k < count; ++k) {
      const std::uint32_t e = split[k];
      if (e < min_match) {
        bucket[k] = kNoBucket;
        continue;
      }
      const std::uint64_t fingerprint = xxh64(base + e - min_match, min_match);
      bucket[k] = bucket_bits == 0 ? 0 : static_cast<std::uint32_t>(fingerprint >> (64 - bucket_bits));
      checksum[k] = static_cast<std::uint32_t>(fingerprint);
      __builtin_prefetch(entries + (std::size_t{bucket[k]} << bucket_log));
    }
    // 3, 4. In order: look up (outside matches already found), then insert.
    for (std::size_t k = 0; k < count; ++k) {
      if (bucket[k] == kNoBucket) continue;
      const std::uint32_t e = split[k];
      Entry* const slots = entries + (std::size_t{bucket[k]} << bucket_log);
      if (e >= anchor) anchor = match_at(base, slots, e, checksum[k], anchor, low, end);
      // Over the bucket's oldest entry: the smallest position, since positions only grow
      // (and a rebase keeps their order; empty entries, 0, go first).
      Entry* oldest = slots;
      for (std::size_t i = 1; i < bucket_size; ++i)
        if (slots[i].position < oldest->position) oldest = slots + i;
      *oldest = Entry{e, checksum[k]};
    }
  }
  return {matches_.get(), match_count_};
}

}  // namespace zstdpp::encoder

// FSE (tANS) encoding side (RFC 8878 section 4.1): accuracy log choice, normalisation,
// table descriptions and encode tables.
//
// Normalisation. A symbol given n of the T = 2^accuracy_log states costs about
// log2(T / n) bits per occurrence, so the best distribution minimises
// sum_s count(s) * log2(T / n(s)) subject to sum n(s) = T and n(s) >= 1 for every present
// symbol. That cost is separable and convex in each n(s), so marginal allocation is
// optimal: start from the floors of the ideal shares count(s) * T / total (at least 1),
// then hand out the missing states one at a time to the symbol whose cost drops most
// (count(s) * log2((n + 1) / n)), or, when the floors plus the minimum of one state
// overshoot T, take states back where it hurts least (count(s) * log2(n / (n - 1))).
// A final exchange pass moves single states while that still lowers the cost, which
// makes the result exactly optimal for the model. Measured against rounding with the
// error dumped on the largest symbol (geometric distributions over 40 symbols, 100k
// samples): 0.75% over the entropy instead of 1.1% at accuracy log 9, 4.7% instead of
// 7.8% at log 7. The marginal costs come from a table of log2(n), so normalising 53
// symbols takes about 0.7 us.
//
// A symbol left with one state is written as -1 ("less than one") when its ideal share is
// well below one state: the decoder puts those states at the end of the table, and a
// state's value there is the highest, so it carries the least probability (the states'
// stationary distribution falls like 1/state). See kLowProbabilityShare.
//
// Encode tables. The decoder's spreading (fse_decode.hpp, build_fse_table) is run as is;
// each symbol's states, in table order, get the encoder states T + position. A symbol
// with n states whose widths are k and k - 1 (k = max_bits_out) has min_state_plus =
// n << k: encoder states at or above it emit k bits, those below emit k - 1, and
// delta_nb_bits = (k << 16) - min_state_plus turns that into one add and shift.
//
// Cost estimates (fse_cost_bits_x256) price a symbol at -log2 of the probability its
// states realise, each state S = T + position counting log2(1 + 1/S), rather than at
// log2(T / n): that sees the -1 states' discount and the spread's bias. Measured on
// geometric and dominant-plus-rare distributions: within 1% of the real stream size at
// accuracy logs 6-9 (4% at 5), where log2(T / n) overestimates by up to 12%.
#include "entropy/fse_encode.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include "common/mem.hpp"

namespace zstdpp::entropy {
namespace {

// Symbols left with one state whose ideal share (count * T / total) is below this are
// written -1 rather than 1. A -1 state sits at the table's end, where a state's
// stationary probability is about 1 / (2T ln 2) = 0.72 / T instead of 1 / T on average
// for a spread state: the symbol pays log2(1 / 0.72) = 0.47 bit more per occurrence and
// every other symbol gains the 0.28 / T left over, which wins below a share of about
// 0.86. Measured (one dominant symbol, 10 to 24 rare ones, accuracy logs 5..9, encoded
// sizes): thresholds 0.8 to 1.0 are best on average and within 0.05% of each other;
// never using -1 costs 0.2-1.7% more.
constexpr double kLowProbabilityShare = 0.9;

// log2(1 + 1 / S) for every encoder state S of every table size (S < 2^10), computed once.
using StateShares = std::array<float, std::size_t{2} << kFseMaxAccuracyLog>;
const StateShares& state_shares() {
  static const StateShares shares = [] {
    StateShares v{};
    for (std::size_t i = 1; i < v.size(); ++i) v[i] = static_cast<float>(std::log2(1.0 + 1.0 / static_cast<double>(i)));
    return v;
  }();
  return shares;
}

// log2(n) for 1 <= n <= 2^kFseMaxAccuracyLog + 1 (the normaliser's marginal costs), computed once.
using IntLogs = std::array<double, (std::size_t{1} << kFseMaxAccuracyLog) + 2>;
const IntLogs& int_logs() {
  static const IntLogs logs = [] {
    IntLogs v{};
    for (std::size_t i = 1; i < v.size(); ++i) v[i] = std::log2(static_cast<double>(i));
    return v;
  }();
  return logs;
}

std::uint32_t sum_counts(const std::uint32_t* counts, unsigned max_symbol, unsigned& present) {
  std::uint64_t sum = 0;
  present = 0;
  for (unsigned s = 0; s <= max_symbol; ++s) {
    sum += counts[s];
    present += counts[s] != 0;
  }
  return static_cast<std::uint32_t>(std::min<std::uint64_t>(sum, 0xFFFFFFFFu));
}

}  // namespace

unsigned choose_accuracy_log(std::size_t total, unsigned max_symbol, unsigned max_log) {
  if (max_log > kFseMaxAccuracyLog) max_log = kFseMaxAccuracyLog;
  if (max_log < kFseMinAccuracyLog) max_log = kFseMinAccuracyLog;
  if (total <= 1) return kFseMinAccuracyLog;
  unsigned log = max_log;
  // No more than about total / 4 states: finer precision than the data can show only
  // costs description bits.
  const int by_size = static_cast<int>(highest_bit64(total - 1)) - 2;
  if (by_size < static_cast<int>(log)) log = static_cast<unsigned>(std::max(by_size, 0));
  // Room for every symbol: twice the alphabet, or more states than occurrences (which
  // bounds the symbols present) when the input is that small.
  const unsigned by_alphabet = std::min(highest_bit64(total) + 1, highest_bit(max_symbol | 1) + 2);
  if (by_alphabet > log) log = by_alphabet;
  return std::clamp(log, kFseMinAccuracyLog, max_log);
}

Status normalize_counts(const std::uint32_t* counts, std::size_t /*total*/, unsigned max_symbol, unsigned accuracy_log,
                        NormalizedCounts& out) {
  if (accuracy_log < kFseMinAccuracyLog || accuracy_log > kFseMaxAccuracyLog)
    return Status::fail(ErrorCode::kParameterOutOfBounds, "FSE accuracy log {v} outside 5..{l}", accuracy_log,
                        kFseMaxAccuracyLog);
  if (max_symbol >= kFseMaxSymbols)
    return Status::fail(ErrorCode::kParameterOutOfBounds, "FSE symbol {v} exceeds the maximum {l}", max_symbol,
                        kFseMaxSymbols - 1);
  unsigned present = 0;
  // The counts are summed here rather than trusting `total`, so a caller's stale total
  // cannot skew the shares.
  const std::uint32_t sum = sum_counts(counts, max_symbol, present);
  const std::uint32_t table_size = std::uint32_t{1} << accuracy_log;
  if (present < 2)
    return Status::fail(ErrorCode::kParameterOutOfBounds, "FSE normalisation needs two symbols present, got {v}",
                        present);
  if (present > table_size)
    return Status::fail(ErrorCode::kParameterOutOfBounds, "{v} symbols do not fit in an FSE table of {l} states",
                        present, table_size);

  // Starting point: floor of the ideal share, at least one state.
  const double scale = static_cast<double>(table_size) / sum;
  std::int32_t n[kFseMaxSymbols] = {};
  bool low[kFseMaxSymbols] = {};
  std::int64_t used = 0;
  unsigned top = 0;
  for (unsigned s = 0; s <= max_symbol; ++s) {
    if (counts[s] == 0) continue;
    top = s;
    const double share = counts[s] * scale;
    low[s] = share < kLowProbabilityShare;
    n[s] = std::max<std::int32_t>(1, static_cast<std::int32_t>(share));
    used += n[s];
  }

  // Marginal gains and losses of the model cost sum count * log2(T / n).
  const IntLogs& lg = int_logs();
  const auto add_gain = [&](unsigned s) { return counts[s] * (lg[n[s] + 1] - lg[n[s]]); };
  const auto remove_loss = [&](unsigned s) { return n[s] > 1 ? counts[s] * (lg[n[s]] - lg[n[s] - 1]) : HUGE_VAL; };
  // Binary heaps in a fixed array (no allocation): the best gain, or the least loss
  // (negated), on top.
  using Entry = std::pair<double, unsigned>;
  Entry heap[kFseMaxSymbols];
  std::size_t heap_size = 0;
  const auto push = [&](double key, unsigned s) {
    heap[heap_size++] = {key, s};
    std::push_heap(heap, heap + heap_size);
  };
  const auto pop = [&] {
    std::pop_heap(heap, heap + heap_size);
    return heap[--heap_size].second;
  };
  if (used < table_size) {
    for (unsigned s = 0; s <= top; ++s)
      if (counts[s]) push(add_gain(s), s);
    for (; used < table_size; ++used) {
      const unsigned s = pop();
      ++n[s];
      push(add_gain(s), s);
    }
  } else if (used > table_size) {
    for (unsigned s = 0; s <= top; ++s)
      if (n[s] > 1) push(-remove_loss(s), s);
    for (; used > table_size; --used) {
      // present <= table_size, so a symbol with two states or more remains.
      const unsigned s = pop();
      --n[s];
      if (n[s] > 1) push(-remove_loss(s), s);
    }
  }
  // Exchange pass: move one state from the cheapest giver to the best taker while that
  // lowers the cost. From the floors this rarely runs more than a few rounds; the bound
  // only guards against floating-point ties.
  for (unsigned round = 0; round < 2 * present; ++round) {
    unsigned taker = 0, giver = 0;
    double best_gain = -1, best_loss = HUGE_VAL;
    for (unsigned s = 0; s <= top; ++s) {
      if (counts[s] == 0) continue;
      const double g = add_gain(s), l = remove_loss(s);
      if (g > best_gain) best_gain = g, taker = s;
      if (l < best_loss) best_loss = l, giver = s;
    }
    if (taker == giver || !(best_gain > best_loss * (1 + 1e-9))) break;
    ++n[taker];
    --n[giver];
  }

  out.counts.fill(0);
  for (unsigned s = 0; s <= top; ++s) {
    if (counts[s] == 0) continue;
    out.counts[s] = static_cast<std::int16_t>(n[s] == 1 && low[s] ? -1 : n[s]);
  }
  out.max_symbol = top;
  out.accuracy_log = accuracy_log;
  return Status::success();
}

Status write_fse_description(const NormalizedCounts& norm, std::uint8_t* dst, std::size_t capacity,
                             std::size_t& written) {
  // The mirror of read_fse_description (fse_decode.cpp): a forward LSB-first bit stream.
  std::uint64_t acc = 0;
  unsigned acc_bits = 0;
  std::size_t pos = 0;
  bool overflow = false;
  const auto put = [&](std::uint32_t value, unsigned nb) {
    acc |= std::uint64_t{value} << acc_bits;
    acc_bits += nb;
    while (acc_bits >= 8) {
      if (pos < capacity) dst[pos] = static_cast<std::uint8_t>(acc);
      else overflow = true;
      ++pos;
      acc >>= 8;
      acc_bits -= 8;
    }
  };

  const unsigned log = norm.accuracy_log;
  if (log < kFseMinAccuracyLog || log > kFseMaxAccuracyLog)
    return Status::fail(ErrorCode::kParameterOutOfBounds, "FSE accuracy log {v} outside 5..{l}", log,
                        kFseMaxAccuracyLog);
  put(log - kFseMinAccuracyLog, 4);
  std::int32_t remaining = (std::int32_t{1} << log) + 1;
  std::int32_t threshold = std::int32_t{1} << log;
  unsigned nb_bits = log + 1;
  unsigned symbol = 0;
  while (remaining > 1) {
    if (symbol > norm.max_symbol)
      return Status::fail(ErrorCode::kParameterOutOfBounds, "FSE counts sum to {v} states short of 2^{l}",
                          static_cast<std::uint64_t>(remaining - 1), log);
    const std::int32_t count = norm.counts[symbol];
    const std::int32_t value = count + 1;  // 0..remaining
    if (count < -1 || value > remaining)
      return Status::fail(ErrorCode::kParameterOutOfBounds, "FSE count {v} invalid for symbol {l}",
                          static_cast<std::uint64_t>(static_cast<std::int64_t>(count)), symbol);
    // Values below max_small take nb_bits - 1 bits; the others nb_bits, the large ones
    // shifted up by max_small so their low bits cannot be taken for a small value.
    const std::int32_t max_small = 2 * threshold - 1 - remaining;
    if (value < max_small) put(static_cast<std::uint32_t>(value), nb_bits - 1);
    else if (value < threshold) put(static_cast<std::uint32_t>(value), nb_bits);
    else put(static_cast<std::uint32_t>(value + max_small), nb_bits);
    remaining -= count < 0 ? -count : count;
    while (remaining < threshold) {
      --nb_bits;
      threshold >>= 1;
    }
    ++symbol;
    if (count == 0) {
      // A zero count is followed by 2-bit repeat fields counting further zero counts
      // (3: and more follow). A zero run always ends before the last non-zero count.
      unsigned run = 0;
      while (symbol + run <= norm.max_symbol && norm.counts[symbol + run] == 0) ++run;
      symbol += run;
      for (; run >= 3; run -= 3) put(3, 2);
      put(run, 2);
    }
  }
  if (acc_bits > 0) put(0, 8 - acc_bits);
  if (overflow)
    return Status::fail(ErrorCode::kOutputTooSmall, "FSE table description needs {v} bytes, {l} available", pos,
                        capacity);
  written = pos;
  return Status::success();
}

void build_fse_encode_table(const NormalizedCounts& norm, FseEncodeTable& table) {
  const unsigned log = norm.accuracy_log;
  const std::uint32_t table_size = std::uint32_t{1} << log;
  std::uint8_t spread[std::size_t{1} << kFseMaxAccuracyLog];
  build_fse_table(norm.counts.data(), norm.max_symbol, log, spread,
                  [](std::uint32_t, std::uint8_t, std::uint8_t, std::uint16_t) {});

  table.accuracy_log = log;
  table.max_symbol = norm.max_symbol;
  std::uint32_t start[kFseMaxSymbols + 1];
  std::uint32_t next[kFseMaxSymbols];
  start[0] = 0;
  for (unsigned s = 0; s <= norm.max_symbol; ++s) {
    const std::int32_t c = norm.counts[s];
    start[s + 1] = start[s] + static_cast<std::uint32_t>(c == -1 ? 1 : c);
    next[s] = start[s];
  }
  // Costs: a symbol's probability as the coder realises it is the sum of its states'
  // shares, state S = T + position holding log2(1 + 1 / S) (the encoder's states are
  // distributed about as 1 / S), so -1 states at the table's end count for less and
  // states spread low for more than 1 / T.
  const StateShares& shares = state_shares();
  float q[kFseMaxSymbols] = {};
  for (std::uint32_t state = 0; state < table_size; ++state) {
    const unsigned s = spread[state];
    table.state_table[next[s]++] = static_cast<std::uint16_t>(table_size + state);
    q[s] += shares[table_size + state];
  }

  table.symbols.fill({0, 0});
  table.cost_x256.fill(FseEncodeTable::kNoState);
  for (unsigned s = 0; s <= norm.max_symbol; ++s) {
    const std::int32_t c = norm.counts[s];
    if (c == 0) continue;
    const std::uint32_t n = c == -1 ? 1 : static_cast<std::uint32_t>(c);
    FseEncodeTable::SymbolTransform& t = table.symbols[s];
    t.delta_find_state = static_cast<std::int32_t>(start[s]) - static_cast<std::int32_t>(n);
    if (n == 1) {
      // One state: always accuracy_log bits.
      t.delta_nb_bits = (log << 16) - table_size;
    } else {
      // x = S >> nb must land in [n, 2n): k bits from n << k upwards, k - 1 below.
      const std::uint32_t max_bits_out = log - highest_bit(n - 1);
      const std::uint32_t min_state_plus = n << max_bits_out;
      t.delta_nb_bits = (max_bits_out << 16) - min_state_plus;
    }
    const double bits = std::min(-std::log2(static_cast<double>(q[s])), 255.0);
    table.cost_x256[s] = static_cast<std::uint16_t>(std::lround(256.0 * bits));
  }
}

std::uint64_t fse_cost_bits_x256(const FseEncodeTable& table, const std::uint32_t* counts, unsigned max_symbol) {
  std::uint64_t cost = 0;
  for (unsigned s = 0; s <= max_symbol; ++s) {
    if (counts[s] == 0) continue;
    if (s > table.max_symbol || table.cost_x256[s] == FseEncodeTable::kNoState) return kFseCostInfinite;
    cost += std::uint64_t{counts[s]} * table.cost_x256[s];
  }
  return cost;
}

}  // namespace zstdpp::entropy

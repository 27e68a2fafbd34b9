// Test-side encoders for the unit suite: the writing halves of the formats the engine only
// reads, written from RFC 8878 and kept deliberately naive.
//
// The unit tests build their inputs bit by bit instead of trusting the engine's own tables:
// - BitWriter: a forward, least-significant-bit-first writer (section 4.1). A backward
//   stream is the fields in reverse reading order, then the 1-bit end mark, then zero
//   padding to the byte boundary, which is exactly what the decoder reads back first-last.
// - write_fse_description(): section 4.1.1, the mirror of the reader (4-bit accuracy log,
//   variable-width count fields, 2-bit zero-repeat fields).
// - ref_fse_table(): section 4.1.1 "from normalized distribution to decoding tables",
//   written from the RFC's prose and its worked example (double-width states first, the
//   baselines handed out from the first single-width state and wrapping round), so it
//   shares no code with entropy::build_fse_table().
// - fse_encode_states(): a search encoder over any decode table. For each symbol, the
//   ranges [baseline, baseline + 2^nb_bits) of its states partition the state space, so
//   walking the message backwards always finds the state that leads to the next one.
// - Huffman: canonical codes from weights (section 4.2.1.1), random complete codes, the
//   1- and 4-stream encoders and both tree description forms (direct and FSE-compressed).
//
// Everything is header-only and slow on purpose: clarity over speed, inputs are small.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

namespace zstdpp_unit {

using Bytes = std::vector<std::uint8_t>;

// ---- Bits ---------------------------------------------------------------------------------

class BitWriter {
 public:
  // Appends the low `nbits` bits of `value` (nbits <= 64), least significant first.
  void add(std::uint64_t value, unsigned nbits) {
    for (unsigned i = 0; i < nbits; ++i) add_bit((value >> i) & 1);
  }
  std::size_t bit_count() const { return bits_; }
  // Ends a forward stream: zero bits up to the byte boundary.
  Bytes finish_forward() const { return bytes_; }
  // Ends a backward stream: the end mark, then zero bits up to the byte boundary.
  Bytes finish_backward() {
    add_bit(1);
    return bytes_;
  }

 private:
  void add_bit(unsigned bit) {
    if (bits_ % 8 == 0) bytes_.push_back(0);
    bytes_.back() |= static_cast<std::uint8_t>(bit << (bits_ % 8));
    ++bits_;
  }
  Bytes bytes_;
  std::size_t bits_ = 0;
};

struct Field {
  std::uint64_t value;
  unsigned bits;
};

// A backward stream whose reader meets `fields` in this order.
inline Bytes backward_stream(const std::vector<Field>& read_order) {
  BitWriter w;
  for (auto it = read_order.rbegin(); it != read_order.rend(); ++it) w.add(it->value, it->bits);
  return w.finish_backward();
}

inline void put_le(Bytes& out, std::uint64_t value, unsigned bytes) {
  for (unsigned i = 0; i < bytes; ++i) out.push_back(static_cast<std::uint8_t>(value >> (8 * i)));
}

inline void append(Bytes& dst, const Bytes& src) { dst.insert(dst.end(), src.begin(), src.end()); }

// ---- FSE ----------------------------------------------------------------------------------

// RFC 8878 section 4.1.1, writing side. `counts` are the normalised counts (-1: "less
// than one") of symbols 0..counts.size()-1 and must sum (with -1 as 1) to 2^accuracy_log.
// Trailing zero counts are not written. Zero runs use the 2-bit repeat fields.
inline Bytes write_fse_description(const std::vector<int>& counts, unsigned accuracy_log) {
  BitWriter w;
  w.add(accuracy_log - 5, 4);
  int remaining = (1 << accuracy_log) + 1;
  int threshold = 1 << accuracy_log;
  unsigned nb_bits = accuracy_log + 1;
  std::size_t symbol = 0;
  while (remaining > 1) {
    if (symbol >= counts.size()) throw std::logic_error("counts sum below the table size");
    const int count = counts[symbol];
    const int value = count + 1;
    const int max_small = 2 * threshold - 1 - remaining;
    if (value < max_small) {
      w.add(static_cast<std::uint64_t>(value), nb_bits - 1);
    } else {
      w.add(static_cast<std::uint64_t>(value < threshold ? value : value + max_small), nb_bits);
    }
    remaining -= count < 0 ? -count : count;
    while (remaining < threshold) {
      --nb_bits;
      threshold >>= 1;
    }
    ++symbol;
    if (count == 0) {
      std::size_t run = 0;
      while (symbol + run < counts.size() && counts[symbol + run] == 0) ++run;
      symbol += run;
      while (run >= 3) {
        w.add(3, 2);
        run -= 3;
      }
      w.add(run, 2);
    }
  }
  if (remaining != 1) throw std::logic_error("counts sum past the table size");
  return w.finish_forward();
}

struct RefState {
  unsigned symbol = 0;
  unsigned nb_bits = 0;
  unsigned baseline = 0;
};

// The RFC's decoding table construction, independent of the engine's.
inline std::vector<RefState> ref_fse_table(const std::vector<int>& counts, unsigned accuracy_log) {
  const unsigned size = 1u << accuracy_log;
  std::vector<RefState> table(size);
  std::vector<int> symbol_at(size, -1);
  // "Less than one" symbols: one state each, from the last state downwards, in symbol order.
  unsigned high = size - 1;
  for (unsigned s = 0; s < counts.size(); ++s) {
    if (counts[s] == -1) symbol_at[high--] = static_cast<int>(s);
  }
  // The others, spread with step (size/2 + size/8 + 3), skipping the states taken above.
  const unsigned step = (size >> 1) + (size >> 3) + 3;
  unsigned pos = 0;
  for (unsigned s = 0; s < counts.size(); ++s) {
    for (int i = 0; i < counts[s]; ++i) {
      symbol_at[pos] = static_cast<int>(s);
      do {
        pos = (pos + step) % size;
      } while (pos > high);
    }
  }
  for (unsigned state = 0; state < size; ++state) {
    if (symbol_at[state] < 0) throw std::logic_error("counts do not fill the table");
  }
  // Per symbol, its states in natural order: with P the next power of two >= count, the
  // first P - count states are double width (one more bit); baselines are handed out from
  // the first single-width state onwards, wrapping round to the double-width ones.
  for (unsigned s = 0; s < counts.size(); ++s) {
    if (counts[s] == 0) continue;
    std::vector<unsigned> states;
    for (unsigned state = 0; state < size; ++state)
      if (symbol_at[state] == static_cast<int>(s)) states.push_back(state);
    const unsigned count = static_cast<unsigned>(states.size());
    unsigned p = 1, p_log = 0;
    while (p < count) {
      p <<= 1;
      ++p_log;
    }
    const unsigned doubles = p - count;
    const unsigned single_bits = accuracy_log - p_log;
    unsigned baseline = 0;
    for (unsigned k = 0; k < count; ++k) {
      const unsigned i = (doubles + k) % count;  // single-width states first
      const unsigned bits = i < doubles ? single_bits + 1 : single_bits;
      table[states[i]] = RefState{s, bits, baseline};
      baseline += 1u << bits;
    }
  }
  return table;
}

// Given a decode table (symbol, nb_bits, baseline per state) and a message, finds states
// S_0..S_{n-1} with symbol(S_i) == message[i] and S_{i+1} reachable from S_i, i.e.
// S_{i+1} - baseline(S_i) < 2^nb_bits(S_i). `last_ok` filters the choice of S_{n-1}.
template <typename Table, typename LastOk>
std::vector<unsigned> fse_encode_states(const Table& table, const std::vector<unsigned>& message, LastOk&& last_ok) {
  const unsigned size = static_cast<unsigned>(table.size());
  std::vector<unsigned> states(message.size());
  for (std::size_t i = message.size(); i-- > 0;) {
    bool found = false;
    for (unsigned s = 0; s < size && !found; ++s) {
      if (table[s].symbol != message[i]) continue;
      if (i + 1 == message.size()) {
        found = last_ok(s);
      } else {
        const unsigned next = states[i + 1];
        found = next >= table[s].baseline && next - table[s].baseline < (1u << table[s].nb_bits);
      }
      if (found) states[i] = s;
    }
    if (!found) throw std::logic_error("symbol cannot be encoded with this table");
  }
  return states;
}

// A random distribution over symbols 0..max_symbol summing to 2^accuracy_log, with zeros
// and -1s mixed in; the last symbol is non-zero so max_symbol is what the reader reports.
inline std::vector<int> random_distribution(std::mt19937& rng, unsigned max_symbol, unsigned accuracy_log) {
  const int total = 1 << accuracy_log;
  std::vector<int> counts(max_symbol + 1, 0);
  // Kinds first: zero (never the last symbol), "less than one", or positive.
  for (unsigned s = 0; s <= max_symbol; ++s) {
    const unsigned kind = rng() % 8;
    counts[s] = (kind < 2 && s != max_symbol) ? 0 : kind == 2 ? -1 : 1;
  }
  // No more non-zero symbols than states.
  const auto nonzero = [&] {
    int n = 0;
    for (int c : counts) n += c != 0;
    return n;
  };
  while (nonzero() > total) {
    const unsigned s = rng() % max_symbol;  // never the last
    counts[s] = 0;
  }
  std::vector<unsigned> positive;
  int used = 0;
  for (unsigned s = 0; s <= max_symbol; ++s) {
    used += counts[s] != 0;
    if (counts[s] > 0) positive.push_back(s);
  }
  if (positive.empty() && used < total) {
    counts[max_symbol] = 1;
    positive.push_back(max_symbol);
  }
  // Hand the remaining states out in random, skewed chunks.
  int rest = total - used;
  while (rest > 0) {
    const int chunk = std::min(rest, 1 + static_cast<int>(rng() % static_cast<unsigned>(std::max(1, rest / 2))));
    counts[positive[rng() % positive.size()]] += chunk;
    rest -= chunk;
  }
  return counts;
}

// ---- Huffman ------------------------------------------------------------------------------

struct HuffCode {
  std::uint32_t code = 0;
  unsigned length = 0;  // 0: symbol absent
};

// Section 4.2.1.1: weight w > 0 gives max_bits + 1 - w bits; codes are assigned from the
// longest down, by increasing symbol value within a length, counting upwards.
// `weights` covers every symbol, the last (implied) weight included.
inline std::vector<HuffCode> canonical_codes(const std::vector<unsigned>& weights) {
  std::uint32_t total = 0;
  for (unsigned w : weights)
    if (w) total += 1u << (w - 1);
  unsigned max_bits = 0;
  while ((1u << max_bits) < total) ++max_bits;
  if ((1u << max_bits) != total) throw std::logic_error("weights do not form a complete code");
  std::vector<HuffCode> codes(weights.size());
  std::uint32_t code = 0;
  for (unsigned length = max_bits; length >= 1; --length) {
    for (std::size_t s = 0; s < weights.size(); ++s) {
      if (weights[s] && max_bits + 1 - weights[s] == length) codes[s] = HuffCode{code++, length};
    }
    code >>= 1;
  }
  return codes;
}

// A random complete prefix code over `num_symbols` symbols (some absent), no code longer
// than max_len; returns weights (0 = absent) with the last symbol present.
inline std::vector<unsigned> random_weights(std::mt19937& rng, unsigned num_symbols, unsigned present,
                                            unsigned max_len) {
  // Split random leaves of a complete binary tree until `present` leaves exist.
  std::vector<unsigned> depths = {1, 1};
  while (depths.size() < present) {
    std::vector<std::size_t> splittable;
    for (std::size_t i = 0; i < depths.size(); ++i)
      if (depths[i] < max_len) splittable.push_back(i);
    if (splittable.empty()) throw std::logic_error("too many symbols for max_len");
    const std::size_t i = splittable[rng() % splittable.size()];
    ++depths[i];
    depths.push_back(depths[i]);
  }
  unsigned max_depth = *std::max_element(depths.begin(), depths.end());
  // Place the leaves: the last symbol always, the others at random positions.
  std::vector<unsigned> slots;
  for (unsigned s = 0; s + 1 < num_symbols; ++s) slots.push_back(s);
  std::shuffle(slots.begin(), slots.end(), rng);
  slots.resize(present - 1);
  slots.push_back(num_symbols - 1);
  std::shuffle(depths.begin(), depths.end(), rng);
  std::vector<unsigned> weights(num_symbols, 0);
  for (std::size_t i = 0; i < slots.size(); ++i) weights[slots[i]] = max_depth + 1 - depths[i];
  return weights;
}

// One backward Huffman stream: the first symbol's code is read first (at the stream end).
inline Bytes huffman_stream(const std::vector<HuffCode>& codes, const std::uint8_t* data, std::size_t size) {
  BitWriter w;
  for (std::size_t i = size; i-- > 0;) {
    const HuffCode c = codes.at(data[i]);
    if (c.length == 0) throw std::logic_error("symbol without a code");
    w.add(c.code, c.length);
  }
  return w.finish_backward();
}

// Four streams behind the 6-byte jump table (section 3.1.1.3.1.6).
inline Bytes huffman_4streams(const std::vector<HuffCode>& codes, const Bytes& data) {
  const std::size_t segment = (data.size() + 3) / 4;
  Bytes streams[4];
  for (int i = 0; i < 4; ++i) {
    const std::size_t begin = std::min(data.size(), segment * i);
    const std::size_t end = i == 3 ? data.size() : std::min(data.size(), segment * (i + 1));
    streams[i] = huffman_stream(codes, data.data() + begin, end - begin);
  }
  Bytes out;
  for (int i = 0; i < 3; ++i) put_le(out, streams[i].size(), 2);
  for (auto& s : streams) append(out, s);
  return out;
}

// Tree description, direct form: header 127 + count, then two 4-bit weights per byte
// (the first in the high nibble). `weights` excludes the implied last one.
inline Bytes huffman_direct_description(const std::vector<unsigned>& described) {
  Bytes out;
  out.push_back(static_cast<std::uint8_t>(127 + described.size()));
  for (std::size_t i = 0; i < described.size(); i += 2) {
    const unsigned hi = described[i];
    const unsigned lo = i + 1 < described.size() ? described[i + 1] : 0;
    out.push_back(static_cast<std::uint8_t>(hi << 4 | lo));
  }
  return out;
}

// Tree description, FSE-compressed form (section 4.2.1.2): header byte = compressed size,
// an FSE description of the weight distribution, then one backward stream with two
// interleaved states. The decoder emits from state 1, then state 2, alternately; after the
// second-to-last weight its state update reads past the stream start, and the other
// state's symbol is the last weight. `described` excludes the implied last weight.
inline Bytes huffman_fse_description(const std::vector<unsigned>& described, const std::vector<int>& weight_counts,
                                     unsigned accuracy_log) {
  const std::vector<RefState> table = ref_fse_table(weight_counts, accuracy_log);
  const std::size_t n = described.size();
  if (n < 2) throw std::logic_error("the FSE form needs two weights at least");
  // Two chains: the one emitting weight n-1 and the one emitting weight n-2. Emission i
  // moves its chain to the state of emission i + 2.
  std::vector<unsigned> state(n);
  for (int parity = 0; parity < 2; ++parity) {
    const std::size_t last = (n - 1) - static_cast<std::size_t>(parity);  // n-1 or n-2
    std::vector<unsigned> chain;
    for (std::size_t i = last % 2; i <= last; i += 2) chain.push_back(described[i]);
    const bool must_overflow = parity == 1;  // the n-2 emitter's update must read bits
    const std::vector<unsigned> states = fse_encode_states(
        table, chain, [&](unsigned s) { return !must_overflow || table[s].nb_bits > 0; });
    for (std::size_t k = 0; k < chain.size(); ++k) state[last % 2 + 2 * k] = states[k];
  }
  std::vector<Field> fields = {{state[0], accuracy_log}, {state[1], accuracy_log}};
  for (std::size_t i = 0; i + 2 < n; ++i)
    fields.push_back({state[i + 2] - table[state[i]].baseline, table[state[i]].nb_bits});
  const Bytes stream = backward_stream(fields);
  const Bytes header = write_fse_description(weight_counts, accuracy_log);
  Bytes out;
  out.push_back(static_cast<std::uint8_t>(header.size() + stream.size()));
  append(out, header);
  append(out, stream);
  return out;
}

// ---- Inputs and the zstd command line ---------------------------------------------------

// Text from a small vocabulary with a fixed-seed generator: compressible like prose but
// without long verbatim repeats, so matches are short and offsets spread out.
inline Bytes make_text(std::size_t size, std::uint32_t seed) {
  static const char* const kWords[] = {
      "the",   "of",    "and",    "to",     "in",      "is",     "that",   "for",     "it",    "as",
      "with",  "was",   "on",     "be",     "by",      "this",   "window", "frame",   "block", "offset",
      "match", "table", "stream", "symbol", "literal", "decode", "buffer", "history", "state", "bits",
      "zstd",  "ring",  "entropy", "weight", "code",   "length", "repeat", "header",  "size",  "end"};
  std::mt19937 rng(seed);
  Bytes out;
  out.reserve(size + 16);
  while (out.size() < size) {
    const char* w = kWords[rng() % (sizeof kWords / sizeof kWords[0])];
    out.insert(out.end(), w, w + std::char_traits<char>::length(w));
    const unsigned r = rng() % 20;
    if (r == 0) {
      const std::string num = std::to_string(rng() % 100000);
      out.push_back(' ');
      out.insert(out.end(), num.begin(), num.end());
    }
    out.push_back(r == 1 ? '.' : r == 2 ? '\n' : ' ');
  }
  out.resize(size);
  return out;
}

// The `zstd` executable on PATH, or nothing.
inline std::optional<std::string> zstd_cli() {
  const char* path = std::getenv("PATH");
  if (path == nullptr) return std::nullopt;
  std::string p(path);
  std::size_t start = 0;
  while (start <= p.size()) {
    const std::size_t end = std::min(p.find(':', start), p.size());
    const std::filesystem::path candidate = std::filesystem::path(p.substr(start, end - start)) / "zstd";
    std::error_code ec;
    if (!candidate.parent_path().empty() && std::filesystem::is_regular_file(candidate, ec)) return candidate.string();
    start = end + 1;
  }
  return std::nullopt;
}

// Compresses `input` with `zstd -q -c ARGS`; fails the test (empty result) on error.
inline Bytes zstd_compress(const Bytes& input, const std::string& args) {
  const std::optional<std::string> cli = zstd_cli();
  if (!cli) return {};
  char dir_template[] = "/tmp/zstdpp_unit_XXXXXX";
  const char* dir = mkdtemp(dir_template);
  if (dir == nullptr) {
    ADD_FAILURE() << "mkdtemp failed";
    return {};
  }
  const std::filesystem::path in = std::filesystem::path(dir) / "in";
  const std::filesystem::path out = std::filesystem::path(dir) / "out.zst";
  {
    std::ofstream f(in, std::ios::binary);
    f.write(reinterpret_cast<const char*>(input.data()), static_cast<std::streamsize>(input.size()));
  }
  const std::string cmd = "'" + *cli + "' -q -c " + args + " '" + in.string() + "' > '" + out.string() + "'";
  const int rc = std::system(cmd.c_str());
  Bytes result;
  if (rc != 0) {
    ADD_FAILURE() << "command failed (" << rc << "): " << cmd;
  } else {
    std::ifstream f(out, std::ios::binary);
    result.assign(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>());
  }
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
  return result;
}

}  // namespace zstdpp_unit

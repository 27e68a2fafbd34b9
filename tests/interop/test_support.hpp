// Helpers shared by the interop and API suites: test inputs made in code, temp files, the
// `zstd` command line, hand-built frames, and a streaming decode loop with random splits.
//
// Why it is shaped so: test data is generated at test time from fixed seeds (no binary
// files in the repository, and every failure reproduces from the seed printed beside it);
// frames are made either by the reference `zstd` CLI (real compressed blocks, found with
// zstd_cli_path() and skipped with a clear message when absent) or by hand from RFC 8878
// section 3.1.1 (raw and RLE blocks, every header field under the test's control, no CLI
// needed). The streaming loop is the one place that knows how a caller drives
// decompress_stream(): it feeds input in random pieces, keeps unconsumed input, gives output
// buffers of random sizes, and records where each frame_done was reported so the tests can
// compare against where the frames really end.
//
// Header-only (everything inline) because both test binaries include it; the API suite
// reaches it as "../interop/test_support.hpp".
#pragma once

#include <gtest/gtest.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <initializer_list>
#include <fstream>
#include <optional>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include <zstdpp/zstdpp.hpp>

namespace zstdpp_test {

using zstdpp::Bytes;
using zstdpp::ByteView;

inline Bytes to_bytes(std::string_view text) { return Bytes(text.begin(), text.end()); }

inline void append(Bytes& dst, ByteView src) { dst.insert(dst.end(), src.begin(), src.end()); }

// FNV-1a: a seed from a test's name that is the same on every platform and run.
inline std::uint32_t seed_from(std::string_view name) {
  std::uint32_t h = 2166136261u;
  for (char c : name) h = (h ^ static_cast<std::uint8_t>(c)) * 16777619u;
  return h;
}

// A readable verdict for two byte strings, instead of gtest printing megabytes.
inline std::string describe_mismatch(ByteView got, ByteView want) {
  std::ostringstream s;
  s << "got " << got.size() << " bytes, want " << want.size() << " bytes";
  std::size_t n = std::min(got.size(), want.size());
  std::size_t i = 0;
  while (i < n && got[i] == want[i]) ++i;
  if (i < n || got.size() != want.size()) s << "; first difference at offset " << i;
  return s.str();
}

inline bool same_bytes(ByteView a, ByteView b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin());
}

// ---- Inputs ---------------------------------------------------------------------------

// English-like prose: words drawn with a skew towards the common ones (as real text is),
// sentences and paragraphs, occasional numbers. Compresses roughly like English text.
inline Bytes make_english_text(std::size_t size, std::uint32_t seed) {
  static const char* const kWords[] = {
      "the", "of", "and", "to", "a", "in", "is", "it", "that", "was", "for", "on", "are",
      "with", "as", "his", "they", "be", "at", "one", "have", "this", "from", "or", "had",
      "by", "word", "but", "what", "some", "we", "can", "out", "other", "were", "all",
      "there", "when", "up", "use", "your", "how", "said", "an", "each", "she", "which",
      "do", "their", "time", "if", "will", "way", "about", "many", "then", "them", "write",
      "would", "like", "so", "these", "her", "long", "make", "thing", "see", "him", "two",
      "has", "look", "more", "day", "could", "go", "come", "did", "number", "sound", "no",
      "most", "people", "my", "over", "know", "water", "than", "call", "first", "who",
      "may", "down", "side", "been", "now", "find", "any", "new", "work", "part", "take",
      "get", "place", "made", "live", "where", "after", "back", "little", "only", "round",
      "man", "year", "came", "show", "every", "good", "me", "give", "our", "under", "name",
      "very", "through", "just", "form", "sentence", "great", "think", "say", "help",
      "low", "line", "differ", "turn", "cause", "much", "mean", "before", "move", "right",
      "boy", "old", "too", "same", "tell", "does", "set", "three", "want", "air", "well",
      "also", "play", "small", "end", "put", "home", "read", "hand", "port", "large",
      "spell", "add", "even", "land", "here", "must", "big", "high", "such", "follow",
      "act", "why", "ask", "men", "change", "went", "light", "kind", "off", "need",
      "house", "picture", "try", "again", "animal", "point", "mother", "world", "near",
      "build", "self", "earth", "father", "compression", "frame", "window", "entropy"};
  constexpr std::size_t kWordCount = sizeof(kWords) / sizeof(kWords[0]);
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::string text;
  text.reserve(size + 64);
  bool sentence_start = true;
  int words_in_sentence = 0;
  int sentence_length = 8;
  while (text.size() < size) {
    double u = unit(rng);
    std::string word = kWords[static_cast<std::size_t>(u * u * kWordCount) % kWordCount];
    if (unit(rng) < 0.02) word = std::to_string(rng() % 10000);
    if (sentence_start) {
      word[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(word[0])));
      sentence_start = false;
      sentence_length = 5 + static_cast<int>(rng() % 16);
    }
    text += word;
    if (++words_in_sentence >= sentence_length) {
      text += (rng() % 8 == 0) ? "?" : ".";
      text += (rng() % 6 == 0) ? "\n\n" : " ";
      sentence_start = true;
      words_in_sentence = 0;
    } else {
      text += (rng() % 12 == 0) ? ", " : " ";
    }
  }
  text.resize(size);
  return to_bytes(text);
}

// Table-like binary: fixed 32-byte records with counters, small deltas, a random walk,
// flags from a small set and names from a short list, with an occasional noisy record.
inline Bytes make_structured_binary(std::size_t size, std::uint32_t seed) {
  static const char kNames[4][9] = {"alpha---", "bravo---", "charlie-", "delta---"};
  std::mt19937 rng(seed);
  Bytes out;
  out.reserve(size + 32);
  std::uint32_t id = 1000, stamp = 1700000000;
  std::int32_t level = 0;
  auto put32 = [&](std::uint32_t v) {
    for (int i = 0; i < 4; ++i) out.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
  };
  while (out.size() < size) {
    if (rng() % 64 == 0) {
      for (int i = 0; i < 32; ++i) out.push_back(static_cast<std::uint8_t>(rng()));
      continue;
    }
    put32(id++);
    put32(stamp += rng() % 5);
    level += static_cast<std::int32_t>(rng() % 201) - 100;
    put32(static_cast<std::uint32_t>(level));
    put32(std::uint32_t{1} << (rng() % 4));
    const char* name = kNames[rng() % 4];
    out.insert(out.end(), name, name + 8);
    for (int i = 0; i < 8; ++i) out.push_back(0);
  }
  out.resize(size);
  return out;
}

inline Bytes make_random_bytes(std::size_t size, std::uint32_t seed) {
  std::mt19937 rng(seed);
  Bytes out(size);
  for (auto& b : out) b = static_cast<std::uint8_t>(rng());
  return out;
}

inline Bytes make_repeated_pattern(std::size_t size, std::string_view pattern) {
  Bytes out(size);
  for (std::size_t i = 0; i < size; ++i) out[i] = static_cast<std::uint8_t>(pattern[i % pattern.size()]);
  return out;
}

// One JSON-ish record, the kind of small similar samples dictionaries are made for.
inline std::string make_json_record(std::mt19937& rng) {
  static const char* const kCities[] = {"Lisbon", "Oslo", "Nairobi", "Lima", "Osaka", "Quebec"};
  static const char* const kNames[] = {"ana", "bruno", "chen", "dara", "emeka", "fatima", "goran"};
  static const char* const kTags[] = {"admin", "beta", "staff", "trial", "vip", "legacy"};
  std::ostringstream s;
  const char* name = kNames[rng() % 7];
  s << "{\"id\": " << rng() % 1000000 << ", \"user\": \"" << name << rng() % 100
    << "\", \"email\": \"" << name << "@example.org\", \"active\": "
    << ((rng() & 1) ? "true" : "false") << ", \"score\": " << rng() % 100 << "." << rng() % 100
    << ", \"address\": {\"city\": \"" << kCities[rng() % 6] << "\", \"zip\": \""
    << 10000 + rng() % 89999 << "\"}, \"tags\": [";
  int tags = static_cast<int>(rng() % 4);
  for (int i = 0; i < tags; ++i) s << (i ? ", " : "") << "\"" << kTags[rng() % 6] << "\"";
  s << "], \"note\": \"created by the nightly import job\"}\n";
  return s.str();
}

inline Bytes make_json_records(std::size_t count, std::uint32_t seed) {
  std::mt19937 rng(seed);
  std::string all;
  for (std::size_t i = 0; i < count; ++i) all += make_json_record(rng);
  return to_bytes(all);
}

// Input made of slices (200..2000 bytes) of `content`, so matches reach into a dictionary
// holding it, with new text (100..500 bytes) in between.
inline Bytes make_input_from(ByteView content, std::size_t size, std::uint32_t seed) {
  std::mt19937 rng(seed);
  const Bytes fresh = make_english_text(size, seed + 1);
  Bytes out;
  std::size_t fresh_pos = 0;
  while (out.size() < size) {
    const std::size_t n = std::min<std::size_t>(200 + rng() % 1800, content.size());
    const std::size_t at = rng() % (content.size() - n + 1);
    append(out, content.subspan(at, n));
    const std::size_t m = std::min<std::size_t>(100 + rng() % 400, fresh.size() - fresh_pos);
    append(out, ByteView(fresh).subspan(fresh_pos, m));
    fresh_pos += m;
  }
  out.resize(size);
  return out;
}

// ---- Files and commands ---------------------------------------------------------------

// A fresh directory under the system temp folder, removed with everything in it.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "zstdpp-test-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed for " + pattern);
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path file(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

inline void write_file(const std::filesystem::path& path, ByteView data) {
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  f.write(reinterpret_cast<const char*>(data.data()), static_cast<std::streamsize>(data.size()));
  if (!f) throw std::runtime_error("cannot write " + path.string());
}

inline Bytes read_file(const std::filesystem::path& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) throw std::runtime_error("cannot read " + path.string());
  return Bytes(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>());
}

inline std::string shell_quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += (c == '\'') ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

struct CommandResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};

inline CommandResult run_command(const std::string& command) {
  CommandResult result;
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) throw std::runtime_error("popen failed for: " + command);
  char buffer[4096];
  std::size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) result.output.append(buffer, n);
  int status = ::pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

// The reference CLI: $ZSTDPP_ZSTD_CLI, else /usr/bin/zstd, else `zstd` on PATH.
inline const std::optional<std::string>& zstd_cli_path() {
  static const std::optional<std::string> path = []() -> std::optional<std::string> {
    if (const char* env = std::getenv("ZSTDPP_ZSTD_CLI"); env && *env) return std::string(env);
    if (std::filesystem::exists("/usr/bin/zstd")) return std::string("/usr/bin/zstd");
    CommandResult r = run_command("command -v zstd");
    if (r.exit_code == 0 && !r.output.empty()) {
      std::string p = r.output.substr(0, r.output.find('\n'));
      if (!p.empty()) return p;
    }
    return std::nullopt;
  }();
  return path;
}

#define ZSTDPP_REQUIRE_ZSTD_CLI()                                                          \
  do {                                                                                     \
    if (!::zstdpp_test::zstd_cli_path())                                                   \
      GTEST_SKIP() << "SKIPPED: the reference `zstd` command line was not found "          \
                      "($ZSTDPP_ZSTD_CLI, /usr/bin/zstd, PATH); these tests need it to "   \
                      "make frames";                                                       \
  } while (0)

// Compresses `input` with the reference CLI and returns the frame(s). `args` go to zstd
// as they are (levels, --no-check, -D dict...). From a file the CLI writes the content
// size; from stdin (`via_stdin`) it cannot know it and leaves it out.
inline Bytes zstd_compress(const TempDir& dir, ByteView input, const std::string& args,
                           bool via_stdin = false) {
  static int counter = 0;
  std::string stem = "c" + std::to_string(counter++);
  auto in = dir.file(stem + ".in");
  auto out = dir.file(stem + ".zst");
  write_file(in, input);
  std::string cmd = shell_quote(*zstd_cli_path()) + " -q -f " + args;
  if (via_stdin) {
    cmd += " -c < " + shell_quote(in.string()) + " > " + shell_quote(out.string());
  } else {
    cmd += " " + shell_quote(in.string()) + " -o " + shell_quote(out.string());
  }
  CommandResult r = run_command(cmd);
  if (r.exit_code != 0) throw std::runtime_error("zstd failed (" + cmd + "): " + r.output);
  Bytes frame = read_file(out);
  std::filesystem::remove(in);
  std::filesystem::remove(out);
  return frame;
}

// Trains a dictionary with `zstd --train` on `samples`, with a chosen ID.
inline Bytes zstd_train(const TempDir& dir, const std::vector<Bytes>& samples,
                        std::size_t max_dict, std::uint32_t dict_id) {
  auto sample_dir = dir.file("samples");
  std::filesystem::create_directories(sample_dir);
  for (std::size_t i = 0; i < samples.size(); ++i)
    write_file(sample_dir / std::string("s").append(std::to_string(i)), samples[i]);
  auto out = dir.file("trained.dict");
  std::string cmd = shell_quote(*zstd_cli_path()) + " -q -f --train -r " + shell_quote(sample_dir.string()) +
                    " -o " + shell_quote(out.string()) + " --maxdict=" + std::to_string(max_dict) +
                    " --dictID=" + std::to_string(dict_id);
  CommandResult r = run_command(cmd);
  if (r.exit_code != 0) throw std::runtime_error("zstd --train failed (" + cmd + "): " + r.output);
  std::filesystem::remove_all(sample_dir);
  return read_file(out);
}

// ---- Hand-built frames (RFC 8878 section 3.1) -------------------------------------------

// The window descriptor of a power-of-two window 2^log (log >= 10).
constexpr std::uint8_t window_log_descriptor(unsigned log) { return static_cast<std::uint8_t>((log - 10) << 3); }

inline void put_le(Bytes& out, std::uint64_t value, int bytes) {
  for (int i = 0; i < bytes; ++i) out.push_back(static_cast<std::uint8_t>(value >> (8 * i)));
}

// A skippable frame: magic 0x184D2A50 + nibble, 4-byte LE payload size, payload.
inline Bytes make_skippable_frame(unsigned nibble, ByteView payload) {
  Bytes out;
  put_le(out, 0x184D2A50u + (nibble & 0xF), 4);
  put_le(out, payload.size(), 4);
  append(out, payload);
  return out;
}

inline std::uint32_t content_checksum(ByteView content) {
  return static_cast<std::uint32_t>(XXH64(content.data(), content.size(), 0));
}

struct HandFrame {
  bool single_segment = false;
  // Frame_Content_Size field bytes: 0 (absent; not with single_segment), 1 (only with
  // single_segment), 2, 4 or 8.
  int fcs_bytes = 0;
  int dict_id_bytes = 0;  // 0, 1, 2 or 4
  std::uint32_t dict_id = 0;
  // Exponent << 3 | Mantissa (RFC 8878 3.1.1.1.2); ignored if single_segment. Default:
  // 128 KiB, so full-size blocks are allowed.
  std::uint8_t window_descriptor = 0x38;
  bool checksum = false;
  bool reserved_bit = false;   // sets the reserved bit 3 of the descriptor
  bool magic = true;           // false: magicless format
  std::size_t max_block = 128 * 1024;
  bool rle = false;            // RLE blocks (content must be one repeated byte)
};

// The frame header alone (magic included when hf.magic).
inline Bytes make_frame_header(const HandFrame& hf, std::uint64_t content_size) {
  Bytes out;
  if (hf.magic) put_le(out, zstdpp::MAGIC_NUMBER, 4);
  int fcs_flag = 0;
  switch (hf.fcs_bytes) {
    case 0: case 1: fcs_flag = 0; break;
    case 2: fcs_flag = 1; break;
    case 4: fcs_flag = 2; break;
    default: fcs_flag = 3; break;
  }
  int did_flag = hf.dict_id_bytes == 0 ? 0 : hf.dict_id_bytes == 1 ? 1 : hf.dict_id_bytes == 2 ? 2 : 3;
  std::uint8_t fhd = static_cast<std::uint8_t>((fcs_flag << 6) | (hf.single_segment ? 0x20 : 0) |
                                               (hf.reserved_bit ? 0x08 : 0) | (hf.checksum ? 0x04 : 0) |
                                               did_flag);
  out.push_back(fhd);
  if (!hf.single_segment) out.push_back(hf.window_descriptor);
  put_le(out, hf.dict_id, hf.dict_id_bytes);
  if (hf.fcs_bytes == 2) {
    put_le(out, content_size - 256, 2);
  } else if (hf.fcs_bytes > 0) {
    put_le(out, content_size, hf.fcs_bytes);
  }
  return out;
}

// A complete frame of raw (or RLE) blocks holding `content`.
inline Bytes make_hand_frame(const HandFrame& hf, ByteView content) {
  Bytes out = make_frame_header(hf, content.size());
  std::size_t pos = 0;
  do {
    std::size_t n = std::min(hf.max_block, content.size() - pos);
    bool last = pos + n == content.size();
    std::uint32_t header = (last ? 1u : 0u) | ((hf.rle ? 1u : 0u) << 1) | static_cast<std::uint32_t>(n << 3);
    put_le(out, header, 3);
    if (hf.rle) {
      out.push_back(n ? content[pos] : 0);
    } else {
      out.insert(out.end(), content.begin() + static_cast<std::ptrdiff_t>(pos),
                 content.begin() + static_cast<std::ptrdiff_t>(pos + n));
    }
    pos += n;
  } while (pos < content.size());
  if (hf.checksum) put_le(out, content_checksum(content), 4);
  return out;
}

// ---- Concatenated streams and the streaming loop ---------------------------------------

struct Piece {
  Bytes frame;
  Bytes content;            // empty for skippable frames
  bool size_known = true;   // the frame header carries the content size
};

struct Stream {
  Bytes data;
  Bytes content;
  std::vector<std::size_t> frame_ends;    // input offset just past each frame
  std::vector<std::size_t> content_ends;  // output size when each frame has ended
  bool all_sizes_known = true;
};

inline Stream concat(const std::vector<Piece>& pieces) {
  Stream s;
  for (const Piece& p : pieces) {
    append(s.data, p.frame);
    append(s.content, p.content);
    s.frame_ends.push_back(s.data.size());
    s.content_ends.push_back(s.content.size());
    s.all_sizes_known = s.all_sizes_known && p.size_known;
  }
  return s;
}

struct SplitPolicy {
  std::size_t max_in = 4096;
  std::size_t max_out = 4096;
  double tiny_probability = 0.15;  // chance of a piece of 1..16 bytes
  bool one_byte = false;           // every piece exactly 1 byte, in and out
  std::string describe() const {
    std::ostringstream s;
    if (one_byte) return "1-byte input and output pieces";
    s << "input pieces up to " << max_in << ", output buffers up to " << max_out;
    return s.str();
  }
};

inline std::size_t pick_size(std::mt19937& rng, const SplitPolicy& p, std::size_t max) {
  if (p.one_byte) return 1;
  if (std::uniform_real_distribution<double>(0, 1)(rng) < p.tiny_probability)
    return 1 + rng() % std::min<std::size_t>(16, max);
  return 1 + rng() % max;
}

struct StreamTrace {
  Bytes output;
  std::vector<std::size_t> frame_end_inputs;
  std::vector<std::size_t> frame_end_outputs;
  bool at_boundary_at_end = false;
  std::size_t calls = 0;
  std::size_t max_memory = 0;
  std::string protocol_problem;  // first violation of decompress_stream's contract
};

// Drives decompress_stream like a careful caller: when all offered input was consumed it
// offers the next random piece; when a call makes no progress it offers more input on top
// of what is still unconsumed; it stops when all input is consumed and a call makes no
// progress. ZstdError propagates to the test.
inline StreamTrace stream_decode_random(zstdpp::ZstdDecompressor& d, ByteView data, std::mt19937& rng,
                                        const SplitPolicy& policy) {
  StreamTrace t;
  Bytes buffer(policy.one_byte ? 1 : policy.max_out);
  std::size_t in_off = 0, fed_end = 0;
  auto problem = [&t](const std::string& what) {
    if (t.protocol_problem.empty()) t.protocol_problem = what;
  };
  const std::size_t call_cap = 64 * (data.size() + 1024) + 1000;
  while (true) {
    if (in_off == fed_end && fed_end < data.size())
      fed_end = std::min(data.size(), fed_end + pick_size(rng, policy, policy.max_in));
    zstdpp::InBuffer in{data.subspan(in_off, fed_end - in_off)};
    zstdpp::OutBuffer out{zstdpp::MutableByteView(buffer.data(), pick_size(rng, policy, buffer.size()))};
    zstdpp::StreamProgress p = d.decompress_stream(in, out);
    ++t.calls;
    t.max_memory = std::max(t.max_memory, d.memory_size());
    if (in.pos > in.src.size() || out.pos > out.dst.size()) {
      problem("cursor past the end of its buffer");
      break;
    }
    t.output.insert(t.output.end(), buffer.begin(), buffer.begin() + static_cast<std::ptrdiff_t>(out.pos));
    in_off += in.pos;
    if (p.frame_done) {
      if (!t.frame_end_inputs.empty() && t.frame_end_inputs.back() == in_off &&
          t.frame_end_outputs.back() == t.output.size()) {
        problem("frame_done reported twice at input offset " + std::to_string(in_off));
        break;
      }
      t.frame_end_inputs.push_back(in_off);
      t.frame_end_outputs.push_back(t.output.size());
      if (p.input_hint != 0)
        problem("input_hint " + std::to_string(p.input_hint) + " (not 0) with frame_done at input offset " +
                std::to_string(in_off));
    } else if (in.pos == in.src.size() && out.pos < out.dst.size() && p.input_hint == 0 &&
               in_off < data.size()) {
      problem("input_hint 0 while the decoder waits for input at offset " + std::to_string(in_off));
    }
    bool progressed = in.pos > 0 || out.pos > 0 || p.frame_done;
    if (!progressed) {
      if (fed_end == data.size() && in_off == data.size()) break;
      if (fed_end < data.size()) {
        fed_end = std::min(data.size(), fed_end + pick_size(rng, policy, policy.max_in));
      } else {
        // All input offered, none consumed, room for output, nothing produced: the decoder
        // refuses the rest of the input. Stop; the caller's checks report it.
        problem("no progress with " + std::to_string(data.size() - in_off) +
                " bytes of input offered at offset " + std::to_string(in_off));
        break;
      }
    }
    if (t.calls > call_cap) {
      problem("more than " + std::to_string(call_cap) + " calls: decoder loops without finishing");
      break;
    }
  }
  t.at_boundary_at_end = d.at_frame_boundary();
  return t;
}

template <typename T>
inline std::string join(const std::vector<T>& v) {
  std::ostringstream s;
  for (std::size_t i = 0; i < v.size(); ++i) s << (i ? "," : "") << v[i];
  return s.str();
}

// Streams `s` through a fresh decoder with `options` and checks content, frame ends and
// the end state.
inline void expect_stream_decodes(const zstdpp::DecompressorOptions& options, const Stream& s,
                                  std::uint32_t seed, const SplitPolicy& policy) {
  SCOPED_TRACE("streaming, seed " + std::to_string(seed) + ", " + policy.describe());
  zstdpp::ZstdDecompressor d(options);
  std::mt19937 rng(seed);
  StreamTrace t = stream_decode_random(d, s.data, rng, policy);
  EXPECT_TRUE(same_bytes(t.output, s.content)) << describe_mismatch(t.output, s.content);
  EXPECT_EQ(join(t.frame_end_inputs), join(s.frame_ends)) << "input offsets where frame_done was reported";
  EXPECT_EQ(join(t.frame_end_outputs), join(s.content_ends)) << "output sizes when frame_done was reported";
  EXPECT_TRUE(t.at_boundary_at_end) << "at_frame_boundary() false after the last frame";
  EXPECT_EQ(t.protocol_problem, "");
}

// One-shot decode of every frame of `s`.
inline void expect_one_shot_decodes(const zstdpp::DecompressorOptions& options, const Stream& s) {
  SCOPED_TRACE("one-shot decompress, read_across_frames");
  zstdpp::ZstdDecompressor d(options);
  zstdpp::DecompressOptions o;
  o.read_across_frames = true;
  if (!s.all_sizes_known) o.max_output_size = std::max<std::size_t>(1, s.content.size());
  Bytes out = d.decompress(s.data, o);
  EXPECT_TRUE(same_bytes(out, s.content)) << describe_mismatch(out, s.content);
}

inline std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Runs `f`, which must throw ZstdError with `code` and a non-empty message that mentions at
// least one of `words` (case-insensitive; none given: any message). Returns the message.
template <typename F>
inline std::string expect_error(F&& f, zstdpp::ErrorCode code, std::initializer_list<std::string_view> words) {
  try {
    f();
  } catch (const zstdpp::ZstdError& e) {
    std::string message = e.what();
    // Compared by name so a failure prints "corrupted_data", not "1-byte object <06>".
    EXPECT_STREQ(zstdpp::error_code_name(e.code()), zstdpp::error_code_name(code)) << "message: " << message;
    EXPECT_FALSE(message.empty()) << "empty message for " << zstdpp::error_code_name(e.code());
    if (words.size() > 0) {
      bool named = false;
      std::string all;
      for (std::string_view w : words) {
        named = named || lower(message).find(lower(w)) != std::string::npos;
        all += (all.empty() ? "" : " / ") + std::string(w);
      }
      EXPECT_TRUE(named) << "message \"" << message << "\" mentions none of: " << all;
    }
    return message;
  } catch (const std::exception& e) {
    ADD_FAILURE() << "threw a non-ZstdError exception: " << e.what() << "; expected ZstdError "
                  << zstdpp::error_code_name(code);
    return {};
  }
  ADD_FAILURE() << "no ZstdError thrown; expected " << zstdpp::error_code_name(code);
  return {};
}

// Expects `statement` to throw ZstdError with `code`, message naming one of the words after.
#define ZSTDPP_EXPECT_ERROR(statement, code, ...)                                      \
  do {                                                                                 \
    SCOPED_TRACE("while running: " #statement);                                        \
    ::zstdpp_test::expect_error([&] { statement; }, code, {__VA_ARGS__});             \
  } while (0)


// ---- Compressing with zstdpp (the encoder suites) ---------------------------------------
//
// The encoder tests of the API and interop suites share one grid: the compression settings
// of the fast and dfast strategies (their levels, and explicit parameters that pin the
// strategy, table sizes, min_match and a window smaller than the input), the inputs
// every setting is tried on, and a streaming loop that cuts input, output and flushes at
// random from a seed. A setting is data (a name and CompressorOptions), so a failing
// combination prints as "level -5 / text-300k / seed 1234".

struct EncoderCase {
  std::string name;
  zstdpp::CompressorOptions options;
};
// gtest prints a parameter with this instead of its bytes.
inline void PrintTo(const EncoderCase& c, std::ostream* os) { *os << c.name; }
// A case's name as a gtest parameter name (letters and digits; the rest become '_').
inline std::string gtest_name(const std::string& name) {
  std::string n = name;
  for (char& ch : n)
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  return n;
}
inline std::string case_gtest_name(const ::testing::TestParamInfo<EncoderCase>& param_info) {
  return gtest_name(param_info.param.name);
}

// The levels of the fast / dfast grid (fast: negative levels, 1, 2; dfast: 3, 4). Levels
// 4..22 (the lazy family and the optimal parsers) have their own, lighter grids
// (strategy_levels()).
inline const std::vector<int>& built_levels() {
  static const std::vector<int> levels = {zstdpp::MIN_COMPRESSION_LEVEL, -100, -5, -1, 1, 2, 3, 4};
  return levels;
}

inline zstdpp::CompressorOptions level_options(int level) {
  zstdpp::CompressorOptions o;
  o.level = level;
  return o;
}

inline zstdpp::CompressorOptions params_options(const zstdpp::ZstdCompressionParameters& p) {
  zstdpp::CompressorOptions o;
  o.compression_params = p;
  return o;
}

// Explicit parameters forcing fast or dfast, from tiny tables to large ones, with
// windows of 1..4 KiB (far smaller than a block: matches must stay inside the window and
// blocks inside Block_Maximum_Size) up to 8 MiB.
inline std::vector<EncoderCase> built_parameter_cases() {
  using zstdpp::ZstdCompressionParameters;
  auto fast = [](int window_log, int hash_log, int min_match, int target_length) {
    ZstdCompressionParameters p;
    p.strategy = zstdpp::STRATEGY_FAST;
    p.window_log = window_log;
    p.hash_log = hash_log;
    p.min_match = min_match;
    p.target_length = target_length;
    return p;
  };
  auto dfast = [](int window_log, int hash_log, int chain_log, int min_match) {
    ZstdCompressionParameters p;
    p.strategy = zstdpp::STRATEGY_DFAST;
    p.window_log = window_log;
    p.hash_log = hash_log;
    p.chain_log = chain_log;
    p.min_match = min_match;
    return p;
  };
  return {
      {"fast-w10-h6-m4", params_options(fast(10, 6, 4, 0))},
      {"fast-w12-h12-m7", params_options(fast(12, 12, 7, 0))},
      {"fast-w15-h14-m5-t64", params_options(fast(15, 14, 5, 64))},
      {"fast-w23-h20-m6", params_options(fast(23, 20, 6, 0))},
      {"dfast-w11-h8-c6-m4", params_options(dfast(11, 8, 6, 4))},
      {"dfast-w17-h16-c14-m6", params_options(dfast(17, 16, 14, 6))},
      {"dfast-w20-h22-c20-m3", params_options(dfast(20, 22, 20, 3))},
      {"dfast-w16-h12-c16-m7", params_options(dfast(16, 12, 16, 7))},
  };
}

inline std::vector<EncoderCase> built_encoder_cases() {
  std::vector<EncoderCase> cases;
  for (int level : built_levels()) cases.push_back({"level" + std::to_string(level), level_options(level)});
  for (auto& c : built_parameter_cases()) cases.push_back(c);
  return cases;
}

// The same options with the frame flags set, wherever they live (options or parameters).
inline zstdpp::CompressorOptions with_flags(zstdpp::CompressorOptions o, bool checksum, bool content_size) {
  if (o.compression_params) {
    o.compression_params->write_checksum = checksum;
    o.compression_params->write_content_size = content_size;
  } else {
    o.write_checksum = checksum;
    o.write_content_size = content_size;
  }
  return o;
}

struct InputCase {
  std::string name;
  Bytes data;
};

// The inputs of the round-trip grid, made once per process (fixed seeds).
inline const std::vector<InputCase>& encoder_inputs() {
  static const std::vector<InputCase> inputs = [] {
    std::vector<InputCase> v;
    v.push_back({"empty", {}});
    v.push_back({"one-byte", {0x5A}});
    v.push_back({"two-bytes", {0x00, 0xFF}});
    v.push_back({"text-300k", make_english_text(300000, 11)});
    v.push_back({"binary-200k", make_structured_binary(200000, 12)});
    v.push_back({"random-200k", make_random_bytes(200000, 13)});
    v.push_back({"same-byte-1m", Bytes(1 << 20, 0x61)});
    v.push_back({"pattern-100k", make_repeated_pattern(100000, "abcabd0123")});
    v.push_back({"text-131071", make_english_text(131071, 14)});
    v.push_back({"binary-131072", make_structured_binary(131072, 15)});
    v.push_back({"text-131073", make_english_text(131073, 16)});
    // Text, then a run of one byte, then random bytes, then text again: every block kind
    // and a matchable region far behind the current block.
    Bytes mixed = make_english_text(100000, 17);
    mixed.insert(mixed.end(), 40000, 0x20);
    append(mixed, make_random_bytes(60000, 18));
    append(mixed, make_english_text(62145, 17));
    v.push_back({"mixed-262145", mixed});
    // A zero-length view of real memory, as most empty inputs are (a null data() is tested
    // on its own, in the API suite, so it cannot hide the rest of a sanitizer run).
    v[0].data.reserve(1);
    return v;
  }();
  return inputs;
}

// The input called `name` in `inputs` (a list named `list` in the error).
inline const InputCase& find_input(const std::vector<InputCase>& inputs, std::string_view name, const char* list) {
  for (const InputCase& c : inputs)
    if (c.name == name) return c;
  throw std::runtime_error(std::string("no ") + list + " input named " + std::string(name));
}

inline const InputCase& encoder_input(std::string_view name) { return find_input(encoder_inputs(), name, "encoder"); }

// ---- The lazy family (greedy, lazy, lazy2 over a row table or hash chain; btlazy2) and ----
// ---- the optimal parsers (btopt, btultra, btultra2) ---------------------------------------
//
// Their grids are lighter than the fast / dfast one (the lazy family is 3-30x slower, the
// optimal parsers 2-5x slower again, and the suites also run under ASan + UBSan): inputs
// of modest sizes, one or two per row of the level table, and explicit parameter sets
// chosen to reach the finders' edges.

// The name a use_row_match_finder value adds to a case: "", "-row", "-chain".
inline const char* row_finder_suffix(int use_row_match_finder) {
  switch (use_row_match_finder) {
    case zstdpp::ROW_MATCH_FINDER_ENABLE: return "-row";
    case zstdpp::ROW_MATCH_FINDER_DISABLE: return "-chain";
    default: return "";
  }
}

// Levels 4..22: greedy, lazy, lazy2 and btlazy2 in the largest row up to 15, btopt,
// btultra and btultra2 from 16 (the smaller rows of the level table reach btopt from
// level 11 or 13).
inline std::vector<int> strategy_levels() {
  std::vector<int> levels;
  for (int level = 4; level <= zstdpp::MAX_COMPRESSION_LEVEL; ++level) levels.push_back(level);
  return levels;
}

// The first level whose every row is an optimal parser (btopt, btultra, btultra2).
inline constexpr int kFirstOptimalLevel = 16;

// Levels 20..22 with the input's size unknown ask for a 32..128 MiB window and tables of
// 2^25..2^27 entries (233..938 MB; level 22's chain alone is 512 MiB, and its 2^27
// window turns long-distance matching on). The grids stream them unpledged with the
// level's search parameters (search_log, min_match, target_length, strategy) over the
// tables level 22 uses for a 600 KB input: a 1 MiB window, chain_log 21, hash_log 21.
// Pledged streams and one-shot calls use the levels as they are (the size shrinks them).
inline constexpr int kLargestUnknownSizeLevel = 19;

inline zstdpp::CompressorOptions unknown_size_level_options(int level) {
  if (level <= kLargestUnknownSizeLevel) return level_options(level);
  zstdpp::ZstdCompressionParameters p;
  p.compression_level = level;
  p.window_log = 20;
  p.chain_log = 21;
  p.hash_log = 21;
  return params_options(p);
}

// A level through compression_params with the finder pinned (the rest from the level).
inline zstdpp::CompressorOptions level_with_finder(int level, int use_row_match_finder) {
  zstdpp::ZstdCompressionParameters p;
  p.compression_level = level;
  p.use_row_match_finder = use_row_match_finder;
  return params_options(p);
}

struct LazyShape {
  const char* name;
  int window_log, hash_log, chain_log, search_log, min_match, target_length;
};

// Shapes that reach the finders' edges: windows of 1..4 KiB (smaller than a block, so
// streaming slides the window hundreds of times over an input), chains of 64 entries
// that wrap every 64 positions, one candidate per position (search_log 1) and deep
// searches (6..8), tiny hash tables (many collisions), min_match 3 and 7 (clamped by the
// finders to 4..6), and a block-sized and a 1 MiB window.
inline const std::vector<LazyShape>& lazy_shapes() {
  static const std::vector<LazyShape> shapes = {
      {"w10-h10-c6-s1-m4", 10, 10, 6, 1, 4, 0},     {"w11-h12-c6-s6-m5", 11, 12, 6, 6, 5, 16},
      {"w12-h8-c12-s7-m6", 12, 8, 12, 7, 6, 64},    {"w17-h16-c16-s4-m3", 17, 16, 16, 4, 3, 32},
      {"w20-h18-c18-s8-m7", 20, 18, 18, 8, 7, 256},
  };
  return shapes;
}

inline zstdpp::ZstdCompressionParameters lazy_parameters(zstdpp::Strategy strategy, int use_row_match_finder,
                                                         const LazyShape& shape) {
  zstdpp::ZstdCompressionParameters p;
  p.strategy = strategy;
  p.use_row_match_finder = use_row_match_finder;
  p.window_log = shape.window_log;
  p.hash_log = shape.hash_log;
  p.chain_log = shape.chain_log;
  p.search_log = shape.search_log;
  p.min_match = shape.min_match;
  p.target_length = shape.target_length;
  return p;
}

// Shapes for the optimal parsers (the same fields): windows of 1..4 KiB (hundreds of slides
// in a stream, most matches cut by the window), a block-sized and a 1 MiB window; every
// match collector (min_match 3 with its 3-byte table, 4, 5, 6, and 7, which the parsers
// treat as 6); one candidate per position (search_log 1) and deep walks (8, 10); a tree of
// 64 entries (32 nodes) that wraps every 32 positions; target_length 4 (every match
// longer than 4 bytes taken at once, hardly a parse), 16, 48 and 256 (as levels 16..19)
// and 999 and 131072 (every match priced length by length, to the parse's end).
inline const std::vector<LazyShape>& optimal_shapes() {
  static const std::vector<LazyShape> shapes = {
      {"w10-h10-c10-s1-m3-t4", 10, 10, 10, 1, 3, 4},     {"w11-h12-c11-s4-m4-t16", 11, 12, 11, 4, 4, 16},
      {"w12-h8-c6-s10-m5-t999", 12, 8, 6, 10, 5, 999},   {"w12-h12-c12-s6-m6-t131072", 12, 12, 12, 6, 6, 131072},
      {"w17-h16-c17-s5-m3-t256", 17, 16, 17, 5, 3, 256}, {"w20-h18-c19-s8-m7-t48", 20, 18, 19, 8, 7, 48},
  };
  return shapes;
}

inline bool is_optimal(zstdpp::Strategy s) { return s >= zstdpp::STRATEGY_BTOPT; }

// Every lazy-family strategy over both finders (btlazy2 ignores the flag: both are kept,
// and a test checks they give the same frames) in every shape: "lazy2-row-w10-..."; then
// btopt, btultra and btultra2 (which ignore the flag too) in every optimal shape:
// "btultra2-w10-...".
inline std::vector<EncoderCase> strategy_parameter_cases() {
  std::vector<EncoderCase> cases;
  for (zstdpp::Strategy s : {zstdpp::STRATEGY_GREEDY, zstdpp::STRATEGY_LAZY, zstdpp::STRATEGY_LAZY2,
                             zstdpp::STRATEGY_BTLAZY2}) {
    for (int row : {zstdpp::ROW_MATCH_FINDER_ENABLE, zstdpp::ROW_MATCH_FINDER_DISABLE}) {
      for (const LazyShape& shape : lazy_shapes()) {
        cases.push_back({std::string(zstdpp::strategy_name(s)) + row_finder_suffix(row) + "-" + shape.name,
                         params_options(lazy_parameters(s, row, shape))});
      }
    }
  }
  for (zstdpp::Strategy s : {zstdpp::STRATEGY_BTOPT, zstdpp::STRATEGY_BTULTRA, zstdpp::STRATEGY_BTULTRA2}) {
    for (const LazyShape& shape : optimal_shapes()) {
      cases.push_back({std::string(zstdpp::strategy_name(s)) + "-" + shape.name,
                       params_options(lazy_parameters(s, zstdpp::ROW_MATCH_FINDER_AUTO, shape))});
    }
  }
  return cases;
}

// Whether a case of strategy_parameter_cases() forces an optimal parser.
inline bool forces_optimal(const EncoderCase& c) {
  return c.options.compression_params && is_optimal(c.options.compression_params->strategy);
}

// The inputs of the lazy-family grids, by row of the level table they select when their
// size is known: <= 16 KiB, <= 128 KiB, <= 256 KiB, larger; sizes on each side of a
// boundary; text, structured binary, random (incompressible), one repeated byte, empty
// and one byte. Made once per process (fixed seeds).
inline const std::vector<InputCase>& strategy_inputs() {
  static const std::vector<InputCase> inputs = [] {
    std::vector<InputCase> v;
    v.push_back({"empty", {}});
    v.back().data.reserve(1);
    v.push_back({"one-byte", {0xA5}});
    v.push_back({"text-16384", make_english_text(16384, 41)});
    v.push_back({"binary-12000", make_structured_binary(12000, 42)});
    v.push_back({"same-byte-16385", Bytes(16385, 0x00)});
    v.push_back({"random-100000", make_random_bytes(100000, 43)});
    v.push_back({"binary-131072", make_structured_binary(131072, 44)});
    v.push_back({"text-131073", make_english_text(131073, 45)});
    // Text, a run, random bytes, then the text's start again (a match 180 KB back).
    Bytes mixed = make_english_text(90000, 46);
    mixed.insert(mixed.end(), 30000, 0x20);
    append(mixed, make_random_bytes(60000, 47));
    const Bytes start(mixed.begin(), mixed.begin() + (262144 - 180000));  // (no self-insert)
    append(mixed, start);
    v.push_back({"mixed-262144", mixed});
    v.push_back({"same-byte-300000", Bytes(300000, 0x61)});
    // 600 KiB: text, structured binary, a repeat of the text from 300 KB back, random
    // bytes, and binary again.
    Bytes large = make_english_text(200000, 48);
    append(large, make_structured_binary(150000, 49));
    const Bytes text_again(large.begin(), large.begin() + 120000);
    append(large, text_again);
    append(large, make_random_bytes(40000, 50));
    append(large, make_structured_binary(614400 - 510000, 51));
    v.push_back({"mixed-614400", large});
    return v;
  }();
  return inputs;
}

inline const InputCase& strategy_input(std::string_view name) { return find_input(strategy_inputs(), name, "strategy"); }

// The inputs a level's grid compresses: all of strategy_inputs() up to level 15; from 16
// (2-5x slower again) one or two per row of the level table, leaving out the 600 KiB
// mixture and the text just past a block (the binary block and the 256 KiB mixture cover
// one and two blocks; the 300 KB run of one byte is the largest row, cheap to parse).
inline std::vector<const InputCase*> strategy_level_inputs(int level) {
  std::vector<const InputCase*> inputs;
  for (const InputCase& in : strategy_inputs()) {
    if (level >= kFirstOptimalLevel && (in.name == "mixed-614400" || in.name == "text-131073")) continue;
    inputs.push_back(&in);
  }
  return inputs;
}

// Decodes one frame with zstdpp's own decoder; the limit keeps a frame without a content
// size (or a wrong one) from allocating more than the expected content.
// With `dict`, the decoder holds that dictionary.
inline Bytes zstdpp_decode(ByteView frame, std::size_t expected_size,
                           const zstdpp::ZstdCompressionDict* dict = nullptr) {
  zstdpp::DecompressorOptions options;
  if (dict != nullptr) options.dict_data = *dict;
  zstdpp::ZstdDecompressor d(options);
  zstdpp::DecompressOptions o;
  o.max_output_size = std::max<std::size_t>(1, expected_size);
  o.allow_extra_data = false;
  return d.decompress(frame, o);
}

// Decodes `frame` with zstdpp's decoder (holding `dict` when given) and compares; returns
// false, with a failure naming `what`, when it is refused or decodes to other bytes.
inline bool expect_decodes_to(ByteView frame, ByteView want, const std::string& what,
                              const zstdpp::ZstdCompressionDict* dict = nullptr) {
  Bytes got;
  try {
    got = zstdpp_decode(frame, want.size(), dict);
  } catch (const zstdpp::ZstdError& e) {
    ADD_FAILURE() << what << ": the decoder rejected the frame: " << e.what();
    return false;
  }
  if (!same_bytes(got, want)) {
    ADD_FAILURE() << what << ": decoded to different bytes: " << describe_mismatch(got, want);
    return false;
  }
  return true;
}

// Streams `data` (a frame, possibly unfinished) through a fresh decoder (holding `dict`
// when given) until it stops making progress; returns what came out, at most `limit`
// bytes. `in_consumed` gets the bytes it took.
inline Bytes decode_available(ByteView data, std::size_t limit, std::size_t& in_consumed,
                              const zstdpp::ZstdCompressionDict* dict = nullptr) {
  zstdpp::DecompressorOptions options;
  if (dict != nullptr) options.dict_data = *dict;
  zstdpp::ZstdDecompressor d(options);
  zstdpp::InBuffer in{data};
  Bytes out_bytes(limit + 1);
  zstdpp::OutBuffer out{out_bytes};
  for (int i = 0; i < 100000; ++i) {
    const std::size_t in_before = in.pos, out_before = out.pos;
    d.decompress_stream(in, out);
    if (in.pos == in_before && out.pos == out_before) break;
  }
  in_consumed = in.pos;
  out_bytes.resize(out.pos);
  return out_bytes;
}

// Runs `f`; a ZstdError escaping it becomes a failure naming `what`, so the next input or
// setting of a loop still runs (one unsupported case must not hide the others).
template <typename F>
inline void guarded(const std::string& what, F&& f) {
  try {
    f();
  } catch (const zstdpp::ZstdError& e) {
    ADD_FAILURE() << what << ": ZstdError " << zstdpp::error_code_name(e.code()) << ": " << e.what();
  }
}

// Decodes with the reference CLI (`zstd -d`, plus `args`, e.g. "-D FILE"); nullopt (and
// the CLI's words in `message`) when it rejects the frame.
inline std::optional<Bytes> zstd_cli_decode(const TempDir& dir, ByteView frame, std::string& message,
                                            const std::string& args = "") {
  static int counter = 0;
  std::string stem = "d" + std::to_string(counter++);
  auto in = dir.file(stem + ".zst");
  auto out = dir.file(stem + ".out");
  write_file(in, frame);
  // No -q (it silences the CLI's error messages too), and -o rather than "-c >": run_command
  // sends stderr where stdout goes.
  std::string cmd = shell_quote(*zstd_cli_path()) + " -d -f " + (args.empty() ? "" : args + " ") +
                    shell_quote(in.string()) + " -o " + shell_quote(out.string());
  CommandResult r = run_command(cmd);
  std::filesystem::remove(in);
  if (r.exit_code != 0) {
    std::string said = r.output;  // the CLI starts its lines with '\r' (progress display)
    said.erase(std::remove(said.begin(), said.end(), '\r'), said.end());
    message = "zstd -d exited with " + std::to_string(r.exit_code) + ": " + said;
    std::filesystem::remove(out);
    return std::nullopt;
  }
  Bytes decoded = read_file(out);
  std::filesystem::remove(out);
  return decoded;
}

struct StreamCompressPolicy {
  double flush_probability = 0.15;  // chance that an input piece is pushed with FLUSH_BLOCK
  std::size_t max_in = 200000;      // largest input piece
  std::size_t max_out = 256 * 1024; // largest output buffer
};

struct StreamCompressResult {
  Bytes frame;
  std::size_t calls = 0;
  std::size_t flushes = 0;
  std::string protocol_problem;  // first violation of compress_stream's contract
};

// Drives compress_stream like a careful caller, from `seed`: input in random pieces (1
// byte to max_in: 1..16 bytes 20%, up to 4 KiB 60%, up to max_in 20%), each piece pushed
// with CONTINUE (or, with flush_probability, FLUSH_BLOCK until it returns 0), output
// buffers of random sizes down to 1 byte, then FLUSH_FRAME with no input until it returns 0. Output sizes: 1 byte (5%), up to 64 (20%), up to 8 KiB (50%),
// up to max_out (25%), so a frame crosses buffer ends everywhere: headers, block headers,
// the checksum. ZstdError propagates to the test.
inline StreamCompressResult stream_compress_random(zstdpp::ZstdCompressor& c, ByteView input, std::uint32_t seed,
                                                   const StreamCompressPolicy& policy = {}) {
  StreamCompressResult r;
  std::mt19937 rng(seed);
  Bytes buffer(policy.max_out);
  auto problem = [&r](const std::string& what) {
    if (r.protocol_problem.empty()) r.protocol_problem = what;
  };
  auto out_size = [&]() -> std::size_t {
    const unsigned u = rng() % 100;
    if (u < 5) return 1;
    if (u < 25) return 1 + rng() % 64;
    if (u < 75) return 1 + rng() % std::min<std::size_t>(8192, policy.max_out);
    return 1 + rng() % policy.max_out;
  };
  auto in_size = [&]() -> std::size_t {
    const unsigned u = rng() % 100;
    if (u < 20) return 1 + rng() % 16;
    if (u < 80) return 1 + rng() % std::min<std::size_t>(4096, policy.max_in);
    return 1 + rng() % policy.max_in;
  };
  // Calls until the mode's goal: CONTINUE: the piece is consumed; FLUSH_*: also 0 returned.
  auto drive = [&](zstdpp::InBuffer& in, zstdpp::StreamMode mode) -> bool {
    unsigned stalls = 0;
    for (;;) {
      zstdpp::OutBuffer out{zstdpp::MutableByteView(buffer.data(), out_size())};
      const std::size_t in_before = in.pos;
      const std::size_t remaining = c.compress_stream(in, out, mode);
      ++r.calls;
      if (in.pos > in.src.size() || out.pos > out.dst.size() || in.pos < in_before) {
        problem("compress_stream moved a cursor backwards or past its buffer");
        return false;
      }
      r.frame.insert(r.frame.end(), buffer.begin(), buffer.begin() + static_cast<std::ptrdiff_t>(out.pos));
      const bool consumed = in.pos == in.src.size();
      if (mode == zstdpp::StreamMode::CONTINUE ? consumed : (consumed && remaining == 0)) return true;
      if (mode != zstdpp::StreamMode::CONTINUE && consumed && remaining != 0 && out.pos < out.dst.size()) {
        problem("compress_stream returned " + std::to_string(remaining) +
                " bytes left to flush although its output buffer was not full");
      }
      stalls = (in.pos == in_before && out.pos == 0) ? stalls + 1 : 0;
      if (stalls >= 4) {
        problem("compress_stream made no progress 4 times in a row (mode " +
                std::to_string(static_cast<int>(mode)) + ")");
        return false;
      }
    }
  };
  std::size_t offset = 0;
  while (offset < input.size()) {
    const std::size_t n = std::min(in_size(), input.size() - offset);
    zstdpp::InBuffer in{input.subspan(offset, n)};
    const bool flush = std::uniform_real_distribution<double>(0, 1)(rng) < policy.flush_probability;
    if (flush) ++r.flushes;
    if (!drive(in, flush ? zstdpp::StreamMode::FLUSH_BLOCK : zstdpp::StreamMode::CONTINUE)) return r;
    offset += n;
  }
  zstdpp::InBuffer none{ByteView()};
  drive(none, zstdpp::StreamMode::FLUSH_FRAME);
  return r;
}

}  // namespace zstdpp_test

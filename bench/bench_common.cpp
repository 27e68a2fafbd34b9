// Implementation of bench_common.hpp: corpus lookup, libzstd reference frames, frame cache.
//
// The cache is written to a temporary name and renamed into place, so an interrupted
// level-19 run never leaves a truncated frame behind for the next run to time.
#include "bench_common.hpp"

#include <zstd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <stdexcept>
#include <utility>
#include <unistd.h>

#ifndef ZSTDPP_SHARED_DIR
#define ZSTDPP_SHARED_DIR "/work/shared"
#endif

namespace zstdpp::bench {
namespace fs = std::filesystem;

const std::vector<std::string>& corpus_file_names() {
  static const std::vector<std::string> names = {"dickens", "mr",      "nci", "ooffice",
                                                 "osdb",    "reymont", "xml"};
  return names;
}

Buffer read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path.string());
  in.seekg(0, std::ios::end);
  const std::streamoff size = in.tellg();
  in.seekg(0, std::ios::beg);
  Buffer data(static_cast<std::size_t>(size));
  if (size > 0 && !in.read(reinterpret_cast<char*>(data.data()), size)) {
    throw std::runtime_error("cannot read " + std::to_string(size) + " bytes of " + path.string());
  }
  return data;
}

namespace {

void write_file_atomically(const fs::path& path, const Buffer& data) {
  const fs::path tmp = path.string() + ".tmp" + std::to_string(::getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error("cannot create " + tmp.string());
    out.write(reinterpret_cast<const char*>(data.data()), static_cast<std::streamsize>(data.size()));
    if (!out) throw std::runtime_error("cannot write " + tmp.string());
  }
  fs::rename(tmp, path);
}

bool corpus_complete(const fs::path& dir) {
  for (const std::string& name : corpus_file_names()) {
    std::error_code ec;
    if (fs::file_size(dir / name, ec) == 0 || ec) return false;
  }
  return true;
}

// Frame_Header_Descriptor bit 2 (RFC 8878 3.1.1.1.1.5): Content_Checksum_Flag.
bool frame_has_checksum(const Buffer& frame) {
  return frame.size() > 4 && (frame[4] & 0x04) != 0;
}

}  // namespace

bool is_one_frame_of(const Buffer& frame, std::size_t input_size, bool checksum) {
  if (ZSTD_findFrameCompressedSize(frame.data(), frame.size()) != frame.size()) return false;
  if (ZSTD_getFrameContentSize(frame.data(), frame.size()) != input_size) return false;
  return frame_has_checksum(frame) == checksum;
}

fs::path find_corpus(const std::string& explicit_dir, bool allow_unpack) {
  if (!explicit_dir.empty()) return explicit_dir;
  if (const char* env = std::getenv("ZSTDPP_CORPUS"); env != nullptr && *env != '\0') return env;
  const fs::path dir = kDefaultCorpusDir;
  if (corpus_complete(dir)) return dir;
  const fs::path unpack = fs::path(ZSTDPP_SHARED_DIR) / "corpus" / "unpack.sh";
  if (!allow_unpack || !fs::exists(unpack)) return {};
  std::cerr << "unpacking the corpus: " << unpack.string() << " " << dir.string() << "\n";
  const std::string command = "sh '" + unpack.string() + "' '" + dir.string() + "' >/dev/null";
  if (std::system(command.c_str()) != 0 || !corpus_complete(dir)) {
    std::cerr << "warning: " << unpack.string() << " failed; no corpus\n";
    return {};
  }
  return dir;
}

Buffer libzstd_compress(const Buffer& input, int level, bool checksum) {
  ZSTD_CCtx* cctx = ZSTD_createCCtx();
  if (cctx == nullptr) throw std::runtime_error("ZSTD_createCCtx failed");
  // The zstd CLI's file defaults: content size in the header, checksum on.
  ZSTD_CCtx_setParameter(cctx, ZSTD_c_compressionLevel, level);
  ZSTD_CCtx_setParameter(cctx, ZSTD_c_checksumFlag, checksum ? 1 : 0);
  ZSTD_CCtx_setParameter(cctx, ZSTD_c_contentSizeFlag, 1);
  ZSTD_CCtx_setParameter(cctx, ZSTD_c_nbWorkers, 0);
  ZSTD_CCtx_setPledgedSrcSize(cctx, input.size());
  // Fed in ZSTD_CStreamInSize() pieces as `zstd --single-thread` reads a file, which makes
  // the frame byte-identical to that command's output (checked with cmp for 1.5.4); a
  // one-shot ZSTD_compress2 frame differs from it by a few hundred bytes of block choices.
  Buffer frame(ZSTD_compressBound(input.size()));
  ZSTD_outBuffer out{frame.data(), frame.size(), 0};
  const std::size_t chunk = ZSTD_CStreamInSize();
  std::size_t pos = 0;
  for (bool done = false; !done;) {
    const std::size_t n = std::min(chunk, input.size() - pos);
    const ZSTD_EndDirective mode = pos + n == input.size() ? ZSTD_e_end : ZSTD_e_continue;
    ZSTD_inBuffer in{input.data() + pos, n, 0};
    std::size_t left = 0;
    do {
      left = ZSTD_compressStream2(cctx, &out, &in, mode);
      if (ZSTD_isError(left)) {
        ZSTD_freeCCtx(cctx);
        throw std::runtime_error(std::string("ZSTD_compressStream2 at level ") +
                                 std::to_string(level) + " failed: " + ZSTD_getErrorName(left));
      }
    } while (in.pos < in.size || (mode == ZSTD_e_end && left != 0));
    pos += n;
    done = mode == ZSTD_e_end;
  }
  ZSTD_freeCCtx(cctx);
  frame.resize(out.pos);
  return frame;
}

Buffer cached_frame(const fs::path& cache_dir, const std::string& name, const Buffer& input,
                    int level, bool checksum) {
  const fs::path path =
      cache_dir / (name + "." + std::to_string(level) + (checksum ? "" : ".nocheck") + ".zst");
  std::error_code ec;
  if (fs::exists(path, ec)) {
    Buffer frame = read_file(path);
    if (is_one_frame_of(frame, input.size(), checksum)) return frame;
    std::cerr << "stale cache entry " << path.string() << " (size or flags differ): rebuilding\n";
  }
  std::cerr << "compressing " << name << " (" << input.size() << " bytes) at level " << level
            << " with libzstd" << (level >= 16 ? " (slow at this level; cached after)" : "")
            << "...\n";
  Buffer frame = libzstd_compress(input, level, checksum);
  fs::create_directories(cache_dir, ec);
  try {
    write_file_atomically(path, frame);
  } catch (const std::exception& e) {
    std::cerr << "warning: frame not cached: " << e.what() << "\n";
  }
  return frame;
}

Buffer synthetic_text(std::size_t size, std::uint32_t seed) {
  static const char* const kWords[] = {
      "the",  "of",     "and",   "to",      "in",    "frame",  "block", "literal",
      "that", "window", "match", "offset",  "is",    "was",    "with",  "sequence",
      "for",  "table",  "as",    "decoder", "which", "stream", "his",   "entropy",
      "on",   "by",     "from",  "it",      "her",   "were",   "huffman", "history"};
  constexpr std::size_t kWordCount = sizeof(kWords) / sizeof(kWords[0]);
  Buffer out;
  out.reserve(size + 32);
  std::uint64_t state = 0x9E3779B97F4A7C15ull ^ seed;
  auto next = [&state] {  // xorshift64*: fast, deterministic across platforms
    state ^= state >> 12;
    state ^= state << 25;
    state ^= state >> 27;
    return static_cast<std::uint32_t>((state * 0x2545F4914F6CDD1Dull) >> 32);
  };
  while (out.size() < size) {
    const std::uint32_t r = next();
    // Skewed word choice (min of two draws) gives a Zipf-like frequency profile.
    const std::size_t w = std::min(r % kWordCount, (r >> 8) % kWordCount);
    for (const char* p = kWords[w]; *p != '\0'; ++p) out.push_back(static_cast<std::uint8_t>(*p));
    const std::uint32_t tail = (r >> 16) % 32;
    if (tail == 0) {
      for (const char c : std::to_string(next() % 100000)) out.push_back(static_cast<std::uint8_t>(c));
      out.push_back(' ');
    } else if (tail < 3) {
      out.push_back(tail == 1 ? '.' : ',');
      out.push_back(tail == 1 ? '\n' : ' ');
    } else {
      out.push_back(' ');
    }
  }
  out.resize(size);
  return out;
}

std::string libzstd_version() { return ZSTD_versionString(); }
int libzstd_min_level() { return ZSTD_minCLevel(); }
int libzstd_max_level() { return ZSTD_maxCLevel(); }

LibzstdDecoder::LibzstdDecoder() : dctx_(ZSTD_createDCtx()) {
  if (dctx_ == nullptr) throw std::runtime_error("ZSTD_createDCtx failed");
}
LibzstdDecoder::~LibzstdDecoder() { ZSTD_freeDCtx(static_cast<ZSTD_DCtx*>(dctx_)); }

std::size_t LibzstdDecoder::decompress(const Buffer& frame, std::uint8_t* dst, std::size_t capacity) {
  const std::size_t n =
      ZSTD_decompressDCtx(static_cast<ZSTD_DCtx*>(dctx_), dst, capacity, frame.data(), frame.size());
  if (ZSTD_isError(n)) throw std::runtime_error(std::string("libzstd: ") + ZSTD_getErrorName(n));
  return n;
}

LibzstdEncoder::LibzstdEncoder(bool checksum) : cctx_(ZSTD_createCCtx()) {
  if (cctx_ == nullptr) throw std::runtime_error("ZSTD_createCCtx failed");
  auto* cctx = static_cast<ZSTD_CCtx*>(cctx_);
  ZSTD_CCtx_setParameter(cctx, ZSTD_c_checksumFlag, checksum ? 1 : 0);
  ZSTD_CCtx_setParameter(cctx, ZSTD_c_contentSizeFlag, 1);
  ZSTD_CCtx_setParameter(cctx, ZSTD_c_nbWorkers, 0);
}
LibzstdEncoder::~LibzstdEncoder() { ZSTD_freeCCtx(static_cast<ZSTD_CCtx*>(cctx_)); }

void LibzstdEncoder::set_level(int level) {
  const std::size_t r = ZSTD_CCtx_setParameter(static_cast<ZSTD_CCtx*>(cctx_), ZSTD_c_compressionLevel, level);
  if (ZSTD_isError(r)) {
    throw std::runtime_error("libzstd refuses level " + std::to_string(level) + ": " + ZSTD_getErrorName(r));
  }
}

void LibzstdEncoder::set_long(int window_log) {
  auto* cctx = static_cast<ZSTD_CCtx*>(cctx_);
  for (const auto& [param, value] : {std::pair{ZSTD_c_enableLongDistanceMatching, window_log != 0 ? 1 : 0},
                                     std::pair{ZSTD_c_windowLog, window_log}}) {
    const std::size_t r = ZSTD_CCtx_setParameter(cctx, param, value);
    if (ZSTD_isError(r)) {
      throw std::runtime_error("libzstd refuses --long=" + std::to_string(window_log) + ": " + ZSTD_getErrorName(r));
    }
  }
}

std::size_t LibzstdEncoder::compress(const std::uint8_t* src, std::size_t size, std::uint8_t* dst,
                                     std::size_t capacity) {
  const std::size_t n = ZSTD_compress2(static_cast<ZSTD_CCtx*>(cctx_), dst, capacity, src, size);
  if (ZSTD_isError(n)) throw std::runtime_error(std::string("libzstd ZSTD_compress2: ") + ZSTD_getErrorName(n));
  return n;
}

std::size_t libzstd_compress_bound(std::size_t size) { return ZSTD_compressBound(size); }

}  // namespace zstdpp::bench

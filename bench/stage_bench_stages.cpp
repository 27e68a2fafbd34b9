// Per-stage decoder suites of zstdpp_stage_bench: each times one stage of the decoder
// alone, through the internal headers, on the real tables and streams of the libzstd
// frames the whole-frame suites decode.
//
// Preparation walks every frame once with the engine's own stage functions (block headers,
// decode_literals, read_sequences_header, execute_sequences), checks that the walk
// rebuilds the frame's content byte for byte, and keeps, per compressed block, what each
// stage needs to be replayed alone: the Huffman table and streams of its literals, its
// FSE table descriptions, a snapshot of its sequence tables and repeat offsets, its
// decoded literals. Suites (STAGE/DATA/LEVEL, all blocks of the frame per iteration):
//   huf/decode_V   Huffman literal streams only (1- or 4-stream, as the frame chose)
//   huf/table      tree description read + X1 decode table build, per Huffman table
//   fse/read       FSE table descriptions of the sequences sections (section 4.1.1)
//   fse/build      build_seq_table from those distributions (FSE spread + baselines)
//   lit/section_V  whole literals sections (header, tree, streams) in block order
//   seq/header     sequences section headers incl. table building, in block order
//   seq/execute_V  sequence decoding + execution into the frame's output buffer
//   block/decode_V BlockDecoder::decode_block over every block of the frame (all stages
//                  above plus raw/RLE blocks): the frame minus header, checksum, output
//                  allocation and API plumbing
// _V: one suite per kernel variant the CPU runs (portable, bmi2: common/cpu.hpp).
// Bytes/s are uncompressed bytes each stage produces (literals for huf/lit, block output
// for seq/execute and block/decode); items/s count tables or sections. Raw and RLE blocks
// are left out of all but block/decode: they are a memcpy/memset.
//
// Why replay rather than time inside a real decode: a stage's cost must be separable
// from its neighbours' cache effects to tell which one an optimisation moved; the frame
// suites give the sum. The literals header is re-parsed here (RFC 8878 3.1.1.3.1.1) only
// to locate the Huffman streams, since decode_literals() does not expose them.
#include <benchmark/benchmark.h>

#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "common/cpu.hpp"
#include "common/format.hpp"
#include "common/status.hpp"
#include "decoder/block_decoder.hpp"
#include "decoder/frame_header.hpp"
#include "decoder/literals.hpp"
#include "decoder/sequence_exec.hpp"
#include "decoder/sequence_tables.hpp"
#include "entropy/fse_decode.hpp"
#include "entropy/huf_decode.hpp"
#include "stage_bench.hpp"

namespace zstdpp::bench {
namespace {

using decoder::SeqKind;

// Huffman-coded literals of one block, located for huf/decode and huf/table.
struct HufSection {
  const std::uint8_t* tree = nullptr;  // tree description (compressed type), else nullptr
  std::size_t tree_size = 0;
  const std::uint8_t* streams = nullptr;
  std::size_t streams_size = 0;
  std::size_t regenerated = 0;
  bool four_streams = false;
  std::size_t table_index = 0;  // into FrameWalk::huf_tables (treeless: the previous one)
};

struct FseDescription {
  SeqKind kind;
  const std::uint8_t* src;
  std::size_t size;  // bytes the description took
  entropy::NormalizedCounts norm;
};

struct CompressedBlock {
  const std::uint8_t* content = nullptr;
  std::size_t size = 0;
  std::size_t out_pos = 0;   // where the block's output starts in the frame's content
  std::size_t produced = 0;  // block output size
  std::size_t sequences_offset = 0;  // sequences section, from `content`
  const std::uint8_t* bitstream = nullptr;
  std::size_t bitstream_size = 0;
  std::size_t num_sequences = 0;
  Buffer literals;  // decoded, plus kLiteralsSlack readable bytes
  std::size_t literals_size = 0;
  std::unique_ptr<decoder::SeqTableSet> tables;  // as read_sequences_header left them
  decoder::RepeatOffsets rep_before{};
};

// Any block, for block/decode.
struct AnyBlock {
  decoder::BlockHeader header;
  const std::uint8_t* content = nullptr;
  std::size_t out_pos = 0;
};

// Everything the stage suites replay from one frame.
struct FrameWalk {
  std::string error;  // non-empty: the walk failed, every suite of this frame is skipped
  decoder::FrameHeader header;
  KernelVariant variant = KernelVariant::kPortable;  // the one the walk used
  std::vector<AnyBlock> all_blocks;
  std::vector<CompressedBlock> blocks;
  std::vector<HufSection> huf_sections;
  std::vector<entropy::HuffmanDecodeTable> huf_tables;
  std::vector<FseDescription> fse_descriptions;
  Buffer output;  // the frame's content + kOutputSlack, the seq/execute destination
};

std::string fail_text(const Status& s, const char* where) { return std::string(where) + ": " + describe(s); }

// Locates the Huffman streams of a literals section (RFC 8878 3.1.1.3.1.1). Returns false
// for raw and RLE sections.
bool locate_huffman_section(const std::uint8_t* src, std::size_t size, HufSection& out) {
  const auto type = static_cast<format::LiteralsType>(src[0] & 3);
  if (type != format::LiteralsType::kCompressed && type != format::LiteralsType::kTreeless) return false;
  if (size < 5) return false;  // cannot be a valid Huffman section; decode_literals will say why
  const unsigned size_format = (src[0] >> 2) & 3;
  std::size_t header = 0, compressed = 0;
  if (size_format <= 1) {
    const std::uint32_t h = src[0] | (src[1] << 8) | (std::uint32_t{src[2]} << 16);
    header = 3, out.regenerated = (h >> 4) & 0x3FF, compressed = (h >> 14) & 0x3FF;
  } else if (size_format == 2) {
    std::uint32_t h;
    std::memcpy(&h, src, 4);  // little-endian host (x86-64, aarch64): bench-only shortcut
    header = 4, out.regenerated = (h >> 4) & 0x3FFF, compressed = h >> 18;
  } else {
    std::uint32_t h;
    std::memcpy(&h, src, 4);
    header = 5, out.regenerated = (h >> 4) & 0x3FFFF, compressed = (h >> 22) | (std::size_t{src[4]} << 10);
  }
  out.four_streams = size_format != 0;
  out.streams = src + header;
  out.streams_size = compressed;
  if (type == format::LiteralsType::kCompressed) out.tree = src + header;
  return true;
}

// Walks the FSE descriptions of a sequences section header (RFC 8878 3.1.1.3.2.1).
Status collect_fse_descriptions(const std::uint8_t* src, std::size_t size, std::vector<FseDescription>& out) {
  std::size_t pos = 1;
  if (src[0] == 0) return Status::success();
  if (src[0] >= 128) pos = src[0] == 255 ? 3 : 2;
  const std::uint8_t modes = src[pos++];
  const struct {
    SeqKind kind;
    unsigned shift, max_symbol, max_log;
  } streams[] = {{SeqKind::kLiteralLength, 6, format::kMaxLiteralLengthCode, format::kLiteralLengthMaxAccuracyLog},
                 {SeqKind::kOffset, 4, format::kMaxOffsetCode, format::kOffsetMaxAccuracyLog},
                 {SeqKind::kMatchLength, 2, format::kMaxMatchLengthCode, format::kMatchLengthMaxAccuracyLog}};
  for (const auto& s : streams) {
    const auto mode = static_cast<format::SymbolMode>((modes >> s.shift) & 3);
    if (mode == format::SymbolMode::kRle) {
      ++pos;
    } else if (mode == format::SymbolMode::kFse) {
      FseDescription d{s.kind, src + pos, 0, {}};
      ZSTDPP_TRY(entropy::read_fse_description(src + pos, size - pos, s.max_symbol, s.max_log, d.norm, d.size));
      pos += d.size;
      out.push_back(d);
    }
  }
  return Status::success();
}

// A copy of a SeqTableSet whose tables that pointed into the source's own arrays point
// into the copy's.
std::unique_ptr<decoder::SeqTableSet> snapshot(const decoder::SeqTableSet& t) {
  auto copy = std::make_unique<decoder::SeqTableSet>(t);
  const auto rebase = [](decoder::SeqTable& table, const auto& from, auto& to) {
    if (table.entries >= from.data() && table.entries < from.data() + from.size()) {
      table.entries = to.data() + (table.entries - from.data());
    }
  };
  rebase(copy->ll, t.ll_own, copy->ll_own);
  rebase(copy->of, t.of_own, copy->of_own);
  rebase(copy->ml, t.ml_own, copy->ml_own);
  return copy;
}

decoder::BlockOutput block_output(FrameWalk& w, std::size_t content_size, std::size_t out_pos) {
  decoder::BlockOutput out;
  out.op = w.output.data() + out_pos;
  out.oend = w.output.data() + content_size;
  out.writable_end = w.output.data() + w.output.size();
  out.prefix_start = w.output.data();
  out.offset_limit = static_cast<std::size_t>(w.header.window_size);
  return out;
}

Status walk_compressed_block(FrameWalk& w, const std::uint8_t* p, std::size_t size, std::size_t content_size,
                             std::size_t& out_pos, decoder::HuffmanState& huf, decoder::SeqTableSet& tables,
                             decoder::RepeatOffsets& rep, Buffer& lit_buffer) {
  CompressedBlock b;
  b.content = p, b.size = size, b.out_pos = out_pos;
  HufSection hs;
  if (locate_huffman_section(p, size, hs)) {
    if (hs.tree != nullptr) {
      entropy::HuffmanWeights weights;
      ZSTDPP_TRY(entropy::read_huffman_weights(hs.tree, hs.streams_size, weights, hs.tree_size));
      w.huf_tables.emplace_back();
      entropy::build_huffman_decode_table(weights, w.huf_tables.back());
      hs.streams += hs.tree_size;
      hs.streams_size -= hs.tree_size;
    }
    if (w.huf_tables.empty()) return Status::fail(ErrorCode::kCorruptedData, "treeless literals first");
    hs.table_index = w.huf_tables.size() - 1;
    w.huf_sections.push_back(hs);
  }
  decoder::Literals lits;
  ZSTDPP_TRY(decoder::decode_literals(w.variant, p, size, w.header.block_max(), huf, lit_buffer.data(), lits));
  b.literals.assign(lits.data, lits.data + lits.size + decoder::kLiteralsSlack);
  b.literals_size = lits.size;
  b.sequences_offset = lits.section_size;
  const std::uint8_t* seq = p + lits.section_size;
  const std::size_t seq_size = size - lits.section_size;
  ZSTDPP_TRY(collect_fse_descriptions(seq, seq_size, w.fse_descriptions));
  decoder::SequencesHeader sh;
  ZSTDPP_TRY(decoder::read_sequences_header(seq, seq_size, tables, sh));
  b.tables = snapshot(tables);
  b.rep_before = rep;
  b.bitstream = seq + sh.header_size;
  b.bitstream_size = seq_size - sh.header_size;
  b.num_sequences = sh.num_sequences;
  const decoder::BlockOutput out = block_output(w, content_size, out_pos);
  if (sh.num_sequences == 0) {
    ZSTDPP_TRY(decoder::copy_literals_only(b.literals.data(), b.literals_size, out, b.produced));
  } else {
    ZSTDPP_TRY(decoder::execute_sequences(w.variant, tables, b.bitstream, b.bitstream_size, b.num_sequences, b.literals.data(),
                                          b.literals_size, rep, out, b.produced));
  }
  out_pos += b.produced;
  w.blocks.push_back(std::move(b));
  return Status::success();
}

Status walk_frame(const FrameCase& c, FrameWalk& w) {
  w.variant = select_kernel_variant(/*force_portable=*/false);
  const std::uint8_t* p = c.frame.data();
  const std::uint8_t* const end = p + c.frame.size();
  std::size_t needed = 0;
  ZSTDPP_TRY(decoder::parse_frame_header(p, c.frame.size(), false, w.header, needed));
  p += w.header.header_size;
  const std::size_t content_size = c.content.size();
  w.output.assign(content_size + decoder::kOutputSlack, 0);
  decoder::HuffmanState huf;
  auto tables = std::make_unique<decoder::SeqTableSet>();
  decoder::RepeatOffsets rep = {1, 4, 8};
  Buffer lit_buffer(w.header.block_max() + decoder::kLiteralsSlack);
  std::size_t out_pos = 0;
  for (bool last = false; !last;) {
    if (end - p < static_cast<std::ptrdiff_t>(format::kBlockHeaderSize))
      return Status::fail(ErrorCode::kTruncatedInput, "frame ends inside a block header");
    decoder::BlockHeader bh;
    ZSTDPP_TRY(decoder::parse_block_header(p, w.header.block_max(), bh));
    p += format::kBlockHeaderSize;
    last = bh.last;
    w.all_blocks.push_back({bh, p, out_pos});
    if (bh.type == format::BlockType::kRaw) {
      std::memcpy(w.output.data() + out_pos, p, bh.size);
      out_pos += bh.size;
    } else if (bh.type == format::BlockType::kRle) {
      std::memset(w.output.data() + out_pos, *p, bh.size);
      out_pos += bh.size;
    } else {
      ZSTDPP_TRY(walk_compressed_block(w, p, bh.size, content_size, out_pos, huf, *tables, rep, lit_buffer));
    }
    p += bh.content_size();
  }
  if (out_pos != content_size || std::memcmp(w.output.data(), c.content.data(), content_size) != 0)
    return Status::fail(ErrorCode::kCorruptedData, "stage walk did not rebuild the frame content");
  return Status::success();
}

// --- the suites ------------------------------------------------------------------------

// Runs `body` per iteration; skips with the walk's error if it failed, or with the first
// failing Status of the body.
template <typename Body>
void run_stage(benchmark::State& state, const FrameWalk& w, Body&& body) {
  if (!w.error.empty()) {
    state.SkipWithError(w.error.c_str());
    return;
  }
  for (auto _ : state) {
    if (const Status s = body(); !s.ok()) {
      state.SkipWithError(describe(s).c_str());
      return;
    }
  }
}

void bm_huf_decode(benchmark::State& state, const FrameWalk* w, KernelVariant variant) {
  Buffer out(format::kBlockSizeMax + decoder::kLiteralsSlack);
  std::size_t bytes = 0, four = 0;
  for (const HufSection& s : w->huf_sections) bytes += s.regenerated, four += s.four_streams;
  run_stage(state, *w, [&]() -> Status {
    for (const HufSection& s : w->huf_sections) {
      const entropy::HuffmanDecodeTable& t = w->huf_tables[s.table_index];
      if (s.four_streams) {
        ZSTDPP_TRY(entropy::huffman_decode_4streams(variant, t, s.streams, s.streams_size, out.data(), s.regenerated));
      } else {
        ZSTDPP_TRY(entropy::huffman_decode_1stream(variant, t, s.streams, s.streams_size, out.data(), s.regenerated));
      }
      benchmark::DoNotOptimize(out.data());
    }
    return Status::success();
  });
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes));
  state.SetLabel(std::to_string(w->huf_sections.size()) + " sections, " + std::to_string(four) + " 4-stream");
}

void bm_huf_table(benchmark::State& state, const FrameWalk* w) {
  std::size_t tables = 0;
  entropy::HuffmanDecodeTable table;
  run_stage(state, *w, [&]() -> Status {
    tables = 0;
    for (const HufSection& s : w->huf_sections) {
      if (s.tree == nullptr) continue;
      entropy::HuffmanWeights weights;
      std::size_t consumed = 0;
      ZSTDPP_TRY(entropy::read_huffman_weights(s.tree, s.tree_size, weights, consumed));
      entropy::build_huffman_decode_table(weights, table);
      benchmark::DoNotOptimize(table.entries.data());
      ++tables;
    }
    return Status::success();
  });
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * tables));
}

unsigned max_symbol_of(SeqKind kind) {
  return kind == SeqKind::kLiteralLength ? format::kMaxLiteralLengthCode
         : kind == SeqKind::kOffset      ? format::kMaxOffsetCode
                                         : format::kMaxMatchLengthCode;
}
unsigned max_log_of(SeqKind kind) {
  return kind == SeqKind::kLiteralLength ? format::kLiteralLengthMaxAccuracyLog
         : kind == SeqKind::kOffset      ? format::kOffsetMaxAccuracyLog
                                         : format::kMatchLengthMaxAccuracyLog;
}

void bm_fse_read(benchmark::State& state, const FrameWalk* w) {
  run_stage(state, *w, [&]() -> Status {
    for (const FseDescription& d : w->fse_descriptions) {
      entropy::NormalizedCounts norm;
      std::size_t consumed = 0;
      ZSTDPP_TRY(entropy::read_fse_description(d.src, d.size, max_symbol_of(d.kind), max_log_of(d.kind), norm,
                                               consumed));
      benchmark::DoNotOptimize(norm.counts.data());
    }
    return Status::success();
  });
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * w->fse_descriptions.size()));
}

void bm_fse_build(benchmark::State& state, const FrameWalk* w) {
  std::vector<decoder::SeqSymbol> table(std::size_t{1} << entropy::kFseMaxAccuracyLog);
  std::size_t states = 0;
  for (const FseDescription& d : w->fse_descriptions) states += std::size_t{1} << d.norm.accuracy_log;
  run_stage(state, *w, [&]() -> Status {
    for (const FseDescription& d : w->fse_descriptions) {
      decoder::build_seq_table(d.kind, d.norm, table.data());
      benchmark::DoNotOptimize(table.data());
    }
    return Status::success();
  });
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * w->fse_descriptions.size()));
  state.SetLabel(std::to_string(w->fse_descriptions.size()) + " tables, " + std::to_string(states) + " states");
}

void bm_lit_section(benchmark::State& state, const FrameWalk* w, KernelVariant variant) {
  Buffer buffer(w->header.block_max() + decoder::kLiteralsSlack);
  auto huf = std::make_unique<decoder::HuffmanState>();
  std::size_t bytes = 0;
  for (const CompressedBlock& b : w->blocks) bytes += b.literals_size;
  run_stage(state, *w, [&]() -> Status {
    huf->current = nullptr;  // a new frame: no previous table
    for (const CompressedBlock& b : w->blocks) {
      decoder::Literals lits;
      ZSTDPP_TRY(decoder::decode_literals(variant, b.content, b.size, w->header.block_max(), *huf, buffer.data(), lits));
      benchmark::DoNotOptimize(lits.data);
    }
    return Status::success();
  });
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes));
}

void bm_seq_header(benchmark::State& state, const FrameWalk* w) {
  auto tables = std::make_unique<decoder::SeqTableSet>();
  run_stage(state, *w, [&]() -> Status {
    tables->ll = tables->of = tables->ml = decoder::SeqTable{};  // a new frame
    for (const CompressedBlock& b : w->blocks) {
      decoder::SequencesHeader sh;
      ZSTDPP_TRY(decoder::read_sequences_header(b.content + b.sequences_offset, b.size - b.sequences_offset,
                                                *tables, sh));
      benchmark::DoNotOptimize(sh.num_sequences);
    }
    return Status::success();
  });
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * w->blocks.size()));
}

void bm_seq_execute(benchmark::State& state, FrameWalk* w, const FrameCase* c, KernelVariant variant) {
  std::size_t bytes = 0, sequences = 0;
  for (const CompressedBlock& b : w->blocks) {
    if (b.num_sequences > 0) bytes += b.produced, sequences += b.num_sequences;
  }
  // Re-executing a block rewrites the bytes it wrote in the walk, so the history every
  // later block reads stays the frame's true content. Each block's literals are first
  // copied (untimed) into one reused buffer: in a real decode they were just written by
  // the literals stage and sit in cache, and reading them from eight separate 128 KiB
  // buffers instead made this suite slower than block/decode, which includes it.
  Buffer hot(format::kBlockSizeMax + decoder::kLiteralsSlack);
  run_stage(state, *w, [&]() -> Status {
    for (const CompressedBlock& b : w->blocks) {
      if (b.num_sequences == 0) continue;
      state.PauseTiming();
      std::memcpy(hot.data(), b.literals.data(), b.literals_size + decoder::kLiteralsSlack);
      state.ResumeTiming();
      decoder::RepeatOffsets rep = b.rep_before;
      std::size_t produced = 0;
      ZSTDPP_TRY(decoder::execute_sequences(variant, *b.tables, b.bitstream, b.bitstream_size, b.num_sequences,
                                            hot.data(), b.literals_size, rep,
                                            block_output(*w, c->content.size(), b.out_pos), produced));
    }
    benchmark::ClobberMemory();
    return Status::success();
  });
  if (state.error_occurred()) return;
  if (std::memcmp(w->output.data(), c->content.data(), c->content.size()) != 0) {
    state.SkipWithError("seq/execute replay changed the frame's content");
    return;
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes));
  state.counters["sequences"] =
      benchmark::Counter(static_cast<double>(state.iterations() * sequences), benchmark::Counter::kIsRate);
}

void bm_block_decode(benchmark::State& state, FrameWalk* w, const FrameCase* c, KernelVariant variant) {
  auto blocks = std::make_unique<decoder::BlockDecoder>(variant);
  run_stage(state, *w, [&]() -> Status {
    blocks->start_frame(nullptr);
    for (const AnyBlock& b : w->all_blocks) {
      std::size_t produced = 0;
      ZSTDPP_TRY(blocks->decode_block(b.header, b.content, w->header.block_max(),
                                      block_output(*w, c->content.size(), b.out_pos), produced));
    }
    benchmark::ClobberMemory();
    return Status::success();
  });
  if (state.error_occurred()) return;
  if (std::memcmp(w->output.data(), c->content.data(), c->content.size()) != 0) {
    state.SkipWithError("block/decode replay changed the frame's content");
    return;
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * c->content.size()));
}

// The kernel variants this CPU can run, with their benchmark-name suffixes.
std::vector<std::pair<KernelVariant, const char*>> runnable_variants() {
  std::vector<std::pair<KernelVariant, const char*>> variants = {{KernelVariant::kPortable, "portable"}};
  if (select_kernel_variant(/*force_portable=*/false) == KernelVariant::kBmi2) {
    variants.emplace_back(KernelVariant::kBmi2, "bmi2");
  }
  return variants;
}

}  // namespace

void register_stage_benchmarks(const std::deque<FrameCase>& cases) {
  static std::deque<FrameWalk> walks;  // outlives the run; suites keep pointers
  for (const FrameCase& c : cases) {
    FrameWalk& w = walks.emplace_back();
    if (const Status s = walk_frame(c, w); !s.ok()) w.error = fail_text(s, ("stage walk of " + c.name).c_str());
    const FrameWalk* cw = &w;
    benchmark::RegisterBenchmark(("huf/table/" + c.name).c_str(), bm_huf_table, cw);
    benchmark::RegisterBenchmark(("fse/read/" + c.name).c_str(), bm_fse_read, cw);
    benchmark::RegisterBenchmark(("fse/build/" + c.name).c_str(), bm_fse_build, cw);
    benchmark::RegisterBenchmark(("seq/header/" + c.name).c_str(), bm_seq_header, cw);
    // Kernels with ISA variants: one suite per variant, next to each other.
    const auto per_variant = [&c](const char* suite, auto fn, auto... args) {
      for (const auto& [variant, suffix] : runnable_variants()) {
        benchmark::RegisterBenchmark((std::string(suite) + "_" + suffix + "/" + c.name).c_str(), fn, args..., variant);
      }
    };
    per_variant("huf/decode", bm_huf_decode, cw);
    per_variant("lit/section", bm_lit_section, cw);
    per_variant("seq/execute", bm_seq_execute, &w, &c);
    per_variant("block/decode", bm_block_decode, &w, &c);
  }
}

}  // namespace zstdpp::bench

// Test-side builders of compressed blocks and frames (RFC 8878 sections 3.1.1 and
// 3.1.1.3.2), and a byte-by-byte reference executor of sequences.
//
// encode_sequences() writes a sequence bitstream for any three decode tables: for each
// stream it searches the decode table for the FSE states (unit_support.hpp), then writes
// the fields in the RFC's reading order (initial states LL, OF, ML; per sequence the extra
// bits OF, ML, LL, then the state updates LL, ML, OF) in reverse, with the end mark.
// reference_execute() applies the RFC's repeat-offset rules on one flat history. The frame
// builders pack headers from the RFC's field layout so tests control every field.
//
// It uses the engine's SeqTableSet only as the table to encode against and the format's
// baseline tables (verified against the RFC in fse_decode_test.cpp).
#pragma once

#include <optional>
#include <stdexcept>
#include <vector>

#include "common/format.hpp"
#include "common/xxhash64.hpp"
#include "decoder/sequence_exec.hpp"
#include "decoder/sequence_tables.hpp"
#include "unit_support.hpp"

namespace zstdpp_unit {

using zstdpp::decoder::RepeatOffsets;
using zstdpp::decoder::SeqKind;
using zstdpp::decoder::SeqTable;
using zstdpp::decoder::SeqTableSet;
namespace format = zstdpp::format;

// Offset_Value as the format stores it: 1..3 are repeat codes, larger values offset + 3.
struct Seq {
  std::uint32_t ll;
  std::uint32_t of_value;
  std::uint32_t ml;
};

inline unsigned code_of(const std::uint32_t* base, const std::uint8_t* bits, unsigned max_code, std::uint32_t value) {
  for (unsigned c = max_code + 1; c-- > 0;) {
    if (base[c] <= value) {
      if (value - base[c] >= (std::uint64_t{1} << bits[c])) throw std::logic_error("value not representable");
      return c;
    }
  }
  throw std::logic_error("value below the smallest baseline");
}

struct Coded {
  std::uint32_t base;  // identifies the code in a SeqSymbol table
  std::uint32_t extra;
  unsigned extra_bits;
};

inline Coded code_ll(std::uint32_t v) {
  const unsigned c = code_of(format::kLiteralLengthBase.data(), format::kLiteralLengthBits.data(), 35, v);
  return {format::kLiteralLengthBase[c], v - format::kLiteralLengthBase[c], format::kLiteralLengthBits[c]};
}
inline Coded code_ml(std::uint32_t v) {
  const unsigned c = code_of(format::kMatchLengthBase.data(), format::kMatchLengthBits.data(), 52, v);
  return {format::kMatchLengthBase[c], v - format::kMatchLengthBase[c], format::kMatchLengthBits[c]};
}
inline Coded code_of_value(std::uint32_t v) {
  unsigned c = 0;
  while ((std::uint64_t{2} << c) <= v) ++c;
  return {1u << c, v - (1u << c), c};
}

struct TableView {
  struct Entry {
    unsigned symbol, nb_bits, baseline;
  };
  std::vector<Entry> entries;
  std::size_t size() const { return entries.size(); }
  const Entry& operator[](std::size_t i) const { return entries[i]; }
};

inline TableView view_of(const SeqTable& t) {
  TableView v;
  for (std::size_t s = 0; s < (std::size_t{1} << t.accuracy_log); ++s) {
    // Next states are stored relative to the entry: next = s + next_delta + read(nb_bits).
    const int next_base = static_cast<int>(s) + t.entries[s].next_delta;
    v.entries.push_back({t.entries[s].base_value, t.entries[s].nb_bits, static_cast<unsigned>(next_base)});
  }
  return v;
}

// The sequence bitstream for `seqs` under `tables`.
inline Bytes encode_sequences(const SeqTableSet& tables, const std::vector<Seq>& seqs) {
  std::vector<Coded> ll, of, ml;
  std::vector<unsigned> ll_msg, of_msg, ml_msg;
  for (const Seq& s : seqs) {
    ll.push_back(code_ll(s.ll));
    of.push_back(code_of_value(s.of_value));
    ml.push_back(code_ml(s.ml));
    ll_msg.push_back(ll.back().base);
    of_msg.push_back(of.back().base);
    ml_msg.push_back(ml.back().base);
  }
  const TableView llv = view_of(tables.ll), ofv = view_of(tables.of), mlv = view_of(tables.ml);
  const auto any = [](unsigned) { return true; };
  const std::vector<unsigned> lls = zstdpp_unit::fse_encode_states(llv, ll_msg, any);
  const std::vector<unsigned> ofs = zstdpp_unit::fse_encode_states(ofv, of_msg, any);
  const std::vector<unsigned> mls = zstdpp_unit::fse_encode_states(mlv, ml_msg, any);
  std::vector<Field> fields = {{lls[0], tables.ll.accuracy_log},
                               {ofs[0], tables.of.accuracy_log},
                               {mls[0], tables.ml.accuracy_log}};
  for (std::size_t i = 0; i < seqs.size(); ++i) {
    fields.push_back({of[i].extra, of[i].extra_bits});
    fields.push_back({ml[i].extra, ml[i].extra_bits});
    fields.push_back({ll[i].extra, ll[i].extra_bits});
    if (i + 1 < seqs.size()) {
      fields.push_back({lls[i + 1] - llv[lls[i]].baseline, llv[lls[i]].nb_bits});
      fields.push_back({mls[i + 1] - mlv[mls[i]].baseline, mlv[mls[i]].nb_bits});
      fields.push_back({ofs[i + 1] - ofv[ofs[i]].baseline, ofv[ofs[i]].nb_bits});
    }
  }
  return zstdpp_unit::backward_stream(fields);
}

inline SeqTableSet predefined_tables() {
  SeqTableSet t;
  t.ll = predefined_seq_table(SeqKind::kLiteralLength);
  t.of = predefined_seq_table(SeqKind::kOffset);
  t.ml = predefined_seq_table(SeqKind::kMatchLength);
  return t;
}

// RFC 8878 section 3.1.1.5: the offset a sequence uses, updating the repeat offsets.
inline std::size_t resolve_offset(const Seq& s, RepeatOffsets& rep) {
  if (s.of_value > 3) {
    const std::size_t offset = s.of_value - 3;
    rep = {offset, rep[0], rep[1]};
    return offset;
  }
  const unsigned code = s.of_value - 1 + (s.ll == 0 ? 1 : 0);  // 0..3
  if (code == 0) return rep[0];
  std::size_t offset;
  if (code == 1) {
    offset = rep[1];
    rep = {rep[1], rep[0], rep[2]};
  } else if (code == 2) {
    offset = rep[2];
    rep = {rep[2], rep[0], rep[1]};
  } else {
    offset = rep[0] - 1;
    rep = {offset, rep[0], rep[1]};
  }
  return offset;
}

// The sequences executed byte by byte on a flat history; false where a decoder must fail.
inline bool reference_execute(Bytes& history, const std::vector<Seq>& seqs, const Bytes& lits, RepeatOffsets& rep) {
  std::size_t lit_pos = 0;
  for (const Seq& s : seqs) {
    if (s.ll > lits.size() - lit_pos) return false;
    history.insert(history.end(), lits.begin() + static_cast<std::ptrdiff_t>(lit_pos),
                   lits.begin() + static_cast<std::ptrdiff_t>(lit_pos + s.ll));
    lit_pos += s.ll;
    const std::size_t offset = resolve_offset(s, rep);
    if (offset == 0 || offset > history.size()) return false;
    for (std::uint32_t k = 0; k < s.ml; ++k) history.push_back(history[history.size() - offset]);
  }
  history.insert(history.end(), lits.begin() + static_cast<std::ptrdiff_t>(lit_pos), lits.end());
  return true;
}


// ---- Blocks and frames ----------------------------------------------------------------------

inline Bytes block_header(unsigned type, std::size_t size, bool last) {
  Bytes h;
  put_le(h, (std::uint64_t{size} << 3) | (type << 1) | (last ? 1u : 0u), 3);
  return h;
}

inline Bytes raw_block(const Bytes& data, bool last) {
  Bytes b = block_header(0, data.size(), last);
  append(b, data);
  return b;
}

inline Bytes rle_block(std::uint8_t byte, std::size_t size, bool last) {
  Bytes b = block_header(1, size, last);
  b.push_back(byte);
  return b;
}

// A raw literals section of the smallest size format.
inline Bytes raw_literals_section(const Bytes& lits) {
  Bytes h;
  const std::size_t n = lits.size();
  if (n < 32) {
    h.push_back(static_cast<std::uint8_t>(n << 3));
  } else if (n < 4096) {
    h.push_back(static_cast<std::uint8_t>(1u << 2 | (n & 15) << 4));
    h.push_back(static_cast<std::uint8_t>(n >> 4));
  } else {
    h.push_back(static_cast<std::uint8_t>(3u << 2 | (n & 15) << 4));
    h.push_back(static_cast<std::uint8_t>(n >> 4));
    h.push_back(static_cast<std::uint8_t>(n >> 12));
  }
  append(h, lits);
  return h;
}

// Number_of_Sequences in its 1-, 2- or 3-byte form.
inline Bytes sequence_count(std::size_t n) {
  if (n < 128) return {static_cast<std::uint8_t>(n)};
  if (n < 0x7F00) return {static_cast<std::uint8_t>(0x80 + (n >> 8)), static_cast<std::uint8_t>(n)};
  return {0xFF, static_cast<std::uint8_t>(n - 0x7F00), static_cast<std::uint8_t>((n - 0x7F00) >> 8)};
}

// The content of a compressed block: raw literals, then the sequences with predefined
// tables (modes byte 0).
inline Bytes compressed_block_content(const Bytes& lits, const std::vector<Seq>& seqs) {
  Bytes c = raw_literals_section(lits);
  append(c, sequence_count(seqs.size()));
  if (!seqs.empty()) {
    c.push_back(0x00);
    append(c, encode_sequences(predefined_tables(), seqs));
  }
  return c;
}

inline Bytes compressed_block(const Bytes& lits, const std::vector<Seq>& seqs, bool last) {
  const Bytes content = compressed_block_content(lits, seqs);
  Bytes b = block_header(2, content.size(), last);
  append(b, content);
  return b;
}

struct FrameSpec {
  bool magic = true;
  bool checksum = false;
  bool single_segment = false;
  std::uint8_t window_descriptor = 0;  // used when not single segment
  std::optional<std::uint64_t> content_size;
  std::uint32_t dict_id = 0;  // 0: no Dictionary_ID field
};

// Frame header with the smallest fields that hold the values.
inline Bytes frame_header(const FrameSpec& f) {
  Bytes h;
  if (f.magic) put_le(h, format::kMagicNumber, 4);
  unsigned fcs_flag = 0, fcs_bytes = 0;
  if (f.content_size) {
    const std::uint64_t v = *f.content_size;
    if (f.single_segment && v < 256) {
      fcs_flag = 0, fcs_bytes = 1;
    } else if (v >= 256 && v < 65536 + 256) {
      fcs_flag = 1, fcs_bytes = 2;
    } else if (v <= 0xFFFFFFFFu) {
      fcs_flag = 2, fcs_bytes = 4;
    } else {
      fcs_flag = 3, fcs_bytes = 8;
    }
  } else if (f.single_segment) {
    throw std::logic_error("a single-segment frame needs a content size");
  }
  const unsigned did_flag = f.dict_id == 0 ? 0 : f.dict_id < 256 ? 1 : f.dict_id < 65536 ? 2 : 3;
  const unsigned did_bytes = did_flag == 3 ? 4 : did_flag;
  h.push_back(static_cast<std::uint8_t>(fcs_flag << 6 | (f.single_segment ? 0x20 : 0) | (f.checksum ? 0x04 : 0) |
                                        did_flag));
  if (!f.single_segment) h.push_back(f.window_descriptor);
  put_le(h, f.dict_id, did_bytes);
  if (fcs_bytes) put_le(h, fcs_bytes == 2 ? *f.content_size - 256 : *f.content_size, fcs_bytes);
  return h;
}

// The frame's Content_Checksum: the low 4 bytes of XXH64 (seed 0) of the content.
inline Bytes content_checksum(const Bytes& content) {
  Bytes c;
  put_le(c, zstdpp::xxh64(content.data(), content.size()) & 0xFFFFFFFFu, 4);
  return c;
}

// A skippable frame with magic 0x184D2A50 + nibble.
inline Bytes skippable_frame(unsigned nibble, const Bytes& payload) {
  Bytes f;
  put_le(f, format::kSkippableMagicBase + nibble, 4);
  put_le(f, payload.size(), 4);
  append(f, payload);
  return f;
}

// A window-1 KiB frame of many compressed blocks whose matches reach back across block
// boundaries (up to the whole window), plus raw and RLE blocks; `content` gets what it
// decodes to. Exercises history that wraps a streaming decoder's ring many times.
inline Bytes many_block_frame(std::mt19937& rng, std::size_t blocks, Bytes& content, bool checksum) {
  FrameSpec spec;
  spec.checksum = checksum;
  spec.window_descriptor = 0x00;  // 1 KiB window, so Block_Maximum_Size is 1 KiB too
  Bytes frame = frame_header(spec);
  content.clear();
  RepeatOffsets rep{1, 4, 8};
  for (std::size_t b = 0; b < blocks; ++b) {
    const bool last = b + 1 == blocks;
    const unsigned kind = b == 0 ? 0 : rng() % 8;
    if (kind == 0) {  // raw
      Bytes data(1 + rng() % 1024);
      for (auto& x : data) x = static_cast<std::uint8_t>('a' + rng() % 26);
      append(frame, raw_block(data, last));
      append(content, data);
    } else if (kind == 1) {  // RLE
      const std::size_t n = 1 + rng() % 1024;
      const auto byte = static_cast<std::uint8_t>(rng());
      append(frame, rle_block(byte, n, last));
      content.insert(content.end(), n, byte);
    } else {  // compressed: sequences reaching up to 1 KiB back
      Bytes lits;
      std::vector<Seq> seqs;
      std::size_t produced = 0;
      const std::size_t budget = 1024;
      RepeatOffsets trial = rep;
      while (seqs.size() < 30) {
        Seq s;
        s.ll = rng() % 4 == 0 ? 0 : rng() % 12;
        s.ml = 3 + (rng() % 4 == 0 ? rng() % 200 : rng() % 20);
        if (produced + s.ll + s.ml > budget - 16) break;
        const std::size_t history = content.size() + produced + s.ll;
        const std::size_t reach = std::min<std::size_t>(history, 1024);
        s.of_value = rng() % 4 == 0 ? 1 + rng() % 3 : static_cast<std::uint32_t>(1 + rng() % reach) + 3;
        RepeatOffsets after = trial;
        const std::size_t offset = resolve_offset(s, after);
        if (offset == 0 || offset > reach) {
          s.of_value = static_cast<std::uint32_t>(reach) + 3;
          after = trial;
          resolve_offset(s, after);
        }
        trial = after;
        for (std::uint32_t k = 0; k < s.ll; ++k) lits.push_back(static_cast<std::uint8_t>('A' + rng() % 26));
        produced += s.ll + s.ml;
        seqs.push_back(s);
      }
      for (int k = rng() % 8; k > 0; --k) lits.push_back(static_cast<std::uint8_t>('0' + rng() % 10));
      RepeatOffsets check = rep;
      if (!reference_execute(content, seqs, lits, check)) throw std::logic_error("invalid test sequences");
      rep = check;
      append(frame, compressed_block(lits, seqs, last));
    }
  }
  if (checksum) append(frame, content_checksum(content));
  return frame;
}

}  // namespace zstdpp_unit

// Sequence decoding fused with execution: the decoder's hot kernel.
//
// Each sequence is three FSE-coded fields (literal length, match length, offset), read
// from one backward bitstream: the offset's extra bits, the match length's, the literal
// length's, then the three state updates (skipped after the last sequence). Executing it
// appends `ll` literals and then copies `ml` bytes from `offset` bytes back.
//
// Shape, and why:
// - One loop decodes and executes, so a sequence is consumed while its fields are in
//   registers; the bit reader and states are locals.
// - Every check input can fail (literal length past the literals, output past the block,
//   offset past the history or window, offset 0) is folded into one rarely-taken branch;
//   the message is built in a cold function.
// - Fast path: when the sequence ends kOutputSlack bytes before the writable end, copies
//   are 16 bytes wide and may overshoot. Matches with offsets under 16 first lay down 8
//   bytes with the right period, then continue 8 bytes at a time from a source moved back
//   by a multiple of the offset (the period is preserved, and the distance is >= 8).
// - Careful path: near the end of the output every copy is exact.
// Matches reaching before the prefix read the ext segment first (a dictionary, or the
// older half of a wrapped streaming window), then continue in the prefix.
#include "decoder/sequence_exec.hpp"

#include <cstring>

#include "common/bit_reader.hpp"
#include "common/cpu.hpp"
#include "common/mem.hpp"

namespace zstdpp::decoder {
namespace {

// A refill leaves >= 57 bits: the three state updates take at most 9 + 9 + 8 = 26 of
// them, so extra bits up to 31 in total need no refill in between.
constexpr unsigned kExtraBitsOneRefill = 57 - 26;

ZSTDPP_FORCE_INLINE std::uint64_t low_mask(unsigned bits) { return (std::uint64_t{1} << bits) - 1; }

// Smallest multiple of each offset 1..7 that is >= 8: moving the match source back by it
// keeps the repeating pattern's phase and makes 8-byte copies non-overlapping.
constexpr std::uint8_t kPeriodStride[8] = {0, 8, 8, 9, 8, 10, 12, 14};

// REQUIRES: op + length + kOutputSlack writable; match = op - offset, offset >= 1.
ZSTDPP_FORCE_INLINE void copy_match_fast(std::uint8_t* op, const std::uint8_t* match, std::size_t length, std::size_t offset) {
  std::uint8_t* const end = op + length;
  if (offset >= 16) {
    wildcopy16(op, match, end);
    return;
  }
  if (offset < 8) {
    for (int k = 0; k < 8; ++k) op[k] = match[k];
    match = op + 8 - kPeriodStride[offset];
  } else {
    std::memcpy(op, match, 8);
    match += 8;
  }
  op += 8;
  while (op < end) {
    std::memcpy(op, match, 8);
    op += 8;
    match += 8;
  }
}

// Exact copy of a match entirely inside the prefix: no byte past op + length is written.
ZSTDPP_FORCE_INLINE void copy_match_exact(std::uint8_t* op, const std::uint8_t* match, std::size_t length, std::size_t offset) {
  if (offset >= length) {
    std::memcpy(op, match, length);
  } else {
    for (std::size_t i = 0; i < length; ++i) op[i] = match[i];
  }
}

// A match starting `back` bytes before the prefix: the ext part, then the prefix part.
// Returns the bytes still to copy from prefix_start (0 when the match ended in ext).
ZSTDPP_FORCE_INLINE std::size_t copy_from_ext(std::uint8_t*& op, const BlockOutput& out, std::size_t back, std::size_t length) {
  const std::uint8_t* m = out.ext_end - back;
  const std::size_t from_ext = back < length ? back : length;
  std::memmove(op, m, from_ext);  // a wrapped window's ext may lie just ahead of op
  op += from_ext;
  return length - from_ext;
}

[[gnu::cold]] Status sequence_error(std::size_t index, std::size_t ll, std::size_t lit_left, std::size_t ml,
                                    std::size_t out_left, std::size_t offset, std::size_t reach, std::size_t limit) {
  Status s;
  if (ll > lit_left)
    s = Status::fail(ErrorCode::kCorruptedData, "literal length {v} exceeds the {l} literals left", ll, lit_left);
  else if (ll + ml > out_left)
    s = Status::fail(ErrorCode::kCorruptedData, "sequence of {v} bytes exceeds the {l} bytes left in the block",
                     ll + ml, out_left);
  else if (offset == 0)
    s = Status::fail(ErrorCode::kCorruptedData, "match offset 0 is invalid");
  else if (offset > limit)
    s = Status::fail(ErrorCode::kCorruptedData, "match offset {v} exceeds the window of {l} bytes", offset, limit);
  else
    s = Status::fail(ErrorCode::kCorruptedData, "match offset {v} exceeds the {l} bytes of history", offset, reach);
  s.at_sequence(index);
  return s;
}

}  // namespace

Status copy_literals_only(const std::uint8_t* lit, std::size_t lit_size, const BlockOutput& out,
                          std::size_t& produced) {
  if (lit_size > static_cast<std::size_t>(out.oend - out.op))
    return Status::fail(ErrorCode::kCorruptedData, "{v} literals exceed the {l} bytes left for the block", lit_size,
                        static_cast<std::size_t>(out.oend - out.op));
  if (lit_size) std::memcpy(out.op, lit, lit_size);
  produced = lit_size;
  return Status::success();
}

namespace {

// The kernel body, compiled once per KernelVariant by the wrappers below.
ZSTDPP_FORCE_INLINE Status execute_body(const SeqTableSet& tables, const std::uint8_t* src, std::size_t size,
                                        std::size_t num_sequences, const std::uint8_t* lit, std::size_t lit_size,
                                        RepeatOffsets& rep, const BlockOutput& out, std::size_t& produced) {
  BackwardBitReader bits;
  if (!bits.init(src, size))
    return Status::fail(ErrorCode::kCorruptedData, "sequence bitstream is empty or lacks its end mark");

  // States are pointers to their table entries (entries hold relative next states).
  const SeqSymbol* ll_state = tables.ll.entries + bits.read(tables.ll.accuracy_log);
  const SeqSymbol* of_state = tables.of.entries + bits.read(tables.of.accuracy_log);
  const SeqSymbol* ml_state = tables.ml.entries + bits.read(tables.ml.accuracy_log);
  bits.reload();

  std::uint8_t* op = out.op;
  std::uint8_t* const oend = out.oend;
  // The fast path's bound: sequences ending before it may overshoot by kOutputSlack.
  std::uint8_t* const oend_fast =
      out.writable_end - oend >= static_cast<std::ptrdiff_t>(kOutputSlack) ? oend
      : out.writable_end - out.op >= static_cast<std::ptrdiff_t>(kOutputSlack) ? out.writable_end - kOutputSlack
                                                                               : out.op;
  const std::uintptr_t fast_limit = reinterpret_cast<std::uintptr_t>(oend_fast);
  const std::uint8_t* const prefix_start = out.prefix_start;
  const std::uint8_t* const lit_end = lit + lit_size;
  const std::size_t ext_size = out.ext_size;
  const std::size_t offset_limit = out.offset_limit;
  std::size_t rep0 = rep[0], rep1 = rep[1], rep2 = rep[2];

  for (std::size_t remaining = num_sequences; remaining != 0; --remaining) {
    const SeqSymbol ll_sym = *ll_state;
    const SeqSymbol ml_sym = *ml_state;
    const SeqSymbol of_sym = *of_state;

    // The extra bits come offset first, then match length, then literal length. When
    // together they leave room for the 26 state bits before the next refill (nearly
    // always), one peek reads all three.
    const unsigned of_bits = of_sym.extra_bits, ml_bits = ml_sym.extra_bits, ll_bits = ll_sym.extra_bits;
    const unsigned extra_total = of_bits + ml_bits + ll_bits;
    std::size_t of_value, ml_value, ll_value;
    if (extra_total <= kExtraBitsOneRefill) [[likely]] {
      const std::uint64_t v = bits.read(extra_total);
      ll_value = v & low_mask(ll_bits);
      ml_value = (v >> ll_bits) & low_mask(ml_bits);
      of_value = v >> (ll_bits + ml_bits);
    } else {
      of_value = bits.read(of_bits);
      ml_value = bits.read(ml_bits);
      bits.reload();
      ll_value = bits.read(ll_bits);
    }

    std::size_t offset;
    if (of_bits > 1) {  // offset codes >= 2 carry a new offset + 3
      offset = of_sym.base_value + of_value - 3;
      rep2 = rep1;
      rep1 = rep0;
      rep0 = offset;
    } else {
      // Repeat codes 1..3, shifted by one when the literal length is 0 (code 0 is ll 0).
      const std::size_t index = of_sym.base_value + of_value - 1 + (ll_sym.base_value == 0);
      if (index == 0) {
        offset = rep0;
      } else {
        offset = index == 1 ? rep1 : index == 2 ? rep2 : rep0 - 1;
        if (index != 1) rep2 = rep1;
        rep1 = rep0;
        rep0 = offset;
      }
    }
    const std::size_t ml = ml_sym.base_value + ml_value;
    const std::size_t ll = ll_sym.base_value + ll_value;
    if (remaining != 1) {
      // State updates: literal length first, then match length, then offset.
      const std::uint64_t v = bits.read(ll_sym.nb_bits + ml_sym.nb_bits + of_sym.nb_bits);
      of_state += of_sym.next_delta + static_cast<std::ptrdiff_t>(v & low_mask(of_sym.nb_bits));
      ml_state += ml_sym.next_delta + static_cast<std::ptrdiff_t>((v >> of_sym.nb_bits) & low_mask(ml_sym.nb_bits));
      ll_state += ll_sym.next_delta + static_cast<std::ptrdiff_t>(v >> (of_sym.nb_bits + ml_sym.nb_bits));
      bits.reload();
    }

    // Fast path: the sequence ends kOutputSlack before the writable end and its literals
    // lie inside the literals (which also proves both lengths valid), and its match lies
    // in the prefix within the window. Anything else (ext history, the buffer's end,
    // malformed values) takes the careful path, which checks everything.
    const std::size_t in_prefix = static_cast<std::size_t>(op - prefix_start) + ll;
    const std::size_t max_fast_offset = in_prefix < offset_limit ? in_prefix : offset_limit;
    // (Compared as integers: the careful path may leave op past oend_fast.)
    const bool room_for_slack = reinterpret_cast<std::uintptr_t>(op) + ll + ml <= fast_limit;
    if (room_for_slack && ll <= static_cast<std::size_t>(lit_end - lit) && offset - 1 < max_fast_offset) [[likely]] {
      std::memcpy(op, lit, 16);
      if (ll > 16) wildcopy16(op + 16, lit + 16, op + ll);
      op += ll;
      lit += ll;
      copy_match_fast(op, op - offset, ml, offset);
      op += ml;
      continue;
    }

    const std::size_t lit_left = static_cast<std::size_t>(lit_end - lit);
    const std::size_t out_left = static_cast<std::size_t>(oend - op);
    const std::size_t reach = in_prefix + ext_size;
    const std::size_t max_offset = reach < offset_limit ? reach : offset_limit;
    if (ll > lit_left || ll + ml > out_left || offset - 1 >= max_offset) [[unlikely]]
      return sequence_error(num_sequences - remaining, ll, lit_left, ml, out_left, offset, reach, offset_limit);
    std::memcpy(op, lit, ll);
    op += ll;
    lit += ll;
    if (offset > in_prefix) {
      const std::size_t rest = copy_from_ext(op, out, offset - in_prefix, ml);
      if (rest == 0) continue;
      if (room_for_slack) {
        copy_match_fast(op, prefix_start, rest, static_cast<std::size_t>(op - prefix_start));
      } else {
        copy_match_exact(op, prefix_start, rest, static_cast<std::size_t>(op - prefix_start));
      }
      op += rest;
    } else {
      copy_match_exact(op, op - offset, ml, offset);
      op += ml;
    }
  }

  bits.reload();
  if (!bits.finished())
    return Status::fail(ErrorCode::kCorruptedData,
                        bits.overflowed() ? "sequence bitstream is shorter than its {v} sequences need"
                                          : "sequence bitstream has unused bits after its {v} sequences",
                        num_sequences);

  const std::size_t lit_left = static_cast<std::size_t>(lit_end - lit);
  if (lit_left > static_cast<std::size_t>(oend - op))
    return Status::fail(ErrorCode::kCorruptedData, "{v} trailing literals exceed the {l} bytes left in the block",
                        lit_left, static_cast<std::size_t>(oend - op));
  if (lit_left) std::memcpy(op, lit, lit_left);
  op += lit_left;
  rep = {rep0, rep1, rep2};
  produced = static_cast<std::size_t>(op - out.op);
  return Status::success();
}

Status execute_portable(const SeqTableSet& tables, const std::uint8_t* src, std::size_t size,
                        std::size_t num_sequences, const std::uint8_t* lit, std::size_t lit_size, RepeatOffsets& rep,
                        const BlockOutput& out, std::size_t& produced) {
  return execute_body(tables, src, size, num_sequences, lit, lit_size, rep, out, produced);
}

#if ZSTDPP_HAVE_BMI2_VARIANT
ZSTDPP_TARGET_BMI2 Status execute_bmi2(const SeqTableSet& tables, const std::uint8_t* src, std::size_t size,
                                       std::size_t num_sequences, const std::uint8_t* lit, std::size_t lit_size,
                                       RepeatOffsets& rep, const BlockOutput& out, std::size_t& produced) {
  return execute_body(tables, src, size, num_sequences, lit, lit_size, rep, out, produced);
}
#endif

}  // namespace

Status execute_sequences(KernelVariant variant, const SeqTableSet& tables, const std::uint8_t* src, std::size_t size,
                         std::size_t num_sequences, const std::uint8_t* lit, std::size_t lit_size,
                         RepeatOffsets& rep, const BlockOutput& out, std::size_t& produced) {
#if ZSTDPP_HAVE_BMI2_VARIANT
  if (variant == KernelVariant::kBmi2)
    return execute_bmi2(tables, src, size, num_sequences, lit, lit_size, rep, out, produced);
#else
  (void)variant;
#endif
  return execute_portable(tables, src, size, num_sequences, lit, lit_size, rep, out, produced);
}

}  // namespace zstdpp::decoder

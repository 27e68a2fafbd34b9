// What the whole-frame and per-stage parts of zstdpp_stage_bench share.
//
// The per-stage suites take their inputs from the same libzstd frames as the whole-frame
// suites (real Huffman tables, FSE tables and sequences, not synthetic ones), so a stage's
// share of the frame time can be read off one run.
#pragma once

#include <deque>
#include <string>

#include "bench_common.hpp"

namespace zstdpp::bench {

// One libzstd frame of a data slice: "dickens:1024KiB/L3", its content, the frame bytes.
struct FrameCase {
  std::string name;
  int level = 0;
  Buffer content;
  Buffer frame;
};

// Registers the per-stage suites over `cases` (stage_bench_stages.cpp). The deque must
// outlive the benchmark run: the suites keep pointers into it.
void register_stage_benchmarks(const std::deque<FrameCase>& cases);

}  // namespace zstdpp::bench

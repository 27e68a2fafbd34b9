// The reference's compression level table, transcribed.
//
// Four tables, one per input size class (SizeClass, chosen in params.cpp on source plus
// dictionary size): larger or unknown, at most 256 KiB, at most 128 KiB, at most 16 KiB.
// Each has a "base" row (index 0, used by negative levels with target_length = -level)
// and rows for levels 1..22. The numbers are the reference library's published tuning
// (zstd 1.5.x, the rows ZSTD_getCParams() starts from before adjusting to the input), so
// a level here searches like the same level there and compressed sizes can be compared
// like for like. Policy as data: the match finders read only these integers.
//
// Columns: window_log, chain_log, hash_log, search_log, min_match, target_length,
// strategy. Reading a row: level 19 of the large table keeps an 8 MiB window (2^23),
// a 2^24-entry binary tree and a 2^22-entry hash table, tries 2^7 candidates per position,
// looks for matches of 3 bytes and more, stops searching at 256 bytes, and parses with
// btultra2 (the optimal parser with a first pass to seed its statistics).
#include <cstdint>

#include "encoder/params.hpp"

namespace zstdpp::encoder {
namespace {

using S = Strategy;

constexpr LevelRow kLevelTable[kSizeClassCount][MAX_COMPRESSION_LEVEL + 1] = {
    {  // default_over_256KiB
        {19, 12, 13,  1, 6,    1, S::fast    },  // base
        {19, 13, 14,  1, 7,    0, S::fast    },  // 1
        {20, 15, 16,  1, 6,    0, S::fast    },  // 2
        {21, 16, 17,  1, 5,    0, S::dfast   },  // 3
        {21, 18, 18,  1, 5,    0, S::dfast   },  // 4
        {21, 18, 19,  3, 5,    2, S::greedy  },  // 5
        {21, 18, 19,  3, 5,    4, S::lazy    },  // 6
        {21, 19, 20,  4, 5,    8, S::lazy    },  // 7
        {21, 19, 20,  4, 5,   16, S::lazy2   },  // 8
        {22, 20, 21,  4, 5,   16, S::lazy2   },  // 9
        {22, 21, 22,  5, 5,   16, S::lazy2   },  // 10
        {22, 21, 22,  6, 5,   16, S::lazy2   },  // 11
        {22, 22, 23,  6, 5,   32, S::lazy2   },  // 12
        {22, 22, 22,  4, 5,   32, S::btlazy2 },  // 13
        {22, 22, 23,  5, 5,   32, S::btlazy2 },  // 14
        {22, 23, 23,  6, 5,   32, S::btlazy2 },  // 15
        {22, 22, 22,  5, 5,   48, S::btopt   },  // 16
        {23, 23, 22,  5, 4,   64, S::btopt   },  // 17
        {23, 23, 22,  6, 3,   64, S::btultra },  // 18
        {23, 24, 22,  7, 3,  256, S::btultra2},  // 19
        {25, 25, 23,  7, 3,  256, S::btultra2},  // 20
        {26, 26, 24,  7, 3,  512, S::btultra2},  // 21
        {27, 27, 25,  9, 3,  999, S::btultra2},  // 22
    },
    {  // up_to_256KiB
        {18, 12, 13,  1, 5,    1, S::fast    },  // base
        {18, 13, 14,  1, 6,    0, S::fast    },  // 1
        {18, 14, 14,  1, 5,    0, S::dfast   },  // 2
        {18, 16, 16,  1, 4,    0, S::dfast   },  // 3
        {18, 16, 17,  3, 5,    2, S::greedy  },  // 4
        {18, 17, 18,  5, 5,    2, S::greedy  },  // 5
        {18, 18, 19,  3, 5,    4, S::lazy    },  // 6
        {18, 18, 19,  4, 4,    4, S::lazy    },  // 7
        {18, 18, 19,  4, 4,    8, S::lazy2   },  // 8
        {18, 18, 19,  5, 4,    8, S::lazy2   },  // 9
        {18, 18, 19,  6, 4,    8, S::lazy2   },  // 10
        {18, 18, 19,  5, 4,   12, S::btlazy2 },  // 11
        {18, 19, 19,  7, 4,   12, S::btlazy2 },  // 12
        {18, 18, 19,  4, 4,   16, S::btopt   },  // 13
        {18, 18, 19,  4, 3,   32, S::btopt   },  // 14
        {18, 18, 19,  6, 3,  128, S::btopt   },  // 15
        {18, 19, 19,  6, 3,  128, S::btultra },  // 16
        {18, 19, 19,  8, 3,  256, S::btultra },  // 17
        {18, 19, 19,  6, 3,  128, S::btultra2},  // 18
        {18, 19, 19,  8, 3,  256, S::btultra2},  // 19
        {18, 19, 19, 10, 3,  512, S::btultra2},  // 20
        {18, 19, 19, 12, 3,  512, S::btultra2},  // 21
        {18, 19, 19, 13, 3,  999, S::btultra2},  // 22
    },
    {  // up_to_128KiB
        {17, 12, 12,  1, 5,    1, S::fast    },  // base
        {17, 12, 13,  1, 6,    0, S::fast    },  // 1
        {17, 13, 15,  1, 5,    0, S::fast    },  // 2
        {17, 15, 16,  2, 5,    0, S::dfast   },  // 3
        {17, 17, 17,  2, 4,    0, S::dfast   },  // 4
        {17, 16, 17,  3, 4,    2, S::greedy  },  // 5
        {17, 16, 17,  3, 4,    4, S::lazy    },  // 6
        {17, 16, 17,  3, 4,    8, S::lazy2   },  // 7
        {17, 16, 17,  4, 4,    8, S::lazy2   },  // 8
        {17, 16, 17,  5, 4,    8, S::lazy2   },  // 9
        {17, 16, 17,  6, 4,    8, S::lazy2   },  // 10
        {17, 17, 17,  5, 4,    8, S::btlazy2 },  // 11
        {17, 18, 17,  7, 4,   12, S::btlazy2 },  // 12
        {17, 18, 17,  3, 4,   12, S::btopt   },  // 13
        {17, 18, 17,  4, 3,   32, S::btopt   },  // 14
        {17, 18, 17,  6, 3,  256, S::btopt   },  // 15
        {17, 18, 17,  6, 3,  128, S::btultra },  // 16
        {17, 18, 17,  8, 3,  256, S::btultra },  // 17
        {17, 18, 17, 10, 3,  512, S::btultra },  // 18
        {17, 18, 17,  5, 3,  256, S::btultra2},  // 19
        {17, 18, 17,  7, 3,  512, S::btultra2},  // 20
        {17, 18, 17,  9, 3,  512, S::btultra2},  // 21
        {17, 18, 17, 11, 3,  999, S::btultra2},  // 22
    },
    {  // up_to_16KiB
        {14, 12, 13,  1, 5,    1, S::fast    },  // base
        {14, 14, 15,  1, 5,    0, S::fast    },  // 1
        {14, 14, 15,  1, 4,    0, S::fast    },  // 2
        {14, 14, 15,  2, 4,    0, S::dfast   },  // 3
        {14, 14, 14,  4, 4,    2, S::greedy  },  // 4
        {14, 14, 14,  3, 4,    4, S::lazy    },  // 5
        {14, 14, 14,  4, 4,    8, S::lazy2   },  // 6
        {14, 14, 14,  6, 4,    8, S::lazy2   },  // 7
        {14, 14, 14,  8, 4,    8, S::lazy2   },  // 8
        {14, 15, 14,  5, 4,    8, S::btlazy2 },  // 9
        {14, 15, 14,  9, 4,    8, S::btlazy2 },  // 10
        {14, 15, 14,  3, 4,   12, S::btopt   },  // 11
        {14, 15, 14,  4, 3,   24, S::btopt   },  // 12
        {14, 15, 14,  5, 3,   32, S::btultra },  // 13
        {14, 15, 15,  6, 3,   64, S::btultra },  // 14
        {14, 15, 15,  7, 3,  256, S::btultra },  // 15
        {14, 15, 15,  5, 3,   48, S::btultra2},  // 16
        {14, 15, 15,  6, 3,  128, S::btultra2},  // 17
        {14, 15, 15,  7, 3,  256, S::btultra2},  // 18
        {14, 15, 15,  8, 3,  256, S::btultra2},  // 19
        {14, 15, 15,  8, 3,  512, S::btultra2},  // 20
        {14, 15, 15,  9, 3,  512, S::btultra2},  // 21
        {14, 15, 15, 10, 3,  999, S::btultra2},  // 22
    },
};

// The invariants the adjustment code and the match finders rely on: every row is in
// bounds, and the window never exceeds what each size class can use.
constexpr bool rows_in_bounds() {
  for (const auto& table : kLevelTable) {
    for (const LevelRow& r : table) {
      if (r.window_log < WINDOWLOG_MIN || r.window_log > WINDOWLOG_MAX) return false;
      if (r.chain_log < CHAINLOG_MIN || r.chain_log > CHAINLOG_MAX) return false;
      if (r.hash_log < HASHLOG_MIN || r.hash_log > HASHLOG_MAX) return false;
      if (r.search_log < SEARCHLOG_MIN || r.search_log > SEARCHLOG_MAX) return false;
      if (r.min_match < MINMATCH_MIN || r.min_match > MINMATCH_MAX) return false;
      if (r.strategy < Strategy::fast || r.strategy > Strategy::btultra2) return false;
    }
  }
  return true;
}
static_assert(rows_in_bounds());
// target_length needs no check: a uint16_t cannot exceed TARGETLENGTH_MAX (131072).
static_assert(TARGETLENGTH_MAX > UINT16_MAX);
static_assert(kLevelTable[1][22].window_log == 18 && kLevelTable[2][22].window_log == 17 &&
              kLevelTable[3][22].window_log == 14, "small-input tables keep windows within their class");

}  // namespace

const LevelRow& level_row(SizeClass table, int level) {
  return kLevelTable[static_cast<int>(table)][level];
}

}  // namespace zstdpp::encoder

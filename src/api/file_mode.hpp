// Python's file modes as zstdpp::open and compression.zstd's files take them (src/api only):
// "r", "w", "a", "x", each alone or with "b" or "t".
#pragma once

#include <optional>
#include <string_view>

#include <zstdpp/io.hpp>

namespace zstdpp::api {

struct FileMode {
  bool reading = false;
  OpenMode open_mode = OpenMode::kTruncate;  // the write modes' way of opening a path
  bool text = false;
};

// nullopt for any other string; callers name what they accept in their error.
inline std::optional<FileMode> parse_file_mode(std::string_view mode) {
  if (mode.empty() || mode.size() > 2) return std::nullopt;
  FileMode parsed;
  switch (mode[0]) {
    case 'r': parsed.reading = true; break;
    case 'w': parsed.open_mode = OpenMode::kTruncate; break;
    case 'a': parsed.open_mode = OpenMode::kAppend; break;
    case 'x': parsed.open_mode = OpenMode::kExclusive; break;
    default: return std::nullopt;
  }
  if (mode.size() == 2) {
    if (mode[1] != 'b' && mode[1] != 't') return std::nullopt;
    parsed.text = mode[1] == 't';
  }
  return parsed;
}

}  // namespace zstdpp::api

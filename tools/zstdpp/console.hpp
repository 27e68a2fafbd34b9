// Messages of the `zstdpp` command line on standard error, filtered by verbosity the way
// the zstd CLI does it:
//   0 (-qq)  nothing, not even errors (the exit status still tells);
//   1 (-q)   errors only; also the default when results go to stdout, so that
//            `zstdpp -dc FILE | ...` prints nothing on success;
//   2        errors and the one-line "FILE : N bytes" result notes;
//   3 (-v)   and more details.
// Every error line starts with "zstdpp: " and names the file it is about. The Console
// object is passed to each command instead of living in a global.
#pragma once

#include <cstdio>
#include <string>

namespace zstdpp::cli {

class Console {
 public:
  explicit Console(int verbosity) : verbosity_(verbosity) {}

  int verbosity() const { return verbosity_; }

  // "zstdpp: MESSAGE".
  void error(const std::string& message) const {
    if (verbosity_ >= 1) std::fprintf(stderr, "zstdpp: %s\n", message.c_str());
  }
  // "zstdpp: FILE: PROBLEM".
  void file_error(const std::string& file, const std::string& problem) const {
    error(file + ": " + problem);
  }
  // A line printed as is when the verbosity is at least `level`.
  void note(int level, const std::string& line) const {
    if (verbosity_ >= level) std::fprintf(stderr, "%s\n", line.c_str());
  }

 private:
  int verbosity_;
};

}  // namespace zstdpp::cli

// File plumbing of the `zstdpp` command line: inputs, outputs and the names between them.
//
// The rule this file exists for: a failed command leaves no partial output file. A file
// output (AtomicFileOutput) is written to a temporary file in the target's own directory
// (".NAME.zstdpp-XXXXXX", so the final rename is atomic and never crosses file systems)
// and renamed over the target only by commit(); destroying it uncommitted, or a SIGINT /
// SIGTERM / SIGHUP arriving mid-write, deletes the temporary file. Without -f the rename
// refuses to replace a file that appeared meanwhile (renameat2 RENAME_NOREPLACE).
//
// Devices and FIFOs given as outputs (`-o /dev/null`) are written directly: there is
// nothing to replace atomically, and renaming over /dev/null would be a disaster.
//
// Inputs and outputs are POSIX file descriptors read and written in the caller's chunks
// (the decoder's recommended sizes), so memory stays bounded whatever the file size.
// Errors are CliError, which carries the file name and the problem separately so the
// caller can print "zstdpp: FILE: PROBLEM".
#pragma once

#include <sys/stat.h>

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

#include <zstdpp/bytes.hpp>

namespace zstdpp::cli {

class CliError : public std::runtime_error {
 public:
  CliError(std::string file, std::string problem)
      : std::runtime_error(file + ": " + problem), file_(std::move(file)), problem_(std::move(problem)) {}
  const std::string& file() const { return file_; }
  const std::string& problem() const { return problem_; }

 private:
  std::string file_;
  std::string problem_;
};

// The name used in messages for an input or output path ("-" is "stdin"/"stdout").
std::string display_input_name(const std::string& path);

bool stdin_is_console();
bool stdout_is_console();

// Installs SIGINT/SIGTERM/SIGHUP handlers that delete the temporary output file being
// written, if any, then die of the same signal. Call once at startup.
void install_cleanup_signal_handlers();

// FILE.zst -> FILE, FILE.tzst -> FILE.tar; nullopt when the name has no such suffix or
// nothing is left once it is removed.
std::optional<std::string> decompressed_name(const std::string& input_path);

// One input: a file opened for reading, or standard input for "-".
class InputFile {
 public:
  // Throws CliError when the file cannot be opened or is a directory.
  explicit InputFile(const std::string& path);
  ~InputFile();
  InputFile(const InputFile&) = delete;
  InputFile& operator=(const InputFile&) = delete;

  // Fills `dst` as far as the input allows; returns the bytes read, 0 only at end of file.
  std::size_t read(MutableByteView dst);

  bool is_stdin() const { return is_stdin_; }
  bool is_regular_file() const { return S_ISREG(status_.st_mode); }
  const struct stat& status() const { return status_; }
  const std::string& path() const { return path_; }
  const std::string& name() const { return name_; }  // for messages
  int fd() const { return fd_; }

 private:
  std::string path_;
  std::string name_;
  int fd_ = -1;
  bool is_stdin_ = false;
  struct stat status_ {};
};

// Reads a whole (small) file, e.g. a dictionary. Throws CliError.
Bytes read_whole_file(const std::string& path);

// A whole input file mapped read-only, for -l: listing touches only frame and block
// headers, so the pages of a large file are never read (memory stays small although the
// frame functions see the whole file). Files that cannot be mapped (pipes, devices) are
// read into memory instead. Throws CliError.
class MappedFile {
 public:
  explicit MappedFile(const std::string& path);
  ~MappedFile();
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;

  ByteView bytes() const { return bytes_; }

 private:
  void* mapping_ = nullptr;
  std::size_t mapping_size_ = 0;
  Bytes copy_;  // the fallback
  ByteView bytes_;
};

// Where decoded bytes go. One write() per decoder output chunk; a virtual call per 128 KiB
// costs nothing measurable.
class OutputSink {
 public:
  virtual ~OutputSink() = default;
  virtual void write(ByteView bytes) = 0;
  virtual const std::string& name() const = 0;
};

// Discards everything (-t).
class NullSink final : public OutputSink {
 public:
  void write(ByteView) override {}
  const std::string& name() const override { return name_; }

 private:
  std::string name_ = "(test)";
};

// Standard output. Throws CliError on a write error (e.g. a closed pipe).
class StdoutSink final : public OutputSink {
 public:
  void write(ByteView bytes) override;
  const std::string& name() const override { return name_; }

 private:
  std::string name_ = "stdout";
};

class AtomicFileOutput final : public OutputSink {
 public:
  // Checks the target (exists without -f, is the input itself, is a directory) and creates
  // the temporary file. `source`, when given, is the single input the output is made
  // from: its permissions and timestamps are copied onto the output at commit, as zstd
  // does. Throws CliError naming the target.
  AtomicFileOutput(const std::string& target, bool force, const InputFile* source);
  ~AtomicFileOutput() override;  // abandons the output unless committed
  AtomicFileOutput(const AtomicFileOutput&) = delete;
  AtomicFileOutput& operator=(const AtomicFileOutput&) = delete;

  void write(ByteView bytes) override;
  const std::string& name() const override { return target_; }

  // Makes the output appear under the target name. Throws CliError (the temporary file is
  // deleted then).
  void commit();
  // Deletes the temporary file; the target is left as it was.
  void abandon() noexcept;

 private:
  std::string target_;
  std::string temp_path_;  // empty when writing directly to a device or FIFO
  int fd_ = -1;
  bool force_ = false;
  bool committed_ = false;
  bool copy_source_status_ = false;
  struct stat source_status_ {};
};

// Throws CliError unless `path` names an existing file that can be removed (used by --rm
// after success; zstd removes the source only once the output is complete).
void remove_source_file(const std::string& path);

}  // namespace zstdpp::cli

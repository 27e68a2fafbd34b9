// zstdpp: a Zstandard (RFC 8878) codec written from scratch in C++20. Umbrella header:
// python-zstandard's surface. Python 3.14's compression.zstd face is the separate
// <zstdpp/compression/zstd.hpp>.
#pragma once

#include <zstdpp/buffers.hpp>
#include <zstdpp/bytes.hpp>
#include <zstdpp/chunk_range.hpp>
#include <zstdpp/compressor.hpp>
#include <zstdpp/constants.hpp>
#include <zstdpp/decompressor.hpp>
#include <zstdpp/dict.hpp>
#include <zstdpp/error.hpp>
#include <zstdpp/frame.hpp>
#include <zstdpp/io.hpp>
#include <zstdpp/one_shot.hpp>
#include <zstdpp/open.hpp>
#include <zstdpp/parameters.hpp>

// zstdpp: a Zstandard (RFC 8878) codec written from scratch in C++20. Umbrella header.
#pragma once

#include <zstdpp/bytes.hpp>
#include <zstdpp/compressor.hpp>
#include <zstdpp/constants.hpp>
#include <zstdpp/decompressor.hpp>
#include <zstdpp/dict.hpp>
#include <zstdpp/error.hpp>
#include <zstdpp/frame.hpp>
#include <zstdpp/parameters.hpp>

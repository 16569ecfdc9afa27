#pragma once
#include <filesystem>
#include <string>

namespace dayopps::inputs {

// SHA-256 of a file's bytes as 64 lowercase hex digits (OpenSSL). Throws InputError if unreadable.
std::string sha256_hex(const std::filesystem::path& file);

// SHA-256 of `text` as 64 lowercase hex digits.
std::string sha256_hex_of(const std::string& text);

}  // namespace dayopps::inputs

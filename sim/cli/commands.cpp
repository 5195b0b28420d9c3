#include "cli/commands.hpp"

#include <cstdio>

#include <fmt/format.h>

#include <cctype>
#include <string_view>
#include <vector>

namespace splitsim::cli {

std::string shell_quote(const std::string& arg) {
  bool plain = !arg.empty();
  for (char c : arg) {
    plain = plain && (std::isalnum(static_cast<unsigned char>(c)) || std::string_view("-_./:=,+@%").find(c) != std::string_view::npos);
  }
  if (plain) return arg;
  std::string out = "'";
  for (char c : arg) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string without_output_options(const std::string& command_line, const std::vector<std::string>& options) {
  // Split on spaces outside single quotes, drop each listed option with its value (flags have none).
  std::vector<std::string> words;
  std::string word;
  bool quoted = false, escaped = false;
  for (char c : command_line) {
    if (escaped) {  // \' outside quotes is a literal quote (shell_quote writes it inside '...'\''...')
      escaped = false;
      word += c;
      continue;
    }
    if (c == '\\' && !quoted) escaped = true;
    if (c == '\'') quoted = !quoted;
    if (c == ' ' && !quoted) {
      words.push_back(word);
      word.clear();
    } else {
      word += c;
    }
  }
  words.push_back(word);
  std::string out;
  for (std::size_t i = 0; i < words.size(); ++i) {
    bool drop = false;
    for (const auto& o : options) {
      if (words[i] == o) {
        drop = true;
        if (o != "--force" && i + 1 < words.size()) ++i;
      } else if (words[i].rfind(o + "=", 0) == 0) {
        drop = true;
      }
    }
    if (drop) continue;
    if (!out.empty()) out += " ";
    out += words[i];
  }
  return out;
}

void print_warnings(const PredictionWarnings& warnings) {
  for (const auto& line : warnings.lines()) fmt::print(stderr, "splitsim: warning: {}\n", line);
}

}  // namespace splitsim::cli

// The documented alternatives to paper.json's settings that can move a partition point: each cell of the grid is
// decided again under each of them, and margins.csv says which one flips the cell's choice.
#include "paper/paper.hpp"

namespace splitsim {

std::vector<PaperAlternative> paper_alternatives(const PaperSettings& s) {
  std::vector<PaperAlternative> out;
  PaperSettings input = s;
  input.input = s.input == "raw" ? "tensor" : "raw";
  out.push_back({s.input == "raw" ? "input=tensor" : "input=raw", input});
  bool any_work = false;
  for (const auto& [bench, ms] : s.phone_work_ms) any_work = any_work || ms > 0;
  if (any_work) {
    PaperSettings none = s;
    none.phone_work_ms.clear();
    out.push_back({"phone_work_ms=0", none});
  }
  PaperSettings server = s;
  server.server = s.server == "server-gpu" ? "server-cpu" : "server-gpu";
  out.push_back({"platforms.server=" + server.server, server});
  return out;
}

}  // namespace splitsim

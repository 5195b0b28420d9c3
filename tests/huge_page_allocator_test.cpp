#include <catch2/catch.hpp>

#include <cstdint>
#include <vector>

#include "core/huge_page_allocator.hpp"

using namespace splitsim;

TEST_CASE("huge page allocator: a block of 2 MiB or more is aligned to 2 MiB, and a growing vector keeps its values") {
  std::vector<std::uint64_t, HugePageAllocator<std::uint64_t>> v;
  bool saw_small = false, saw_large = false;
  for (std::uint64_t i = 0; i < 1'000'000; ++i) {
    v.push_back(i * 2654435761u);
    if (v.size() == v.capacity()) {  // the block just (re)allocated is full: look at it before the next one
      const auto address = reinterpret_cast<std::uintptr_t>(v.data());
      if (v.capacity() * sizeof(std::uint64_t) >= kHugePage) {
        saw_large = true;
        REQUIRE(address % kHugePage == 0);
      } else {
        saw_small = true;
      }
    }
  }
  CHECK(saw_small);
  CHECK(saw_large);
  for (std::uint64_t i = 0; i < v.size(); ++i) REQUIRE(v[i] == i * 2654435761u);
  v.clear();
  v.shrink_to_fit();  // frees the large block through the aligned path (ASan checks the pairing)
  CHECK(v.capacity() == 0);
}

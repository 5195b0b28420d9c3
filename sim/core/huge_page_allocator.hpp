#pragma once
// An allocator for the few arrays that a large run touches at random (every phone's state): a block of 2 MiB or
// more is aligned to 2 MiB and offered to the kernel for transparent huge pages, so that 100,000 phones' state
// (50 MB) is 25 translations the TLB keeps instead of 12,000 it cannot. Smaller blocks are plain `new`. Where the
// kernel does not give huge pages (THP off, another system) the block is an ordinary one; outputs never depend on it.
// A kernel that defragments for madvised regions may compact memory at the first touch: system time, which the
// benchmark counts (docs/performance.md).

#include <cstddef>
#include <new>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace splitsim {

inline constexpr std::size_t kHugePage = std::size_t{2} << 20;

template <class T>
class HugePageAllocator {
 public:
  using value_type = T;
  HugePageAllocator() = default;
  template <class U>
  HugePageAllocator(const HugePageAllocator<U>&) noexcept {}

  T* allocate(std::size_t n) {
    const std::size_t bytes = n * sizeof(T);
    if (bytes < kHugePage) return static_cast<T*>(::operator new(bytes));
    const std::size_t rounded = (bytes + kHugePage - 1) / kHugePage * kHugePage;
    void* p = ::operator new(rounded, std::align_val_t{kHugePage});
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    ::madvise(p, rounded, MADV_HUGEPAGE);  // advice: refused or ignored, the block is still good
#endif
    return static_cast<T*>(p);
  }
  void deallocate(T* p, std::size_t n) noexcept {
    const std::size_t bytes = n * sizeof(T);
    if (bytes < kHugePage) {
      ::operator delete(p);
    } else {
      ::operator delete(p, std::align_val_t{kHugePage});
    }
  }

  template <class U>
  bool operator==(const HugePageAllocator<U>&) const noexcept {
    return true;
  }
};

}  // namespace splitsim

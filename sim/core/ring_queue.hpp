#pragma once
// A FIFO of small values on a growable ring buffer: no allocation once it has reached its working size. Its
// capacity is a power of two, so that a place wraps with a mask rather than a division.

#include <cstddef>
#include <vector>

namespace splitsim {

template <class T>
class RingQueue {
 public:
  bool empty() const { return size_ == 0; }
  std::size_t size() const { return size_; }
  void push(T v) {
    if (size_ == data_.size()) grow();
    data_[(head_ + size_) & (data_.size() - 1)] = v;
    ++size_;
  }
  T pop() {
    T v = data_[head_];
    head_ = (head_ + 1) & (data_.size() - 1);
    --size_;
    return v;
  }
  /// The i-th value from the front.
  T& at(std::size_t i) { return data_[(head_ + i) & (data_.size() - 1)]; }
  const T& at(std::size_t i) const { return data_[(head_ + i) & (data_.size() - 1)]; }
  /// Removes the i-th value from the front, keeping the order of the others.
  void erase(std::size_t i) {
    for (std::size_t k = i; k + 1 < size_; ++k) at(k) = at(k + 1);
    --size_;
  }

 private:
  void grow() {
    std::vector<T> bigger(data_.empty() ? 16 : data_.size() * 2);  // powers of two
    for (std::size_t i = 0; i < size_; ++i) bigger[i] = at(i);
    data_ = std::move(bigger);
    head_ = 0;
  }
  std::vector<T> data_;
  std::size_t head_ = 0;
  std::size_t size_ = 0;
};

}  // namespace splitsim

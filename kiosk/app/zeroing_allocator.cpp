// Every heap block the kiosk frees is zeroed first. Personal data passes
// through many short-lived strings (intents, effects, JSON, text layout);
// wiping each by hand would miss some, and a freed block keeps its bytes
// until reused. With this, nothing of a citizen survives in freed memory.
#include <malloc.h>

#include <cstdlib>
#include <new>

#include "kiosk/core/secure_wipe.hpp"

namespace {

void* allocate(std::size_t size) {
  void* block = std::malloc(size == 0 ? 1 : size);
  if (block == nullptr) {
    throw std::bad_alloc();
  }
  return block;
}

void* allocate_aligned(std::size_t size, std::align_val_t alignment) {
  void* block = nullptr;
  const auto align = static_cast<std::size_t>(alignment);
  if (posix_memalign(&block, align < sizeof(void*) ? sizeof(void*) : align, size == 0 ? 1 : size) != 0) {
    throw std::bad_alloc();
  }
  return block;
}

void release(void* block) noexcept {
  if (block != nullptr) {
    kiosk::secure_zero(block, malloc_usable_size(block));
    std::free(block);
  }
}

}  // namespace

void* operator new(std::size_t size) {
  return allocate(size);
}
void* operator new[](std::size_t size) {
  return allocate(size);
}
void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
  return std::malloc(size == 0 ? 1 : size);
}
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept {
  return std::malloc(size == 0 ? 1 : size);
}
void* operator new(std::size_t size, std::align_val_t alignment) {
  return allocate_aligned(size, alignment);
}
void* operator new[](std::size_t size, std::align_val_t alignment) {
  return allocate_aligned(size, alignment);
}
void operator delete(void* block) noexcept {
  release(block);
}
void operator delete[](void* block) noexcept {
  release(block);
}
void operator delete(void* block, std::size_t) noexcept {
  release(block);
}
void operator delete[](void* block, std::size_t) noexcept {
  release(block);
}
void operator delete(void* block, std::align_val_t) noexcept {
  release(block);
}
void operator delete[](void* block, std::align_val_t) noexcept {
  release(block);
}
void operator delete(void* block, std::size_t, std::align_val_t) noexcept {
  release(block);
}
void operator delete[](void* block, std::size_t, std::align_val_t) noexcept {
  release(block);
}

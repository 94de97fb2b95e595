# Warnings and sanitizers applied to every target of the project, not to the
# Debian libraries it links.
add_library(kiosk_build_flags INTERFACE)
target_compile_options(kiosk_build_flags INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion
  -Wnon-virtual-dtor -Wold-style-cast -Wcast-align -Woverloaded-virtual
  -Wimplicit-fallthrough
  # gcc 12 at -O2 reports libstdc++'s own streambuf and string members, once
  # inlined, as null dereferences; clang's check has no such false positives.
  $<$<CXX_COMPILER_ID:Clang>:-Wnull-dereference>)
if(KIOSK_WERROR)
  target_compile_options(kiosk_build_flags INTERFACE -Werror)
endif()

if(KIOSK_SANITIZE)
  set(KIOSK_SANITIZER_FLAGS -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
  target_compile_options(kiosk_build_flags INTERFACE ${KIOSK_SANITIZER_FLAGS})
  target_link_options(kiosk_build_flags INTERFACE ${KIOSK_SANITIZER_FLAGS})
endif()

if(KIOSK_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "KIOSK_FUZZ needs clang (use the fuzz or asan preset)")
  endif()
  # Instrument every library so that the fuzzer sees coverage inside the parsers.
  target_compile_options(kiosk_build_flags INTERFACE -fsanitize=fuzzer-no-link)
endif()

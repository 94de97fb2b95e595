# Every dependency comes from Debian 12 packages; ./dev deps installs them.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(OpenSSL 3 REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(CURL REQUIRED)
find_package(nlohmann_json REQUIRED)
find_package(spdlog REQUIRED)
find_package(tomlplusplus REQUIRED)
find_package(SDL2 REQUIRED)
find_package(ZXing REQUIRED)
find_package(libjpeg-turbo REQUIRED)
if(KIOSK_TESTS)
  find_package(GTest REQUIRED)
endif()

# OpenJPEG's CMake package references tools Debian ships elsewhere and warns
# loudly; its pkg-config file is clean. Keep the package's target name.
pkg_check_modules(OPENJP2 REQUIRED IMPORTED_TARGET GLOBAL libopenjp2)
add_library(openjp2 ALIAS PkgConfig::OPENJP2)
pkg_check_modules(IMGUI REQUIRED IMPORTED_TARGET imgui)
pkg_check_modules(PCSC REQUIRED IMPORTED_TARGET libpcsclite)
pkg_check_modules(LIBUSB REQUIRED IMPORTED_TARGET libusb-1.0)
pkg_check_modules(SANE REQUIRED IMPORTED_TARGET sane-backends)
pkg_check_modules(QRENCODE REQUIRED IMPORTED_TARGET libqrencode)
pkg_check_modules(ZBAR REQUIRED IMPORTED_TARGET zbar)
pkg_check_modules(POPPLER_CPP REQUIRED IMPORTED_TARGET poppler-cpp)
pkg_check_modules(CLI11 REQUIRED IMPORTED_TARGET CLI11)
pkg_check_modules(UTF8PROC REQUIRED IMPORTED_TARGET GLOBAL libutf8proc)
# Debian's libstb: the stb image, image-write and TrueType code, compiled once.
pkg_check_modules(STB REQUIRED IMPORTED_TARGET GLOBAL stb)
# OpenPACE: the independent PACE / chip authentication the card tests check the reader against.
pkg_check_modules(EAC REQUIRED IMPORTED_TARGET libeac)
# sd_notify (readiness, watchdog) and the journal.
pkg_check_modules(SYSTEMD REQUIRED IMPORTED_TARGET libsystemd)
# cpp-httplib must be compiled with exactly the flags of its .pc file in every
# translation unit, or objects disagree on its class layout.
pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)

find_package(OpenGL REQUIRED)
# PDF structure reading for signing and verifying digitized papers.
pkg_check_modules(QPDF REQUIRED IMPORTED_TARGET libqpdf)
find_package(ZLIB REQUIRED)
# TPM 2.0 (ESAPI) that seals the outbox data key to the device.
pkg_check_modules(TSS2 REQUIRED IMPORTED_TARGET tss2-esys tss2-tctildr tss2-mu tss2-rc)

include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

# Static libraries and headers are for building against the kiosk's code
# (component "development"); no runtime package carries them.
get_property(kiosk_libraries GLOBAL PROPERTY KIOSK_EXPORTED_LIBRARIES)
if(kiosk_libraries)
  install(TARGETS ${kiosk_libraries} kiosk_build_flags EXPORT KioskTargets
    ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT development)
  install(EXPORT KioskTargets NAMESPACE Kiosk:: DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/Kiosk
    COMPONENT development)
  install(DIRECTORY kiosk drivers DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
    COMPONENT development FILES_MATCHING PATTERN "*.hpp")
endif()

include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

get_property(kiosk_libraries GLOBAL PROPERTY KIOSK_EXPORTED_LIBRARIES)
get_property(kiosk_programs GLOBAL PROPERTY KIOSK_INSTALLED_PROGRAMS)
if(kiosk_libraries)
  install(TARGETS ${kiosk_libraries} kiosk_build_flags EXPORT KioskTargets
    ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
  install(EXPORT KioskTargets NAMESPACE Kiosk:: DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/Kiosk)
  install(DIRECTORY kiosk drivers DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
    FILES_MATCHING PATTERN "*.hpp")
endif()
if(kiosk_programs)
  install(TARGETS ${kiosk_programs} RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()
install(DIRECTORY assets/ DESTINATION ${CMAKE_INSTALL_DATADIR}/kiosk)

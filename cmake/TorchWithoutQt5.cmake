# Debian's libtorch_cpu depends on libopencv_highgui, which loads Qt 5 into every process that links
# torch (torch uses no symbol of it). Qt 5 next to the studio's Qt 6 is fragile, so executables that link
# torch find an empty stand-in library with the same SONAME first, through an RPATH. --disable-new-dtags
# makes it a DT_RPATH, which (unlike DT_RUNPATH) also applies to libtorch's own dependencies.
#
# w4rl_torch_executable(target): apply that to an executable (or test) that links torch.
set(W4RL_STUB_DIR ${CMAKE_BINARY_DIR}/torch-stubs)
set(W4RL_STUB_INSTALL_DIR lib/world4rl)
if(NOT TARGET w4rl_opencv_highgui_stub)
  add_library(w4rl_opencv_highgui_stub SHARED ${CMAKE_CURRENT_LIST_DIR}/empty_stub.c)
  set_target_properties(w4rl_opencv_highgui_stub PROPERTIES
    OUTPUT_NAME opencv_highgui VERSION 406 SOVERSION 406
    LIBRARY_OUTPUT_DIRECTORY ${W4RL_STUB_DIR})
  install(TARGETS w4rl_opencv_highgui_stub LIBRARY DESTINATION ${W4RL_STUB_INSTALL_DIR} NAMELINK_SKIP)
endif()

function(w4rl_torch_executable target)
  add_dependencies(${target} w4rl_opencv_highgui_stub)
  target_link_options(${target} PRIVATE -Wl,--disable-new-dtags)
  set_property(TARGET ${target} APPEND PROPERTY BUILD_RPATH ${W4RL_STUB_DIR})
  set_property(TARGET ${target} APPEND PROPERTY INSTALL_RPATH "\$ORIGIN/../${W4RL_STUB_INSTALL_DIR}")
endfunction()

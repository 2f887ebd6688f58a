# Cross-compiling for arm64 (Raspberry Pi 4 class) on a Debian 12 amd64
# machine with crossbuild-essential-arm64 and the :arm64 -dev packages
# (scripts/check-arm64.sh installs them). Tests run under qemu-aarch64-static
# through CMAKE_CROSSCOMPILING_EMULATOR, so binfmt_misc is not needed.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(KIOSK_TRIPLET aarch64-linux-gnu)
set(CMAKE_C_COMPILER ${KIOSK_TRIPLET}-gcc)
set(CMAKE_CXX_COMPILER ${KIOSK_TRIPLET}-g++)

# Debian's multiarch layout: arm64 libraries in /usr/lib/aarch64-linux-gnu,
# headers shared in /usr/include. Search only there for libraries.
set(CMAKE_LIBRARY_ARCHITECTURE ${KIOSK_TRIPLET})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE BOTH)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE BOTH)
set(CMAKE_FIND_ROOT_PATH / /usr/${KIOSK_TRIPLET})

# pkg-config for the target: pkgconf:arm64 installs aarch64-linux-gnu-pkg-config,
# which reads /usr/lib/aarch64-linux-gnu/pkgconfig.
set(PKG_CONFIG_EXECUTABLE ${KIOSK_TRIPLET}-pkg-config CACHE FILEPATH "pkg-config for arm64")

# Run target binaries (tests, the demo bundle tool if not given) in qemu.
# -L: where the arm64 dynamic loader and libraries live.
set(CMAKE_CROSSCOMPILING_EMULATOR /usr/bin/qemu-aarch64-static -L /)

# The Debian architecture for the .deb (packaging/CMakeLists.txt).
set(KIOSK_DEB_ARCH arm64)

# Sourced by the scripts that build the project (build.sh, test-nogui.sh,
# check-package.sh). Exports Debian's hardening flags, the package's, so the
# tests run what ships; and points ccache at the repository root without
# hashing the build folder, so that ./build, ./build-nogui and ./build-pkg,
# whose command lines are the same, share one compilation of each file (a
# clean CI run compiles the content library once, not three times).
eval "$(DEB_BUILD_MAINT_OPTIONS=hardening=+all dpkg-buildflags --export=sh)"
export CXXFLAGS="$CXXFLAGS $CPPFLAGS" CFLAGS="$CFLAGS $CPPFLAGS"
export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$PWD}" CCACHE_NOHASHDIR="${CCACHE_NOHASHDIR:-true}"

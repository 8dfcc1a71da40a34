#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Shared by the README's two commands: installs what is missing, then configures and
# builds Archplan in ./build. Prints the build directory's path.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

# Its output goes to stderr: stdout carries only the build folder's path.
bash build-aux/install-deps.sh >&2

if [ ! -f build/build.ninja ]; then
  rm -rf build
  meson setup build >&2
fi
ninja -C build >&2
echo "$top/build"

#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Installs the Debian 12 packages Archplan needs to build, run and test.
# This is the one list of packages: the README's commands and CI both call it.
# It does nothing when everything is already there.
set -eu

packages=(
  # build
  gcc pkg-config meson ninja-build gettext libxml2-utils
  libglib2.0-dev libglib2.0-dev-bin libgtk-4-dev libadwaita-1-dev
  libjson-glib-dev libsqlite3-dev sqlite3 libcairo2-dev libpango1.0-dev
  # validators used by the test suite
  desktop-file-utils appstream python3 python3-jsonschema
  # headless GUI tests
  xvfb xauth dbus dbus-x11 at-spi2-core
  # fonts and icons so the window renders as users see it
  fonts-cantarell adwaita-icon-theme
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "archplan: installing ${missing[*]}" >&2
if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1; then
  sudo=(sudo)
else
  echo "archplan: these packages are missing and neither root nor sudo is available: ${missing[*]}" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -q
"${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"

#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The README's first command: set up, build and open Archplan on the sample plan (the
# default plan starts as the sample the first time). Extra arguments go to archplan.
set -eu
build=$(bash "$(dirname "$0")/setup-build.sh")
export GSETTINGS_SCHEMA_DIR="$build/data" ARCHPLAN_LOCALEDIR="$build/po"
exec "$build/src/archplan" "$@"

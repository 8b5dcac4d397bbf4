#!/usr/bin/env bash
# Takes the studio's screenshots (packaging/screenshots/*.png, used by the AppStream metainfo and the
# README) from the real application on the built-in demo under Xvfb. Build first (packaging/build.sh).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
studio="${W4RL_BUILD_DIR:-$root/build}/app/studio/world4rl-studio"
out="${1:-$root/packaging/screenshots}"
[[ -x "$studio" ]] || { echo "screenshots.sh: build first ($studio is missing)" >&2; exit 1; }
# A fixed language and a settings file of its own, so the user's layout and language do not leak in.
export LANG=C.UTF-8 LC_ALL=C.UTF-8 XDG_CONFIG_HOME="$(mktemp -d)"
trap 'rm -rf "$XDG_CONFIG_HOME"' EXIT
QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1600x1200x24" "$studio" --screenshots "$out"

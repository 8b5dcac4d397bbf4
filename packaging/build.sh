#!/usr/bin/env bash
# Configures and builds World4RL into build/ (Release, Ninja, ccache when present).
# Extra arguments are passed to CMake's configure step, e.g. -DW4RL_BUILD_TESTS=OFF.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${W4RL_BUILD_DIR:-$root/build}"
jobs="${W4RL_JOBS:-$(nproc)}"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release "$@"
cmake --build "$build" -j "$jobs"

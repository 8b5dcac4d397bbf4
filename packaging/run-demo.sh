#!/usr/bin/env bash
# Quick start, part 1: install what is missing, build, and start World4RL Studio on its built-in demo
# (resources/demo: a hammer dataset with the world model, success classifier, policy and refinement run).
# Without a display (a server, CI) it runs the studio under Xvfb instead and saves a picture of each panel
# into out/demo/screenshots, then exits.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$root/packaging/install-deps.sh"
bash "$root/packaging/build.sh" -DW4RL_BUILD_TESTS=OFF
build="${W4RL_BUILD_DIR:-$root/build}"
if [[ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]]; then
  exec "$build/app/studio/world4rl-studio"
fi
echo "run-demo.sh: no display; running the studio on the demo under Xvfb and saving its panels" >&2
bash "$root/packaging/screenshots.sh" "${W4RL_DEMO_OUT:-$root/out/demo}/screenshots"

#!/usr/bin/env bash
# Quick start, part 1: install what is missing, build, and run the main job on the built-in default:
# collect a small pick-place dataset (expert, perturbed and random episodes) and print its summary.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$root/packaging/install-deps.sh"
bash "$root/packaging/build.sh" -DW4RL_BUILD_TESTS=OFF
build="${W4RL_BUILD_DIR:-$root/build}"
out="${W4RL_DEMO_OUT:-$root/out/demo}"
mkdir -p "$out"
rm -f "$out/pick-place.hdf5"
"$build/app/cli/world4rl" collect --task pick-place --recipe expert:10,noisy:20,random:5 --out "$out/pick-place.hdf5"
"$build/app/cli/world4rl" dataset info "$out/pick-place.hdf5"

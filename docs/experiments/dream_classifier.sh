#!/usr/bin/env bash
# Does a success classifier trained on the world model's dreams judge the dream more truly than one trained on
# real frames only? Soccer, the shipped world model: arm "real" trains the classifier on the shipped recipe's
# soccer episodes, arm "dreams" on the same episodes plus the shipped model's dreams of their training split
# (world4rl dream, 50-step segments from the real context, labelled by the real episode). eval-dream then
# judges both with the shipped BC policy (acting on the dream and on the real task) and with random actions,
# 100 held-out starts. Usage: dream_classifier.sh OUT_DIR. About 6 min of dreams, 2 min per classifier and
# 2-4 min per eval-dream on a 2-core CPU.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="${1:?usage: dream_classifier.sh OUT_DIR}"
cli="${W4RL_BUILD_DIR:-$root/build}/app/cli/world4rl"
models="$root/resources/models"
wm="$models/world_model_3task_cpu.pt"
[ -x "$cli" ] || { echo "dream_classifier.sh: $cli not built (bash packaging/build.sh)" >&2; exit 1; }
# shellcheck source=shipped_recipe.sh
source "$root/docs/experiments/shipped_recipe.sh"
tasks=(soccer)
collect_shipped_recipe "$out"
mkdir -p "$out/eval"
[ -f "$out/soccer_dreams.hdf5" ] ||
  "$cli" dream --world-model "$wm" --data "${data[@]}" --out "$out/soccer_dreams.hdf5" --task soccer --segment 50
[ -f "$out/real/reward.pt" ] || "$cli" train-reward --data "${data[@]}" --task soccer --out "$out/real"
[ -f "$out/dreams/reward.pt" ] ||
  "$cli" train-reward --data "${data[@]}" "$out/soccer_dreams.hdf5" --task soccer --out "$out/dreams"
for arm in real dreams; do
  for who in act-on-dream act-on-real random; do
    report="$out/eval/${arm}_${who}.json"
    [ -f "$report" ] && continue
    case $who in
      act-on-dream) actor=(--policy "$models/bc_soccer.pt" --act-on dream) ;;
      act-on-real) actor=(--policy "$models/bc_soccer.pt" --act-on real) ;;
      random) actor=(--random) ;;
    esac
    "$cli" eval-dream --world-model "$wm" --reward "$out/$arm/reward.pt" "${actor[@]}" --task soccer \
      --episodes 100 --seed 0 --json >"$report.tmp"
    mv "$report.tmp" "$report"
  done
done
echo "reports in $out/eval/"

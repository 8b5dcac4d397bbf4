#!/usr/bin/env bash
# Makes the studio's built-in demo under resources/demo/ from a finished `world4rl pipeline` run:
#   bash packaging/make-demo.sh PIPELINE_OUT [TASK]      (TASK defaults to hammer)
# It collects a small dataset of TASK (2 expert, 2 BC-policy and 1 random episode), exports the world
# model, the task's success classifier and its refined policy (the BC policy where refinement has not run)
# as weights-only checkpoints, and copies the BC and refinement runs' configs and metrics (no checkpoints)
# so the Runs panel has something to chart. The demo is replaced only once all of it was made.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cli="${W4RL_BUILD_DIR:-$root/build}/app/cli/world4rl"
pipe="${1:?usage: make-demo.sh PIPELINE_OUT [TASK]}"
task="${2:-hammer}"
[[ -x "$cli" ]] || { echo "make-demo.sh: build first ($cli is missing)" >&2; exit 1; }
for f in "$pipe/world_model/best.pt" "$pipe/bc/$task/policy.pt" "$pipe/reward/$task/reward.pt"; do
  [[ -f "$f" ]] || { echo "make-demo.sh: $f is missing: is $pipe a finished pipeline run of $task?" >&2; exit 1; }
done
policy="$pipe/refine/$task/policy.pt"
[[ -f "$policy" ]] || policy="$pipe/bc/$task/policy.pt"

demo="$root/resources/demo"
tmp="$(mktemp -d "$root/resources/.demo.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
"$cli" collect --task "$task" --recipe expert:2,policy:2,random:1 --policy "$pipe/bc/$task/policy.pt" \
  --seed 7 --out "$tmp/${task}_demo.hdf5"
"$cli" export-checkpoint "$pipe/world_model/best.pt" "$tmp/world_model.pt"
"$cli" export-checkpoint "$pipe/reward/$task/reward.pt" "$tmp/reward.pt"
"$cli" export-checkpoint "$policy" "$tmp/policy.pt"
for run in "bc/$task" "refine/$task"; do
  [[ -f "$pipe/$run/metrics.jsonl" ]] || continue
  dest="$tmp/runs/${run%%/*}_$task"
  mkdir -p "$dest"
  cp "$pipe/$run/run.json" "$pipe/$run/config.yaml" "$pipe/$run/metrics.jsonl" "$dest/"
  [[ -f "$pipe/$run/report.json" ]] && cp "$pipe/$run/report.json" "$dest/"
done
rm -rf "$demo"
chmod 755 "$tmp"
mv "$tmp" "$demo"
trap - EXIT
du -sh "$demo"

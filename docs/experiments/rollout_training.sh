#!/usr/bin/env bash
# Does training on its own rolled-out frames make the shipped 3-task world model's dream tell the truth
# more often? Two arms fine-tune resources/models/world_model_3task_cpu.pt for the same steps on the same
# data with the same seed: "rollout" with rollout_steps=2 rollout_share=0.25, "control" without; then
# eval-dream measures each with the shipped BC policies and classifiers, and with random actions, on 100
# held-out starts per task. The data is the shipped model's recipe (per task 50 expert episodes, 150 of the
# shipped BC policy with sampled actions, 30 random; the pipeline's collection seeds 1 and 2).
# Usage: rollout_training.sh OUT_DIR [STEPS (2500)] [key=value ...] (the extra keys go to both arms).
# About 30 min (rollout) and 22 min (control) for 2,500 steps in float32 on a 2-core AVX2 CPU, 3 min of
# collection and about 1 min per eval-dream.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="${1:?usage: rollout_training.sh OUT_DIR [STEPS] [key=value ...]}"
steps="${2:-2500}"
shift $(($# < 2 ? $# : 2))
cli="${W4RL_BUILD_DIR:-$root/build}/app/cli/world4rl"
models="$root/resources/models"
[ -x "$cli" ] || { echo "rollout_training.sh: $cli not built (bash packaging/build.sh)" >&2; exit 1; }
# shellcheck source=shipped_recipe.sh
source "$root/docs/experiments/shipped_recipe.sh"
mkdir -p "$out/eval"
collect_shipped_recipe "$out"
train() {  # ARM key=value...
  local arm="$1"
  shift
  [ -f "$out/wm_$arm/best.pt" ] && [ -f "$out/wm_$arm/train.done" ] && return
  local resume=(--init-from "$models/world_model_3task_cpu.pt")
  [ -f "$out/wm_$arm/last.pt" ] && resume=(--resume)
  "$cli" train-world-model --data "${data[@]}" --out "$out/wm_$arm" --preset cpu "${resume[@]}" \
    moving_pixel_weight=10 steps="$steps" "$@"
  touch "$out/wm_$arm/train.done"
}
train rollout rollout_steps=2 rollout_share=0.25 "$@"
train control "$@"
for arm in rollout control; do eval_shipped_tasks "$arm" "$out/wm_$arm/best.pt" "$out"; done
echo "reports in $out/eval/"

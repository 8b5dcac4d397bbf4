#!/usr/bin/env bash
# Does a moving average of the world model's weights (ema_decay) make the dream tell the truth more often
# than the trained weights it averages? One training of the shipped model's recipe from scratch with
# ema_decay yields both: last.pt holds the trained weights at the last step and ema.pt their average at
# the same step, so the two arms share data, seed and every optimiser step, and differ only in the
# averaging. eval-dream then measures each with the shipped BC policies and classifiers, and with random
# actions, on 100 held-out starts per task. The data is the shipped model's recipe (per task 50 expert
# episodes, 150 of the shipped BC policy with sampled actions, 30 random; collection seeds 1 and 2).
# Usage: weight_average.sh OUT_DIR [STEPS (10000)] [key=value ...] (the extra keys go to the training).
# INIT_FROM=W.pt in the environment trains from W's weights instead of from scratch (--init-from: fresh
# optimiser and warm-up) and measures W itself as a third arm, "init", with the same starts.
# About 50 min for 10,000 bfloat16 steps on a 2-core CPU with native bfloat16 (on one without, pass
# precision=float32: about 30 samples/s on a 2-core AMD EPYC, four times as long), 3 min of collection and
# 70-250 s per eval-dream.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="${1:?usage: weight_average.sh OUT_DIR [STEPS] [key=value ...]}"
steps="${2:-10000}"
shift $(($# < 2 ? $# : 2))
cli="${W4RL_BUILD_DIR:-$root/build}/app/cli/world4rl"
models="$root/resources/models"
[ -x "$cli" ] || { echo "weight_average.sh: $cli not built (bash packaging/build.sh)" >&2; exit 1; }
# shellcheck source=shipped_recipe.sh
source "$root/docs/experiments/shipped_recipe.sh"
mkdir -p "$out/eval"
collect_shipped_recipe "$out"
if [ ! -f "$out/wm/train.done" ]; then
  resume=()
  [ -f "$out/wm/last.pt" ] && resume=(--resume)
  [ -n "${INIT_FROM:-}" ] && [ ! -f "$out/wm/last.pt" ] && resume=(--init-from "$INIT_FROM")
  "$cli" train-world-model --data "${data[@]}" --out "$out/wm" --preset cpu "${resume[@]}" \
    precision=bfloat16 moving_pixel_weight=10 ema_decay=0.999 steps="$steps" "$@"
  touch "$out/wm/train.done"
fi
[ -n "${INIT_FROM:-}" ] && eval_shipped_tasks init "$INIT_FROM" "$out"
for arm in last ema; do eval_shipped_tasks "$arm" "$out/wm/$arm.pt" "$out"; done
echo "reports in $out/eval/"

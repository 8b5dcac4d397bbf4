#!/usr/bin/env bash
# Does keeping the refinement's best real evaluation (best.pt) beat its last policy (policy.pt) on held-out
# seeds? Refines the built-in demo's hammer policy in the demo's world model with several PPO seeds, then
# evaluates the start policy and each run's best.pt and policy.pt on the same held-out seeds and pairs them
# with compare-evals. Usage: refine_selection.sh OUT_DIR [SEEDS (3)] [HELD_OUT_EPISODES (200)] [key=value ...]
# (refine keys after the first three arguments override the defaults below). About 4 minutes per seed on a
# 2-core CPU, plus about 30 s per 200-episode evaluation.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="${1:?usage: refine_selection.sh OUT_DIR [SEEDS] [HELD_OUT_EPISODES] [key=value ...]}"
seeds="${2:-3}"
episodes="${3:-200}"
shift $(($# < 3 ? $# : 3))
cli="${W4RL_BUILD_DIR:-$root/build}/app/cli/world4rl"
demo="$root/resources/demo"
[ -x "$cli" ] || { echo "refine_selection.sh: $cli not built (bash packaging/build.sh)" >&2; exit 1; }
mkdir -p "$out"
evaluate() {  # NAME POLICY: held-out evaluation (eval-policy's default seed 0, mean actions)
  if [ ! -f "$out/$1.json" ]; then
    "$cli" eval-policy --policy "$2" --task hammer --episodes "$episodes" --json >"$out/$1.json.tmp"
    mv "$out/$1.json.tmp" "$out/$1.json"
  fi
}
evaluate start "$demo/policy.pt"
others=()
for ((s = 0; s < seeds; s++)); do
  run="$out/run_s$s"
  if [ ! -f "$run/policy.pt" ]; then
    rm -rf "$run"
    "$cli" refine --policy "$demo/policy.pt" --world-model "$demo/world_model.pt" --reward "$demo/reward.pt" \
      --data "$demo/hammer_demo.hdf5" --out "$run" iterations=30 num_envs=32 horizon=15 start_from=any \
      eval_every=3 eval_episodes=30 policy_lr=1e-4 stop_on_real_loss=false seed="$s" "$@" >"$out/run_s$s.log" 2>&1
  fi
  evaluate "best_s$s" "$run/best.pt"
  evaluate "last_s$s" "$run/policy.pt"
  others+=("$out/best_s$s.json" "$out/last_s$s.json")
done
"$cli" compare-evals "$out/start.json" "${others[@]}"
"$cli" compare-evals --json "$out/start.json" "${others[@]}" >"$out/compare.json"
python3 - "$out/compare.json" <<'PY'
import json, sys
rows = json.load(open(sys.argv[1]))
for kind in ("best", "last"):
    pts = [r["change_points"] for r in rows if f"/{kind}_s" in r["other"]]
    print(f"{kind}: mean change {sum(pts) / len(pts):+.1f} points over {len(pts)} runs ({', '.join(f'{p:+.1f}' for p in pts)})")
PY

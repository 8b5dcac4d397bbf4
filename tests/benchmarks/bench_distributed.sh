#!/usr/bin/env bash
# Data-parallel world-model training throughput: one process using every core, one process on one thread
# (what each rank gets when N ranks share N cores), and --nproc N ranks, on the same data and settings. Prints, per configuration, the
# training samples/s over the run (after its first logged interval) and the mean all-reduce seconds per step.
# Usage: bench_distributed.sh OUT_DIR [PRESET (cpu)] [STEPS (40)] [RANKS (2)] [key=value ...]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="${1:?usage: bench_distributed.sh OUT_DIR [PRESET] [STEPS] [RANKS] [key=value ...]}"
preset="${2:-cpu}"
steps="${3:-40}"
ranks="${4:-2}"
shift $(($# < 4 ? $# : 4))
cli="${W4RL_BUILD_DIR:-$root/build}/app/cli/world4rl"
[ -x "$cli" ] || { echo "bench_distributed.sh: $cli not built (bash packaging/build.sh)" >&2; exit 1; }
mkdir -p "$out"
data="$out/hammer.hdf5"
[ -f "$data" ] || "$cli" collect --task hammer --recipe expert:6,random:6 --out "$data" >/dev/null 2>&1
run() {  # NAME ENV [launcher options...]
  local name="$1" env="$2"
  shift 2
  rm -rf "$out/$name"
  env $env "$cli" train-world-model --data "$data" --out "$out/$name" --preset "$preset" steps="$steps" \
    log_every=5 checkpoint_every=100000 valid_every=100000 "$@" >"$out/$name.log" 2>&1
}
run one_process "" "$@"
run one_thread OMP_NUM_THREADS=1 "$@"
run "nproc_$ranks" "" --nproc "$ranks" "$@"
python3 - "$out" one_process one_thread "nproc_$ranks" <<'PY'
import json, sys, pathlib
out = pathlib.Path(sys.argv[1])
print(f"{'configuration':<14} {'samples/s':>10} {'allreduce s/step':>17}")
for name in sys.argv[2:]:
    rows = [json.loads(l) for l in (out / name / "metrics.jsonl").read_text().splitlines() if l.strip()]
    rows = [r for r in rows if "perf/samples_per_s" in r][1:]  # the first interval holds the start-up
    rate = sum(r["perf/samples_per_s"] for r in rows) / len(rows)
    reduce = [r["perf/allreduce_s"] for r in rows if "perf/allreduce_s" in r]
    shown = f"{sum(reduce) / len(reduce):.4f}" if reduce else "-"
    print(f"{name:<14} {rate:>10.1f} {shown:>17}")
PY

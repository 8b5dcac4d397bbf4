# Sourced by the experiments on the shipped 3-task world model: collects its data recipe into DIR/data
# (per task 50 expert episodes, 150 of the shipped BC policy with sampled actions, 30 random; collection
# seeds 1 and 2; files already there are kept) and lists the files in the array `data`, in the shipped
# model's task order (`tasks`); eval_shipped_tasks measures a world model on them. Needs `cli` and `models`.
tasks=(coffee-pull soccer hammer)
collect_shipped_recipe() {  # DIR
  mkdir -p "$1/data"
  data=()
  local t
  for t in "${tasks[@]}"; do
    [ -f "$1/data/${t}_expert.hdf5" ] ||
      "$cli" collect --task "$t" --out "$1/data/${t}_expert.hdf5" --recipe expert:50 --seed 1
    [ -f "$1/data/${t}_rollouts.hdf5" ] ||
      "$cli" collect --task "$t" --out "$1/data/${t}_rollouts.hdf5" --recipe policy:150,random:30 \
        --policy "$models/bc_$t.pt" --seed 2
    data+=("$1/data/${t}_expert.hdf5" "$1/data/${t}_rollouts.hdf5")
  done
}
# eval-dream of WORLD_MODEL with each task's shipped BC policy and with random actions, 100 held-out
# starts, into OUT_DIR/eval/ARM_TASK_{bc,random}.json (reports already there are kept); further arguments
# go to each eval-dream (e.g. --act-on real).
eval_shipped_tasks() {  # ARM WORLD_MODEL OUT_DIR [EVAL_DREAM_ARGS...]
  local arm="$1" model="$2" dir="$3" t actor report who
  shift 3
  for t in "${tasks[@]}"; do
    for actor in bc random; do
      report="$dir/eval/${arm}_${t}_${actor}.json"
      [ -f "$report" ] && continue
      if [ "$actor" = bc ]; then who=(--policy "$models/bc_$t.pt"); else who=(--random); fi
      "$cli" eval-dream --world-model "$model" --reward "$models/reward_$t.pt" "${who[@]}" \
        --task "$t" --episodes 100 --seed 0 --json "$@" >"$report.tmp"
      mv "$report.tmp" "$report"
    done
  done
}

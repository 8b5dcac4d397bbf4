# Sourced by the experiments on the shipped 3-task world model: collects its data recipe into DIR/data
# (per task 50 expert episodes, 150 of the shipped BC policy with sampled actions, 30 random; collection
# seeds 1 and 2; files already there are kept) and lists the files in the array `data`, in the shipped
# model's task order (`tasks`). Needs `cli` and `models` set.
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

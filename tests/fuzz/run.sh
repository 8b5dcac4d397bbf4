#!/usr/bin/env bash
# Builds the libFuzzer targets (clang) into build-fuzz/ and runs each on its seed corpus.
#   bash tests/fuzz/run.sh                 each target for 45 s (CI)
#   bash tests/fuzz/run.sh --seconds 300   each target for 300 s
#   bash tests/fuzz/run.sh --runs 1000000  each target for 1M executions
#   bash tests/fuzz/run.sh --only fuzz_dataset ...
# The seeds in tests/fuzz/corpus/<target>/ are copied into build-fuzz/corpus/<target>/, where libFuzzer
# keeps what it finds, so repeated runs go on from there. A crash stops with the input in
# build-fuzz/artifacts/ and a non-zero exit; reproduce it with build-fuzz/<target> <that file>.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${W4RL_FUZZ_BUILD_DIR:-$root/build-fuzz}"
limit=(-max_total_time=45)
only=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --seconds) limit=(-max_total_time="$2"); shift 2 ;;
    --runs) limit=(-runs="$2"); shift 2 ;;
    --only) only+=("$2"); shift 2 ;;
    *) echo "run.sh: unknown argument '$1' (see the comment at the top of this script)" >&2; exit 2 ;;
  esac
done
targets=(fuzz_checkpoint_archive fuzz_safetensors fuzz_flat_config fuzz_config_file fuzz_metrics fuzz_events fuzz_dataset)
[[ ${#only[@]} -gt 0 ]] && targets=("${only[@]}")

cmake -S "$root/tests/fuzz" -B "$build" -G Ninja -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ >/dev/null
cmake --build "$build" --target "${targets[@]}"
mkdir -p "$build/artifacts"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1}"
# A crash or a hang whose innermost frame (below the sanitizer's interceptors) lies in Debian's HDF5 library is a
# bug of that library, which parses a file's metadata before any of our checks can see it: such inputs
# are counted and kept in build-fuzz/library-crashes/ (docs/reliability.md says what it means for users),
# and the run goes on. A crash anywhere else fails the run.
library_frames='libhdf5'
# The first stack frame of a report that is neither the fuzzer's or the sanitizer's runtime (both linked
# into the target without source locations: "in malloc (build-fuzz/fuzz_dataset+0x...)") nor the C
# library's. A C library frame is where a caller's bad pointer or size was used (memcpy called by HDF5 on a
# corrupt heap block, shown with its source "string/../sysdeps/..."), or, in a timeout's report printed
# from the alarm's signal handler, the signal return; the frame after it is the caller that is to blame.
innermost_frame() {
  awk '/^ +#[0-9]+ 0x/ {
         if ($0 ~ /\(\/[^)]*\/fuzz_[a-z_]+\+0x|__interceptor_|__sanitizer|__asan|__ubsan/) next
         if ($0 ~ /libc\.so|[ (]string\/\.\.\/sysdeps\/|[ (]\.\.\/sysdeps\//) next
         print; exit
       }'
}
failed=0
for t in "${targets[@]}"; do
  corpus="$build/corpus/$t"
  mkdir -p "$corpus" "$build/library-crashes"
  cp -n "$root/tests/fuzz/corpus/$t/"* "$corpus/"
  rm -f "$build/artifacts/$t-"*
  echo "== $t (${limit[*]})"
  # Fork mode with -ignore_crashes: one process per batch of inputs, so a crash is written out and
  # fuzzing goes on; each is then replayed alone and judged below.
  # -malloc_limit_mb: one allocation of a gigabyte from a 256 KB input is a finding (a size taken from a
  # header unchecked).
  options=(-timeout=20 -rss_limit_mb=2048 -malloc_limit_mb=1024)
  # HDF5 leaks a few bytes inside the library on some error paths of a corrupt file, in frames that
  # cannot be unwound (no frame pointers), so leaks are looked for in our own targets only.
  if [[ $t == fuzz_dataset ]]; then export ASAN_OPTIONS=detect_leaks=0; else export ASAN_OPTIONS=detect_leaks=1; fi
  "$build/$t" "${limit[@]}" "${options[@]}" -fork=1 -ignore_crashes=1 -ignore_ooms=1 -ignore_timeouts=1 \
    -max_len=262144 -print_final_stats=1 -artifact_prefix="$build/artifacts/$t-" \
    "$corpus" >"$build/$t.log" 2>&1 || true
  grep -E '^#[0-9]+: cov: .* exec/s' "$build/$t.log" | tail -n 1 || true
  grep -E '^INFO: fuzzed for|^INFO: exiting|^Done' "$build/$t.log" | tail -n 2 || true
  library=0
  unreproduced=0
  for a in "$build/artifacts/$t-"*; do
    [[ -e "$a" ]] || continue
    # Replayed once, with the same limits, so a hang costs the timeout once and not libFuzzer's default.
    rc=0
    report="$("$build/$t" "${options[@]}" "$a" 2>&1)" || rc=$?
    if [[ $rc -eq 0 ]]; then
      # Fork mode runs many inputs in one process; what fails only after others is not this input's.
      unreproduced=$((unreproduced + 1))
      mv "$a" "$build/library-crashes/unreproduced-$(basename "$a")"
      continue
    fi
    frame="$(innermost_frame <<<"$report" || true)"
    if [[ -n "$frame" && "$frame" =~ $library_frames ]]; then
      library=$((library + 1))
      mv "$a" "$build/library-crashes/"
    else
      echo "run.sh: $t failed on $a:${frame:+ innermost frame: $frame}" >&2
      grep -E 'ERROR|SUMMARY|escape|#[0-9]+ ' <<<"$report" | head -n 20 >&2 || true
      failed=1
    fi
  done
  [[ $unreproduced -gt 0 ]] && echo "$t: $unreproduced failure(s) of fork mode did not reproduce alone"
  [[ $library -gt 0 ]] && echo "$t: $library input(s) crashed or hung inside the HDF5 library (kept in $build/library-crashes/)"
done
[[ $failed -eq 0 ]] || { echo "run.sh: a fuzz target failed; reproduce with build-fuzz/<target> <input>" >&2; exit 1; }

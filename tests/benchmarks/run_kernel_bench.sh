#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Runs bench_kernels (node-level kernel bandwidth against a STREAM triad measured in the
# same run) and prints a compact table for the README's performance section.
#
#   tests/benchmarks/run_kernel_bench.sh [-b BINARY] [-n RUNS] [-o DIR] [-- BENCH_FLAGS...]
#
#   -b BINARY  bench_kernels to run (default: $LAS_BUILD_DIR/tests/benchmarks/bench_kernels,
#              LAS_BUILD_DIR defaulting to build/ in the repository root)
#   -n RUNS    independent runs (default 3); the table shows, per kernel, the median over
#              runs of each run's median over its 5 repetitions
#   -o DIR     keep each run's JSON as DIR/bench_kernels.<i>.json (default: a temporary dir)
#   BENCH_FLAGS go to every run, e.g. --benchmark_filter='triad|stencil2d', and the sizes
#              --las_grid2d=N --las_grid3d=N --las_vector_rows=N --las_triad_rows=N
#              (on a CPU whose last-level cache holds the defaults: see the '*' below)
#
# Columns: GB/s = 1e9 bytes/s of the kernel's compulsory traffic (models in
# bench_kernels.cpp); frac = GB/s over the anchor of the same run: its triad, or the
# faster of two where the build compiles for more than baseline x86-64 (the build's
# flags, and baseline code; for the triad rows themselves the median over runs of their
# GB/s over that anchor); GFLOP/s;
# peak = GFLOP/s over the FP32 FMA peak (AVX2+FMA) of the same run, for the
# compute-bound network convolutions;
# cpu/real = CPU time over wall time (well below 1 means the core was shared with
# another process during that measurement: rerun on a quiet machine);
# a '*' after the kernel name: its compulsory traffic per call is below the size of the
# last-level cache, so repeated calls may run from that cache rather than from memory and
# its fraction of the (memory-bound) triad overstates it (this happens on CPUs with a
# large L3: the table then needs a larger problem before it says anything about DRAM).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
bin="${LAS_BUILD_DIR:-$repo/build}/tests/benchmarks/bench_kernels"
runs=3
outdir=""
while getopts "b:n:o:h" opt; do
  case $opt in
    b) bin=$OPTARG ;;
    n) runs=$OPTARG ;;
    o) outdir=$OPTARG ;;
    h) sed -n '3,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "usage: $0 [-b BINARY] [-n RUNS] [-o DIR] [-- BENCH_FLAGS...]" >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))

if [[ ! -x $bin ]]; then
  echo "run_kernel_bench.sh: no executable at '$bin' (build target bench_kernels, or pass -b)" >&2
  exit 1
fi
if [[ -z $outdir ]]; then
  outdir=$(mktemp -d)
  trap 'rm -rf "$outdir"' EXIT
else
  mkdir -p "$outdir"
fi

# One process per core is what the model assumes; keep libraries from spawning threads.
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1

files=()
for ((i = 1; i <= runs; ++i)); do
  json="$outdir/bench_kernels.$i.json"
  echo "run $i/$runs (load average: $(cut -d' ' -f1-3 /proc/loadavg))" >&2
  if ! "$bin" --benchmark_format=json "$@" >"$json" 2>"$outdir/stderr.$i.txt"; then
    echo "run_kernel_bench.sh: '$bin' failed:" >&2
    cat "$outdir/stderr.$i.txt" >&2
    exit 1
  fi
  files+=("$json")
done

# Size of the last-level cache in bytes (0 where the system does not say).
llc_bytes() {
  local f size=0
  for f in /sys/devices/system/cpu/cpu0/cache/index*/size; do
    [[ -r $f ]] || continue
    local v
    v=$(<"$f")
    case $v in
      *K) v=$((${v%K} * 1024)) ;;
      *M) v=$((${v%M} * 1024 * 1024)) ;;
    esac
    ((v > size)) && size=$v
  done
  echo "$size"
}

LAS_LLC_BYTES=$(llc_bytes) /usr/bin/python3 - "$bin" "$@" -- "${files[@]}" <<'EOF'
import json, os, statistics, sys

args = sys.argv[1:]
sep = args.index("--")
command, files = args[:sep], args[sep + 1:]

rows = {}     # run name -> list over runs of that run's median aggregate
order = []
triads = []   # per run: triad name -> its GB/s
anchors = []  # per run: the anchor's GB/s as bench_kernels used it (None: no kernel said)
for path in files:
    with open(path) as f:
        data = json.load(f)
    run_triads = {}
    anchor = None
    for b in data["benchmarks"]:
        if b.get("run_type") == "aggregate" and b.get("aggregate_name") != "median":
            continue
        name = b["run_name"]
        for suffix in ("/real_time", "/manual_time"):
            if name.endswith(suffix):
                name = name[: -len(suffix)]
        if "error_occurred" in b and b["error_occurred"]:
            print(f"{name}: {b.get('error_message', 'error')}", file=sys.stderr)
            continue
        if name not in rows:
            rows[name] = []
            order.append(name)
        rows[name].append(b)
        if name.startswith("triad"):
            run_triads[name] = b
        elif "anchor_bytes_per_second" in b:
            anchor = b["anchor_bytes_per_second"]
    if anchor is None and run_triads:
        anchor = max(b["bytes_per_second"] for b in run_triads.values())
    for b in run_triads.values():
        if anchor:
            b["frac_of_triad"] = b["bytes_per_second"] / anchor
    triads.append({n: b["bytes_per_second"] / 1e9 for n, b in run_triads.items()})
    anchors.append(anchor / 1e9 if anchor else None)

def med(run_list, key, scale=1.0):
    vals = [r[key] * scale for r in run_list if key in r]
    return statistics.median(vals) if vals else float("nan")

print("command: " + " ".join(command))
llc = int(os.environ.get("LAS_LLC_BYTES", "0"))
print(f"last-level cache: {llc / 2**20:.0f} MiB" if llc else "last-level cache: unknown")
def per_run(values):
    return ", ".join("-" if v is None else f"{v:.2f}" for v in values)

for name in dict.fromkeys(n for run in triads for n in run):
    print(f"{name.split('/')[0]} GB/s per run: " + per_run(run.get(name) for run in triads))
if any(a is not None for a in anchors):
    print("anchor GB/s per run (the faster triad; measured on the spot where filtered out): "
          + per_run(anchors))
width = max([len(n) for n in order] + [6]) + 1
print(f"{'kernel':<{width}}  {'GB/s':>6}  {'frac':>5}  {'GFLOP/s':>7}  {'peak':>5}  {'cpu/real':>8}")
for name in order:
    runs = rows[name]
    cpu_real = statistics.median(r["cpu_time"] / r["real_time"] for r in runs)
    in_cache = llc and med(runs, "bytes_per_call") < llc
    label = name + ("*" if in_cache else "")
    print(f"{label:<{width}}  {med(runs, 'bytes_per_second', 1e-9):6.2f}"
          f"  {med(runs, 'frac_of_triad'):5.2f}  {med(runs, 'gflops'):7.2f}"
          f"  {med(runs, 'frac_of_fp32_peak'):5.2f}  {cpu_real:8.2f}")
EOF

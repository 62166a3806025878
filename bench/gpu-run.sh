#!/usr/bin/env bash
# The GPU benchmark run, in two halves (see bench/README.md, "On the lent GPU"):
#
#   here (has .NET, no GPU):     bench/gpu-run.sh pack
#       packs .gpu/ with /work/shared/gpu/pack.sh: the .NET runtime, the published bench, Fashion-MNIST as
#       .gpu/data/fashion-mnist/ (the layout GAN_DATA_DIR needs), and .gpu/bench-commit.
#   on the GPU machine (device tool, carry [".gpu"]):
#       bash bench/gpu-run.sh device [extra bench options, given to both sides]
#       runs the C# bench on cuda (one process per variant, for per-variant memory), the PyTorch reference on cuda,
#       and compare.py; writes $OUT/<date>-<gpu>.json (both results + the comparison), the two inputs, and a log.
#
# Each side has its own time limit (BENCH_CS_TIMEOUT, BENCH_PY_TIMEOUT seconds) so that one slow half cannot take
# the other's results with it; the device tool allows 600 s per command.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
mode=${1:-}
shift || true

case "$mode" in
pack)
  cd "$root"
  pack=${GPU_PACK:-/work/shared/gpu/pack.sh}
  if [ -f .git ]; then
    # A git worktree: .git is a file, and pack.sh's `mkdir -p .git/info` fails. Run a copy without the exclude step:
    # the repository's .gitignore already ignores /.gpu/ (and the shared git dir is not this checkout's to edit).
    patched=$(mktemp)
    sed -e 's|mkdir -p .git/info .gpu|mkdir -p .gpu|' -e 's|\.git/info/exclude|/dev/null|g' "$pack" > "$patched"
    trap 'rm -f "$patched"' EXIT
    pack="bash $patched"
  fi
  # --data takes the folder that HOLDS fashion-mnist/: the library looks in $GAN_DATA_DIR/fashion-mnist/.
  $pack bench/GanNotebooks.Bench/GanNotebooks.Bench.csproj --data "${BENCH_DATA:-/usr/share/datasets}" || exit 1
  commit=$(git rev-parse --short=12 HEAD)
  [ -z "$(git status --porcelain --untracked-files=no)" ] || commit="$commit-dirty"
  echo "$commit" > .gpu/bench-commit
  tree=$(git ls-files -z | xargs -0 du -cb 2>/dev/null | tail -1 | cut -f1)
  gpu=$(du -sb .gpu | cut -f1)
  echo "gpu-run.sh: .gpu $((gpu / 1048576)) MiB + tracked tree $((tree / 1048576)) MiB = $(((gpu + tree) / 1048576)) MiB (limit 64 MiB)"
  [ $((gpu + tree)) -lt $((64 * 1048576)) ] || { echo "gpu-run.sh: too big for the device tool"; exit 1; }
  echo "next: device tool run, carry [\".gpu\"], command: bash bench/gpu-run.sh device"
  ;;
device)
  cd "$root"
  [ -f .gpu/env.sh ] || { echo "gpu-run.sh: no .gpu/env.sh: run 'bench/gpu-run.sh pack' first and carry .gpu"; exit 1; }
  # shellcheck disable=SC1091
  source .gpu/env.sh
  export GAN_BENCH_COMMIT=$(cat .gpu/bench-commit 2>/dev/null || echo unknown)
  out=${OUT:-/tmp/bench-out}
  mkdir -p "$out"
  gpu=$(nvidia-smi --query-gpu=name --format=csv,noheader 2>/dev/null | head -1 | tr -c 'A-Za-z0-9\n' '-' | tr -s '-')
  stem="$out/$(date -u +%Y-%m-%d)-${gpu:-gpu}"
  log="$stem.log"
  {
    echo "== commit $GAN_BENCH_COMMIT; $(nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader)"
    echo "== TorchSharp bench (cuda, one process per variant)"
    timeout "${BENCH_CS_TIMEOUT:-280}" dotnet "$APP/GanNotebooks.Bench.dll" --device cuda --isolate \
      --out "$stem-torchsharp.json" "$@"
    echo "== exit $?"
    echo "== PyTorch reference (cuda)"
    timeout "${BENCH_PY_TIMEOUT:-240}" python3 "$here/pytorch_reference.py" --device cuda \
      --out "$stem-pytorch.json" "$@"
    echo "== exit $?"
    echo "== comparison"
    python3 "$here/compare.py" "$stem-torchsharp.json" "$stem-pytorch.json" --out "$stem.json"
    echo "== exit $?"
  } 2>&1 | tee "$log"
  ls -la "$out"
  ;;
*)
  echo "usage: bench/gpu-run.sh pack            (here: pack .gpu/ for the device tool)"
  echo "       bash bench/gpu-run.sh device [opts] (on the GPU machine, carry [\".gpu\"])"
  exit 2
  ;;
esac

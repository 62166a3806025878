#!/usr/bin/env bash
# Builds the course site: runs every notebook in notebooks/ in order with the "course" parameters below, then exports
# the executed notebooks as a site (a page per notebook, index.html, one shared assets/ folder) into docs/, with the
# student edition of the course (gan-notebooks-student.zip) beside index.html.
#
#   bash tools/build-site.sh              # a 2-core CPU: Fashion-MNIST, smaller budgets, about 55 min in all (measured)
#   bash tools/build-site.sh --gpu        # a GPU: every notebook with its own defaults (the full runs)
#
# Options: --out DIR (default docs), --runs DIR (the executed notebooks, default rendered/course),
#          --dataset NAME (with --gpu: mnist, fashion-mnist, ...; the CPU build always uses fashion-mnist),
#          --only NN (run only notebooks whose name starts with NN, then export every executed notebook in --runs).
# Each page states the machine, the wall time and the parameters its notebook ran with; index.html and
# DIR/wall-times.md list the wall times. A notebook that fails stops the build (its executed copy keeps the error).
set -euo pipefail
cd "$(dirname "$0")/.."

# The CPU course: per notebook, what differs from its defaults (dataset=fashion-mnist is added to every one), chosen
# so that the whole course runs in under an hour on a 2-core CPU. Measured (README, docs/wall-times.md): 33 min 13 s
# on an idle 2-core VM (53 min 27 s while other work ran beside it), each notebook between 3 s (08) and 8 min 05 s
# (04, four epochs of WGAN and of WGAN-GP: one epoch is only ~94 generator updates there, since each Step is one critic
# update); the DCGAN-sized networks get 1-2 epochs at features=32, the capstone 200 generator steps per variant.
declare -A CPU_COURSE=(
  [01-basic-gan]="epochs=10"
  [02-dcgan]="epochs=2 features=32"
  [03-lsgan]="epochs=2 features=32"
  [04-wgan]="epochs=4 features=32"
  [05-cgan]="epochs=1 mlpEpochs=5 features=32"
  [06-sgan]="epochs=2 features=32"
  [07-fid-is]="samples=2000 repeats=3"
  [08-entropy]=""
  [09-ema]="epochs=2 features=32 fidSamples=2000"
  [10-capstone]="steps=200 features=32 fidSamples=2000"
)

usage() { sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; }

gpu=0 out=docs runs=rendered/course dataset="" only=""
while [ $# -gt 0 ]; do
  case "$1" in
    --gpu) gpu=1 ;;
    --out) out="${2:?--out needs a folder}"; shift ;;
    --runs) runs="${2:?--runs needs a folder}"; shift ;;
    --dataset) dataset="${2:?--dataset needs a name}"; shift ;;
    --only) only="${2:?--only needs a notebook number}"; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "error: unknown option '$1'." >&2; usage >&2; exit 2 ;;
  esac
  shift
done
if [ "$gpu" = 0 ] && [ -n "$dataset" ] && [ "$dataset" != fashion-mnist ]; then
  echo "error: the CPU build uses fashion-mnist (the only dataset available offline); --dataset is for --gpu." >&2
  exit 2
fi

dotnet build lib/GanNotebooks -c Release -v quiet -nologo
dotnet build tools/GanNotebooks.Runner -c Release -v quiet -nologo
runner=(dotnet tools/GanNotebooks.Runner/bin/Release/net10.0/GanNotebooks.Runner.dll)

if [ "$gpu" = 0 ]; then
  # Small models on 2 cores: one libtorch thread is faster than two that contend (measured for notebook 02).
  export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
  dataset=fashion-mnist
fi

mkdir -p "$runs"
start=$SECONDS
for notebook in notebooks/[0-9]*.ipynb; do
  name=$(basename "$notebook" .ipynb)
  [ -n "$only" ] && [[ "$name" != "$only"* ]] && continue
  params=()
  [ -n "$dataset" ] && params+=(--param "dataset=$dataset")
  if [ "$gpu" = 0 ]; then
    for p in ${CPU_COURSE[$name]-}; do params+=(--param "$p"); done
  fi
  echo "== $name ${params[*]}"
  "${runner[@]}" run "$notebook" --out "$runs" "${params[@]}"
done
echo "== notebooks ran in $(( (SECONDS - start) / 60 )) min $(( (SECONDS - start) % 60 )) s"

# Pages and images of an earlier build go, so a renamed notebook leaves no stale page behind.
rm -f "$out"/[0-9]*.html
for folder in "$out"/images/[0-9]*/; do [ -d "$folder" ] && rm -r "$folder"; done
# The student edition (solutions replaced by stubs) as one zip in the site, linked from index.html: made from the
# source notebooks, not the executed copies, and written before the export so that the index finds it.
"${runner[@]}" export --student notebooks --out rendered/student
cp rendered/student/gan-notebooks-student.zip "$out/"
"${runner[@]}" export "$runs" --site --out "$out"
du -sh "$out"
cat "$out/wall-times.md"

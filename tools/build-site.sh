#!/usr/bin/env bash
# Builds the course site: runs every notebook in notebooks/ in order at one budget, then exports the executed notebooks
# as a site (a page per notebook, index.html, one shared assets/ folder) into docs/, with the student edition of the
# course (gan-notebooks-student.zip) beside index.html.
#
#   bash tools/build-site.sh              # budget "class" (each notebook's default): a short live run per chapter,
#                                         # then its course checkpoint (data/course); a 2-core CPU, Fashion-MNIST
#   bash tools/build-site.sh --full       # budget "full": every chapter's full recipe (the one that meets its bar)
#   bash tools/build-site.sh --gpu        # budget "full" on a GPU
#
# Options: --out DIR (default docs), --runs DIR (the executed notebooks, default rendered/course),
#          --dataset NAME (mnist or fashion-mnist; default fashion-mnist, the course checkpoints' dataset),
#          --only NN (run only notebooks whose name starts with NN, then export every executed notebook in --runs).
# Each page states the machine, the wall time and the parameters its notebook ran with; index.html and
# DIR/wall-times.md list the wall times (the notebooks' headers quote the class build's; CourseBudgetTests checks them).
# A notebook that fails stops the build (its executed copy keeps the error). The course checkpoints themselves are
# made by tools/build-course.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() { sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; }

gpu=0 full=0 out=docs runs=rendered/course dataset="" only=""
while [ $# -gt 0 ]; do
  case "$1" in
    --gpu) gpu=1; full=1 ;;
    --full) full=1 ;;
    --out) out="${2:?--out needs a folder}"; shift ;;
    --runs) runs="${2:?--runs needs a folder}"; shift ;;
    --dataset) dataset="${2:?--dataset needs a name}"; shift ;;
    --only) only="${2:?--only needs a notebook number}"; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "error: unknown option '$1'." >&2; usage >&2; exit 2 ;;
  esac
  shift
done

dotnet build lib/GanNotebooks -c Release -v quiet -nologo
dotnet build tools/GanNotebooks.Runner -c Release -v quiet -nologo
runner=(dotnet tools/GanNotebooks.Runner/bin/Release/net10.0/GanNotebooks.Runner.dll)

if [ "$gpu" = 0 ]; then
  # Small models on 2 cores: one libtorch thread is faster than two that contend (measured for notebook 02).
  export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
fi

mkdir -p "$runs"
start=$SECONDS
for notebook in notebooks/[0-9]*.ipynb; do
  name=$(basename "$notebook" .ipynb)
  [ -n "$only" ] && [[ "$name" != "$only"* ]] && continue
  params=()
  [ -n "$dataset" ] && params+=(--param "dataset=$dataset")
  [ "$full" = 1 ] && params+=(--param "budget=full")
  echo "== $name ${params[*]}"
  "${runner[@]}" run "$notebook" --out "$runs" ${params[@]+"${params[@]}"}
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

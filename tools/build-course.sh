#!/usr/bin/env bash
# Builds the course checkpoints (data/course/): trains every chapter's full recipe once on Fashion-MNIST with
# `bench curve`, which scores the generator after every epoch (FID on the shipped classifier's features and the
# Classifier Score, 10,000 samples against the test split) and keeps each epoch's generator; the last epoch becomes
# the course checkpoint with `bench course-add`, which scores the float16 file again and writes its manifest entry
# (recipe, steps, training time, machine, date, scores). The curves go to bench/results/curves/NAME.jsonl: the
# measured table of FID against training minutes that chose each recipe (bench/README.md, "Recipes").
# Then notebook 10's full budget (8 variants × 2 seeds × 3,000 generator steps): not a checkpoint but its table,
# data/course/10-capstone.json, which the notebook's class budget shows; the runner runs the notebook itself
# (budget=full, keepForCourse=true) with libtorch's default threads.
#
#   bash tools/build-course.sh                 # everything (a 2-core CPU: the seven recipes take 3 h 51 min of
#                                              # training, about 2 h 07 min of the clock two at a time, plus 20 to 30 s
#                                              # of scoring per epoch and generator, about 1 h of the clock; then
#                                              # notebook 10, 1 h 53 min on both cores: about 5 h in all)
#   bash tools/build-course.sh 02-dcgan 03-lsgan   # only these
#   bash tools/build-course.sh 10-capstone     # only notebook 10's table
#
# The recipes train GAN_COURSE_JOBS at a time (default: the number of CPU cores), one libtorch thread each, longest
# first; each one's output goes to its work folder's log (NAME.log), and a failed recipe stops the build after the
# others end, its log's tail printed. The checkpoints and the manifest are written one after the other at the end.
#
# Each run keeps its whole trainer after every epoch (last.zip in its work folder, GAN_COURSE_WORK or a temp folder):
# `bench curve ... --resume --epochs N` continues a run to N epochs, e.g. to take a recipe further.
#
# The recipes below are the notebooks' `"full"` budgets (CourseBudgetTests checks that the manifest and the notebooks
# agree). One libtorch thread per run, as the CPU site build uses.
set -euo pipefail
cd "$(dirname "$0")/.."

# name | chapter | title | bench curve arguments | the recipe in words
RECIPES=(
  "01-basic-gan|01|MLP GAN|--model mlp --hidden 512 --batch 64 --ema 0.999 --epochs 40|40 epochs, batch 64, hidden 512, with an EMA copy (β 0.999)"
  "02-dcgan|02|DCGAN|--model dcgan --features 32 --batch 128 --ema 0.995 --epochs 14|14 epochs, batch 128, features 32, with an EMA copy (β 0.995)"
  "03-lsgan|03|LSGAN|--model dcgan --objective lsgan --features 32 --batch 128 --ema 0.995 --epochs 18|18 epochs, batch 128, features 32, with an EMA copy (β 0.995)"
  "04-wgan-clip|04|WGAN (weight clipping)|--model wgan-clip --features 32 --batch 64 --n-critic 2 --lr-g 2e-4 --lr-d 2e-4 --clip 0.05 --ema 0.99 --epochs 22|22 epochs of critic updates, batch 64, features 32, n_critic 2, lr 2e-4, clip 0.05, with an EMA copy (β 0.99)"
  "04-wgan-gp|04|WGAN-GP|--model wgan-gp --features 32 --batch 64 --n-critic 2 --lr-g 2e-4 --lr-d 2e-4 --ema 0.99 --epochs 14|14 epochs of critic updates, batch 64, features 32, n_critic 2, lr 2e-4, with an EMA copy (β 0.99)"
  "05-cgan|05|conditional DCGAN|--model cdcgan --features 32 --batch 64 --epochs 7|7 epochs, batch 64, features 32"
  "05-cgan-mlp|05|conditional MLP GAN|--model cmlp --hidden 512 --batch 64 --ema 0.999 --epochs 45|45 epochs, batch 64, hidden 512, with an EMA copy (β 0.999)"
)
# Longest first (the minutes of training each took, two at a time): two cores finish together, about 2 h 07 min of training.
ORDER=(02-dcgan 05-cgan-mlp 03-lsgan 04-wgan-gp 04-wgan-clip 01-basic-gan 05-cgan)

usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; }
[ "${1-}" = "-h" ] || [ "${1-}" = "--help" ] && { usage; exit 0; }

names="$(printf '%s ' "${RECIPES[@]%%|*}")10-capstone"
for given in "$@"; do
  [[ " $names " == *" $given "* ]] || { echo "error: no recipe named $given; the names are: $names" >&2; exit 2; }
done
[ "$(printf '%s\n' "${ORDER[@]}" | sort)" = "$(printf '%s\n' "${RECIPES[@]%%|*}" | sort)" ] ||
  { echo "error: ORDER and RECIPES name different recipes: fix ORDER in $0" >&2; exit 2; }
dotnet build bench/GanNotebooks.Bench -c Release -v quiet -nologo
bench=(dotnet bench/GanNotebooks.Bench/bin/Release/net10.0/GanNotebooks.Bench.dll)
mkdir -p bench/results/curves
if [ -n "${GAN_COURSE_WORK-}" ]; then work="$GAN_COURSE_WORK"; mkdir -p "$work"
else work=$(mktemp -d); trap 'rm -rf "$work"' EXIT; fi
jobs_max="${GAN_COURSE_JOBS:-$(nproc)}"
chosen=()
for line in "${RECIPES[@]}"; do
  name="${line%%|*}"
  if [ $# -eq 0 ] || [[ " $* " == *" $name "* ]]; then chosen+=("$line"); fi
done
train() {   # one recipe's curve, alone in its log
  local name="$1" args="$2"
  # shellcheck disable=SC2086   # the arguments are words
  "${bench[@]}" curve $args --threads 1 --out "$work/$name" > "$work/$name.log" 2>&1
}
declare -A pid_of
failed=()
for name in "${ORDER[@]}"; do
  line=""
  for l in "${chosen[@]}"; do [ "${l%%|*}" = "$name" ] && line="$l"; done
  [ -n "$line" ] || continue
  IFS='|' read -r _ _ _ args recipe <<< "$line"
  while [ "$(jobs -rp | wc -l)" -ge "$jobs_max" ]; do wait -n || true; done
  echo "== $name: $recipe (log: $work/$name.log)"
  train "$name" "$args" &
  pid_of[$name]=$!
done
for name in "${!pid_of[@]}"; do
  if ! wait "${pid_of[$name]}"; then failed+=("$name"); echo "error: $name failed; the end of $work/$name.log:" >&2; tail -n 20 "$work/$name.log" >&2; fi
done
[ ${#failed[@]} -eq 0 ] || { echo "error: ${failed[*]} failed: no checkpoint was written. Fix the cause and run again with their names." >&2; exit 1; }
for line in "${chosen[@]}"; do
  IFS='|' read -r name chapter title args recipe <<< "$line"
  epochs=$(sed -E 's/.*--epochs ([0-9]+).*/\1/' <<< "$args")
  cp "$work/$name/curve.jsonl" "bench/results/curves/$name.jsonl"
  cp "$work/$name/recipe.txt" "bench/results/curves/$name.recipe.txt"
  "${bench[@]}" course-add --name "$name" --chapter "$chapter" --title "$title" --recipe "$recipe" \
    --from "$work/$name" --epoch "$epochs"
done
if [ $# -eq 0 ] || [[ " $* " == *" 10-capstone "* ]]; then
  echo "== 10-capstone: notebook 10's full budget"
  dotnet build tools/GanNotebooks.Runner -c Release -v quiet -nologo
  dotnet tools/GanNotebooks.Runner/bin/Release/net10.0/GanNotebooks.Runner.dll run notebooks/10-capstone.ipynb \
    --param budget=full --param keepForCourse=true --out "$work/10-capstone"
fi
du -sh data/course

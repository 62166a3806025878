#!/usr/bin/env bash
# Builds the course checkpoints (data/course/): trains every chapter's full recipe once on Fashion-MNIST with
# `bench curve`, which scores the generator after every epoch (FID on the shipped classifier's features and the
# Classifier Score, 10,000 samples against the test split) and keeps each epoch's generator; the last epoch becomes
# the course checkpoint with `bench course-add`, which scores the float16 file again and writes its manifest entry
# (recipe, steps, training time, machine, date, scores). The curves go to bench/results/curves/NAME.jsonl: the
# measured table of FID against training minutes that chose each recipe (bench/README.md, "Recipes").
#
#   bash tools/build-course.sh                 # every checkpoint, one after the other (a 2-core CPU: about 3 h 50 min
#                                              # of training, measured with two runs side by side, plus about half a
#                                              # minute of scoring per epoch and generator, 160 epochs in all)
#   bash tools/build-course.sh 02-dcgan 03-lsgan   # only these
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

usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; }
[ "${1-}" = "-h" ] || [ "${1-}" = "--help" ] && { usage; exit 0; }

dotnet build bench/GanNotebooks.Bench -c Release -v quiet -nologo
bench=(dotnet bench/GanNotebooks.Bench/bin/Release/net10.0/GanNotebooks.Bench.dll)
mkdir -p bench/results/curves
if [ -n "${GAN_COURSE_WORK-}" ]; then work="$GAN_COURSE_WORK"; mkdir -p "$work"
else work=$(mktemp -d); trap 'rm -rf "$work"' EXIT; fi
done_any=0
for line in "${RECIPES[@]}"; do
  IFS='|' read -r name chapter title args recipe <<< "$line"
  if [ $# -gt 0 ] && [[ " $* " != *" $name "* ]]; then continue; fi
  epochs=$(sed -E 's/.*--epochs ([0-9]+).*/\1/' <<< "$args")
  echo "== $name: $recipe"
  # shellcheck disable=SC2086   # the arguments are words
  "${bench[@]}" curve $args --threads 1 --out "$work/$name"
  cp "$work/$name/curve.jsonl" "bench/results/curves/$name.jsonl"
  cp "$work/$name/recipe.txt" "bench/results/curves/$name.recipe.txt"
  "${bench[@]}" course-add --name "$name" --chapter "$chapter" --title "$title" --recipe "$recipe" \
    --from "$work/$name" --epoch "$epochs"
  done_any=1
done
[ "$done_any" = 1 ] || { echo "error: no recipe named $*; the names are: $(printf '%s ' "${RECIPES[@]%%|*}")" >&2; exit 2; }
du -sh data/course

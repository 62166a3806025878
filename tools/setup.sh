#!/usr/bin/env bash
# One-time set-up of a Debian/Ubuntu machine for GanNotebooks (idempotent; needs sudo unless run as root):
#   dataset-fashion-mnist  the official Fashion-MNIST files, offline, under /usr/share/datasets/fashion-mnist/
#   python3-nbformat       validates the runner's executed notebooks (tests)
#   python3-numpy          reads and writes the PyTorch oracle's tensors (tests/GanNotebooks.Oracle.Tests/oracle)
#   chromium               opens the exported HTML headless, network off (tests)
#   python3-nbclient       Jupyter's own notebook executor: runs notebooks in the real .NET Interactive kernel
#                          (run --kernel; the real-kernel tests)
#   python3-jupyter-client the Jupyter messaging client nbclient drives that kernel with
#   PyTorch 1.13 (CPU)     the oracle of tests/GanNotebooks.Oracle.Tests, in a private prefix (tools/setup-oracle.sh)
# Then tools/kernel-setup.sh: the .NET Interactive kernel (local tool), its kernelspec, and TorchSharp's natives in the
# NuGet cache made loadable on this libstdc++ (see environment.md).
# The .NET SDK 10 is assumed (see environment.md).
set -euo pipefail
bash "$(dirname "$0")/setup-oracle.sh"
packages=(dataset-fashion-mnist python3-nbformat python3-numpy chromium python3-nbclient python3-jupyter-client)
missing=()
for p in "${packages[@]}"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p"); done
if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all of ${packages[*]} are installed"
else
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  echo "setup: installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
bash "$(dirname "$0")/kernel-setup.sh" --fix-torchsharp-cache

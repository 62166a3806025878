#!/usr/bin/env bash
# Sets up the real .NET Interactive kernel (the engine of VS Code Polyglot Notebooks) for Jupyter clients on this
# machine, for the runner's `run --kernel`, the real-kernel tests, JupyterLab and VS Code's Jupyter extension:
#   1. restores the kernel pinned in .config/dotnet-tools.json (Microsoft.dotnet-interactive) as a local tool;
#   2. registers its Jupyter kernelspecs (.net-csharp, .net-fsharp, .net-pwsh) for this user;
#   3. refuses to go on when a system libtorch is on the loader path (TorchSharp's notebook loader would pick it up);
#   4. with --fix-torchsharp-cache (opt-in): marks GLIBCXX_3.4.32 weak in the NuGet cache's libLibTorchSharp.so copies,
#      only where the system libstdc++ lacks that version (Debian 12, Ubuntu 22.04). See environment.md.
# Idempotent. Needs the .NET SDK 10, and Jupyter's Python side for kernelspecs (tools/setup.sh installs it).
set -euo pipefail
cd "$(dirname "$0")/.."
fix_cache=0
for arg in "$@"; do
  case "$arg" in
    --fix-torchsharp-cache) fix_cache=1 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "kernel-setup: unknown option '$arg' (see --help)" >&2; exit 2 ;;
  esac
done

dotnet tool restore >/dev/null
echo "kernel-setup: $(dotnet tool list --local | awk '/dotnet-interactive/ {print $1, $2}') restored (local tool, .config/dotnet-tools.json)"

# `dotnet interactive jupyter install` writes into the Jupyter data folder only when its kernels/ folder exists.
data_dir=$(/usr/bin/python3 -c 'import jupyter_core.paths as p; print(p.jupyter_data_dir())' 2>/dev/null || echo "$HOME/.local/share/jupyter")
mkdir -p "$data_dir/kernels"
if [ ! -f "$data_dir/kernels/.net-csharp/kernel.json" ]; then
  dotnet interactive jupyter install >/dev/null
fi
echo "kernel-setup: kernelspec .net-csharp in $data_dir/kernels (runs 'dotnet interactive', found from this repository's folders)"

# The stop button. Jupyter front ends interrupt a kernel with SIGINT unless its kernelspec says "interrupt_mode":
# "message". This kernel's final version reads no interrupt_request while a cell runs (its control channel handles only
# shutdown, its shell channel waits for the cell: measured with jupyter_client, the cell ran on), so "message" would make
# the stop button do nothing. SIGINT reaches running code instead, and the library (GanNotebooks.Training.StopSignal)
# takes SIGINT over from the kernel's host, which would shut the kernel down: the training loop stops at its next step
# and everything is kept. Keep the default signal mode; undo a "message" mode set by hand or by an older set-up.
spec="$data_dir/kernels/.net-csharp/kernel.json"
if grep -q '"interrupt_mode"' "$spec"; then
  /usr/bin/python3 - "$spec" <<'PY'
import json, os, sys, tempfile
path = sys.argv[1]
spec = json.load(open(path))
spec.pop("interrupt_mode", None)
fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path))
with os.fdopen(fd, "w") as f:
    json.dump(spec, f, indent=2)
os.replace(tmp, path)
PY
  echo "kernel-setup: kernelspec .net-csharp: interrupt_mode removed (signal: the stop button stops the course's training loops)"
fi

# A libtorch on the default loader path (e.g. libtorch_cpu.so.1.13 from Debian's python3-torch via libtorch1.13) is found
# before TorchSharp's own, and the kernel then fails with "undefined symbol: _ZNK3c105Error4whatEv".
system_torch=$(/sbin/ldconfig -p 2>/dev/null | awk '/libtorch_cpu\.so|libc10\.so/ {print $NF}' | sort -u | tr '\n' ' ')
if [ -n "$system_torch" ]; then
  echo "kernel-setup: error: a system libtorch is on the loader path: $system_torch" >&2
  echo "  TorchSharp's notebook loader would load it instead of TorchSharp's libtorch 2.10, and every notebook would fail" >&2
  echo "  with 'undefined symbol: _ZNK3c105Error4whatEv'. Remove the package that installed it (Debian: sudo apt remove" >&2
  echo "  libtorch1.13 python3-torch); the PyTorch oracle of the tests lives in a private prefix instead (tools/setup-oracle.sh)." >&2
  exit 1
fi

if [ "$fix_cache" = 1 ]; then
  packages=$(dotnet nuget locals global-packages --list | sed 's/^global-packages: //')
  version=$(sed -n 's/.*Include="TorchSharp" Version="\([^"]*\)".*/\1/p' Directory.Packages.props)
  folder="${packages%/}/torchsharp/$version"
  if [ ! -d "$folder" ]; then dotnet restore lib/GanNotebooks >/dev/null; fi
  echo "kernel-setup: checking the NuGet cache's TorchSharp $version natives in $folder"
  dotnet msbuild build/TorchSharpNativeFix.targets -nologo -v:m -t:FixTorchSharpInNuGetCache -p:TorchSharpPackageFolder="$folder"
  echo "kernel-setup: (to undo: delete $folder; the next restore brings the original back)"
fi
echo "kernel-setup: done. Try: dotnet run --project tools/GanNotebooks.Runner -c Release -- run notebooks/08-entropy.ipynb --kernel"

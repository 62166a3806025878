#!/usr/bin/env bash
# PyTorch as a test oracle (tests/GanNotebooks.Oracle.Tests), in a PRIVATE prefix, never system-wide.
#
# Why private: Debian's python3-torch depends on libtorch1.13, whose libtorch_cpu.so.1.13 in the default loader path
# is found by TorchSharp's notebook loader before its own libtorch 2.10 and breaks the real .NET Interactive kernel
# (undefined symbol: _ZNK3c105Error4whatEv). So python3-torch and libtorch1.13 are only unpacked (apt-get download +
# dpkg -x) into $GAN_ORACLE_PREFIX; their other dependencies (BLAS, oneDNN, OpenCV, numpy, ...) are ordinary libraries
# and are installed normally. The oracle process alone gets PYTHONPATH and LD_LIBRARY_PATH into the prefix
# (tests/GanNotebooks.Oracle.Tests/PyTorchOracle.cs). Idempotent: a stamp file names the unpacked version.
set -euo pipefail
prefix="${GAN_ORACLE_PREFIX:-/var/cache/gannotebooks/pytorch-oracle}"
torch_packages=(python3-torch libtorch1.13)
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"

version="$(apt-cache policy python3-torch | awk '/Candidate:/ {print $2}')"
if [ -z "$version" ] || [ "$version" = "(none)" ]; then
  $SUDO apt-get update -qq
  version="$(apt-cache policy python3-torch | awk '/Candidate:/ {print $2}')"
fi
stamp="$prefix/VERSION"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$version" ]; then
  echo "setup-oracle: PyTorch $version already unpacked in $prefix"
else
  # The dependencies of the two packages, except the torch packages themselves (and libtorch-test, which only the
  # C++ test binaries use); virtual names (<libblas.so.3>) are skipped for their first real alternative.
  mapfile -t deps < <(apt-cache depends --no-recommends --no-suggests --no-conflicts --no-breaks --no-replaces \
      --no-enhances "${torch_packages[@]}" | awk '$1 ~ /Depends:$/ {print $2}' | grep -v '^<' \
      | grep -Ev '^(python3-torch|libtorch)' | sort -u)
  echo "setup-oracle: installing the ${#deps[@]} non-torch dependencies of ${torch_packages[*]}"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${deps[@]}" >/dev/null
  work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
  (cd "$work" && chmod 777 . && apt-get download -qq "${torch_packages[@]/%/=$version}" \
      2>/dev/null || apt-get download -qq "${torch_packages[@]}")
  $SUDO mkdir -p "$(dirname "$prefix")"
  $SUDO rm -rf "$prefix.new"
  for deb in "$work"/*.deb; do $SUDO dpkg -x "$deb" "$prefix.new"; done
  echo "$version" | $SUDO tee "$prefix.new/VERSION" >/dev/null
  $SUDO rm -rf "$prefix"; $SUDO mv "$prefix.new" "$prefix"
  echo "setup-oracle: PyTorch $version unpacked in $prefix"
fi

# Nothing of torch may have reached the system: no package installed, no library in the loader's cache.
if dpkg-query -W -f='${Package} ${Status}\n' 'python3-torch' 'libtorch*' 2>/dev/null | grep -q 'ok installed'; then
  echo "setup-oracle: a torch package is installed system-wide; it breaks TorchSharp's kernel. Remove it:" >&2
  dpkg-query -W -f='  ${Package}\n' 'python3-torch' 'libtorch*' >&2; exit 1
fi
if ldconfig -p | grep -q libtorch; then
  echo "setup-oracle: libtorch is in the system loader path (ldconfig -p); it breaks TorchSharp's kernel." >&2; exit 1
fi

"""Executes a notebook in a real Jupyter kernel with nbclient (Jupyter's own execution library), for the runner's
`run --kernel` (see tools/GanNotebooks.Runner/Engines/Kernel/KernelEngine.cs, which writes this file out and calls it).

    python3 execute_in_kernel.py IN.ipynb OUT.ipynb --cwd DIR [--kernel .net-csharp] [--timeout SECONDS]

Runs every cell in order in a fresh kernel started in DIR and writes OUT.ipynb (temp file + rename) after every cell,
so a long run can be watched and a failed run keeps what ran. Progress goes to stdout as one JSON object per line:
{"event": "cell", "index": i, "of": n}, {"event": "done"}, or {"event": "error", "index": i, "ename": ..., "evalue": ...}.
Exit codes: 0 every cell ran without an error output, 1 a cell failed (OUT has its error), 2 the kernel could not start,
130 Ctrl+C (SIGINT) stopped the run: the kernel is interrupted as Jupyter's stop button does (the course's training loop
ends at its next step and keeps everything), the running cell ends, OUT is written and no further cell runs
({"event": "stopped", "index": i}).
"""
import argparse
import json
import os
import signal
import socket
import sys
import tempfile

import nbformat
from jupyter_client.manager import AsyncKernelManager
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError


def say(**event):
    print(json.dumps(event), flush=True)


def write_atomically(nb, path):
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".executing-", suffix=".ipynb", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            nbformat.write(nb, f)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def own_http_ports(argv, width=10):
    """The .NET Interactive kernel also serves HTTP, on the first free port of its --http-port-range (2048-3000 in the
    kernelspec `dotnet interactive jupyter install` writes). It looks for a free port, then binds it a moment later,
    so kernels started side by side (CI runs notebooks in parallel) pick the same port and all but one die with
    "Failed to bind to address http://127.0.0.1:2048: address already in use". Give this kernel a window of its own:
    the OS hands each caller a different free ephemeral port, and the kernel's window starts there."""
    if "interactive" not in argv or "jupyter" not in argv:
        return argv                                   # another kernel: leave its command as it is
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        first = s.getsockname()[1]
    window = f"{first}-{min(first + width - 1, 65535)}"
    if "--http-port-range" in argv:
        argv = list(argv)
        argv[argv.index("--http-port-range") + 1] = window
        return argv
    return argv + ["--http-port-range", window]


class OwnHttpPortsKernelManager(AsyncKernelManager):
    """nbclient's own kernel manager, starting the kernel with a window of HTTP ports of its own."""

    def format_kernel_cmd(self, extra_arguments=None):
        return own_http_ports(super().format_kernel_cmd(extra_arguments))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("notebook")
    parser.add_argument("out")
    parser.add_argument("--cwd", required=True)
    parser.add_argument("--kernel", default=".net-csharp")
    parser.add_argument("--timeout", type=int, default=3600, help="seconds per cell")
    parser.add_argument("--startup-timeout", type=int, default=180)
    args = parser.parse_args()

    nb = nbformat.read(args.notebook, as_version=4)
    state = {"client": None, "stop": False, "cell": -1}   # the cell running when something fails; -1: none yet

    def on_sigint(signum, frame):
        # Ctrl+C: interrupt the kernel as the front ends' stop button does, let the running cell end, then stop.
        client = state["client"]
        if state["stop"]:
            return
        state["stop"] = True
        pid = getattr(getattr(client.km, "provisioner", None), "pid", None) if client and client.km else None
        if pid:
            os.killpg(os.getpgid(pid), signal.SIGINT)   # as jupyter_client's interrupt_kernel(): the kernel's process group

    signal.signal(signal.SIGINT, on_sigint)
    # A kernel that dies before its first reply (seen now and then when kernels start side by side) is started once more.
    for attempt in (1, 2):
        state["client"] = NotebookClient(nb, kernel_name=args.kernel, kernel_manager_class=OwnHttpPortsKernelManager,
                                         timeout=args.timeout, startup_timeout=args.startup_timeout, allow_errors=False,
                                         resources={"metadata": {"path": args.cwd}})
        try:
            return run_cells(state, nb, args.out)
        except RuntimeError as e:   # the kernel did not start (nbclient raises RuntimeError on startup timeout)
            if attempt == 1 and state["cell"] < 0 and not state["stop"]:
                print(f"execute_in_kernel: the kernel did not start ({e}); starting it once more", file=sys.stderr, flush=True)
                continue
            say(event="error", index=-1, ename="KernelStartError", evalue=str(e))
            return 2


def run_cells(state, nb, out):
    """Runs every code cell in state["client"]'s kernel; the exit code, as the module's docstring says."""
    client = state["client"]
    i = -1
    try:
        with client.setup_kernel():
            for i, cell in enumerate(nb.cells):
                if cell.cell_type != "code":
                    continue
                state["cell"] = i
                say(event="cell", index=i, of=len(nb.cells))
                try:
                    client.execute_cell(cell, i)
                finally:
                    write_atomically(nb, out)
                if state["stop"]:
                    say(event="stopped", index=i)
                    return 130
    except CellExecutionError as e:
        say(event="error", index=i, ename=getattr(e, "ename", "CellExecutionError"), evalue=getattr(e, "evalue", str(e)))
        return 1
    except (CellTimeoutError, DeadKernelError) as e:
        write_atomically(nb, out)
        say(event="error", index=i, ename=type(e).__name__, evalue=str(e))
        return 1
    write_atomically(nb, out)
    say(event="done")
    return 0

if __name__ == "__main__":
    sys.exit(main())

"""Presses Jupyter's stop button in the middle of a real course notebook's training cell, with jupyter_client (the
library JupyterLab's and VS Code's Jupyter extension's servers use), against the real .NET Interactive kernel and the
kernelspec tools/kernel-setup.sh registers: KernelManager.interrupt_kernel(), as those front ends call it.

    python3 interrupt_training.py NOTEBOOK.ipynb --cwd DIR --after-parameters CODE

Runs the notebook's code cells in order up to its training cell (the first that calls `loop.Run(`), executing CODE right
after the cell tagged `parameters`; then runs the training cell, interrupts it once it has trained a few seconds, looks
whether the kernel still computes, runs the training cell again (it must continue), interrupts that too, and runs the
cell after it on the trained state. Prints one JSON object with what it saw; exit 0 unless the harness itself failed.
"""
import argparse
import json
import os
import queue
import re
import sys
import time

import nbformat

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "tools",
                                "GanNotebooks.Runner", "Engines", "Kernel"))
from jupyter_client.manager import KernelManager  # noqa: E402
from execute_in_kernel import own_http_ports      # noqa: E402  the runner's port-window fix for side-by-side kernels


class Manager(KernelManager):
    def format_kernel_cmd(self, extra_arguments=None):
        return own_http_ports(super().format_kernel_cmd(extra_arguments))


def texts(content):
    data = content.get("data", {})
    return data.get("text/plain", "")


def execute(kc, code, interrupt=None, timeout=600):
    """Runs code; interrupt(elapsed, last_text) -> True interrupts once. Returns what happened."""
    msg_id = kc.execute(code)
    start, sent_at, shown, streams, errors = time.time(), None, [], [], []
    while True:
        try:
            m = kc.get_iopub_msg(timeout=0.2)
        except queue.Empty:
            m = None
        now = time.time() - start
        if m and m["parent_header"].get("msg_id") == msg_id:
            t, c = m["msg_type"], m["content"]
            if t in ("display_data", "update_display_data", "execute_result"):
                shown.append(texts(c))
            elif t == "stream":
                streams.append(c["text"])
            elif t == "error":
                errors.append(f'{c["ename"]}: {c["evalue"]}')
            elif t == "status" and c["execution_state"] == "idle":
                break
        if interrupt and sent_at is None and interrupt(now, shown[-1] if shown else ""):
            sent_at = now
            kc.parent.interrupt_kernel()
        if now > timeout:
            raise TimeoutError(f"the cell did not finish in {timeout} s: {code[:80]}")
    reply = kc.get_shell_msg(timeout=60)["content"]["status"]
    return {"status": reply, "seconds": time.time() - start, "interrupted_at": sent_at, "shown": shown,
            "stdout": "".join(streams), "errors": errors}


def step_of(text):
    m = re.search(r"step (\d+)/(\d+)", text)
    return int(m.group(1)) if m else -1


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("notebook")
    parser.add_argument("--cwd", required=True)
    parser.add_argument("--after-parameters", default="")
    parser.add_argument("--kernel", default=".net-csharp")
    args = parser.parse_args()
    nb = nbformat.read(args.notebook, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    training = next(i for i, c in enumerate(code) if "loop.Run(" in c.source)

    km = Manager(kernel_name=args.kernel)
    km.start_kernel(cwd=args.cwd)
    kc = km.client()
    kc.parent = km
    kc.start_channels()
    kc.wait_for_ready(timeout=180)
    result = {"interrupt_mode": km.kernel_spec.interrupt_mode}
    try:
        for c in code[:training]:
            r = execute(kc, c.source)
            if r["errors"]:
                raise RuntimeError(f"a cell before training failed: {r['errors']}\n{c.source}")
            if "parameters" in c.metadata.get("tags", []) and args.after_parameters:
                execute(kc, args.after_parameters)
        # Stop once the live view shows training under way and a few seconds have passed.
        first = execute(kc, code[training].source, interrupt=lambda t, text: t > 8 and step_of(text) > 0)
        result["first"] = first
        result["alive_after_first"] = km.is_alive()
        a = execute(kc, "Console.WriteLine(loop.Step);")["stdout"].strip()
        time.sleep(3)
        b = execute(kc, "Console.WriteLine(loop.Step);")["stdout"].strip()
        result["steps_after_stop"] = [a, b]
        second = execute(kc, code[training].source, interrupt=lambda t, text: t > 5 and step_of(text) > int(a or 0))
        result["second"] = second
        # Stop pressed in a cell that does not train: nothing to stop, and the kernel must not shut down either.
        idle = execute(kc, 'System.Threading.Thread.Sleep(3000); Console.WriteLine("slept");', interrupt=lambda t, text: t > 1)
        result["stop_outside_training"] = {"status": idle["status"], "stdout": idle["stdout"].strip(), "alive": km.is_alive()}
        after = execute(kc, code[training + 1].source)
        result["next_cell"] = {"status": after["status"], "errors": after["errors"], "outputs": len(after["shown"]) + len(after["stdout"])}
        result["alive_at_end"] = km.is_alive()
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())

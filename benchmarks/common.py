"""Shared helpers of the PyTorch side of the benchmarks: threads, timing, peak RSS, result lines."""
import json
import os
import sys


def peak_rss_mb():
    """This process's peak resident set (VmHWM), in MB, as the Java side reads it."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024.0
    return float("nan")


def setup_threads(threads):
    import torch
    torch.set_num_threads(threads)
    torch.set_num_interop_threads(1)
    return torch


def emit(row, **fields):
    """One JSON result line on stdout, prefixed so run.sh can pick it out of other output."""
    fields = dict(row=row, engine="pytorch", **fields)
    fields["peak_rss_mb"] = round(peak_rss_mb(), 1)
    print("RESULT " + json.dumps(fields), flush=True)


def log(msg):
    print(msg, file=sys.stderr, flush=True)

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


def blas_libraries():
    """The BLAS/LAPACK shared objects this process has mapped (call after importing torch), resolved:
    which BLAS Debian's libblas.so.3 alternative really gave PyTorch (torch.__config__ says 'generic')."""
    with open("/proc/self/maps") as f:
        paths = {l.split()[-1] for l in f if l.count("/") and ".so" in l}
    keys = ("blas", "lapack", "blis", "mkl")
    return sorted({os.path.realpath(p) for p in paths if any(k in os.path.basename(p) for k in keys)})


def optimized_blas(libs):
    """True unless the only BLAS mapped is netlib's reference one (Debian's libblas3, .../blas/libblas.so.3)."""
    names = [os.path.basename(l) for l in libs]
    return any(k in n for n in names for k in ("openblas", "blis", "mkl", "atlas"))


def setup_threads(threads):
    import torch
    torch.set_num_threads(threads)
    torch.set_num_interop_threads(1)
    return torch


def emit(row, **fields):
    """One JSON result line on stdout, prefixed so run.sh can pick it out of other output."""
    fields = dict(row=row, engine="pytorch", **fields)
    fields["peak_rss_mb"] = round(peak_rss_mb(), 1)
    fields["blas"] = ", ".join(blas_libraries())
    print("RESULT " + json.dumps(fields), flush=True)


def log(msg):
    print(msg, file=sys.stderr, flush=True)

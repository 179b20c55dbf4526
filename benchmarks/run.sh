#!/bin/bash
# Side-by-side training speed: our stage code vs PyTorch on the same CPU, same threads, one after the
# other per row. Usage (from anywhere): benchmarks/run.sh [quick]
#   quick: fewer examples and steps, to check that everything runs (the figures are not comparable)
# Env: THREADS (default: nproc), CONVNET_EPOCHS (1), CONVNET_TRAIN (first N training images, 0 = all 60,000),
#      TEXTCNN_EPOCHS (2), TEXT_TRAIN (generated training sentences, 20000), BERT_STEPS (10),
#      ROWS ("convnet textcnn bert"), SIDES ("ours pytorch": "ours" alone gives our figures without a ratio),
#      RESULTS (default benchmarks/target/results.jsonl)
#      ALLOW_REFERENCE_BLAS=1 runs even when PyTorch would use netlib's reference BLAS (refused otherwise)
# Needs: Debian python3-torch, an optimised BLAS for it and dataset-fashion-mnist
#      (apt-get install -y python3-torch libopenblas0-openmp dataset-fashion-mnist).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
THREADS=${THREADS:-$(nproc)}
CONVNET_EPOCHS=${CONVNET_EPOCHS:-1}
TEXTCNN_EPOCHS=${TEXTCNN_EPOCHS:-2}
BERT_STEPS=${BERT_STEPS:-10}
ROWS=${ROWS:-"convnet textcnn bert"}
SIDES=${SIDES:-"ours pytorch"}
CONVNET_TRAIN=${CONVNET_TRAIN:-0}
TEXT_TRAIN=${TEXT_TRAIN:-20000}
if [ "${1:-}" = quick ]; then CONVNET_TRAIN=3200; CONVNET_EPOCHS=1; TEXT_TRAIN=2000; TEXTCNN_EPOCHS=1; BERT_STEPS=2; fi
PY=/usr/bin/python3
FASHION=/usr/share/datasets/fashion-mnist
$PY -c 'import torch' 2>/dev/null || { echo "PyTorch is missing: apt-get install -y python3-torch" >&2; exit 2; }
# Debian's python3-torch calls whatever BLAS the libblas.so.3 alternative gives it: with only libblas3
# installed that is netlib's unoptimised reference BLAS, which made PyTorch 3-30x slower here (PERFORMANCE.md).
blas=$(cd "$here" && $PY -c 'import torch, common; l = common.blas_libraries(); print(("ok " if common.optimized_blas(l) else "reference ") + " ".join(l))')
case $blas in
ok*) echo "PyTorch's BLAS: ${blas#ok }" >&2 ;;
*)  echo "PyTorch would run on the reference BLAS (${blas#reference }): an unfair comparison." >&2
    echo "Install an optimised one: apt-get install -y libopenblas0-openmp (it takes over libblas.so.3)." >&2
    if [ "${ALLOW_REFERENCE_BLAS:-0}" != 1 ]; then echo "(ALLOW_REFERENCE_BLAS=1 runs anyway, the table marked UNFAIR)" >&2; exit 2; fi
    echo "WARNING: ALLOW_REFERENCE_BLAS=1: running anyway; the PyTorch figures are NOT comparable" >&2 ;;
esac
[ -f $FASHION/train-images-idx3-ubyte.gz ] || { echo "$FASHION is missing: apt-get install -y dataset-fashion-mnist" >&2; exit 2; }
out=$here/target; mkdir -p "$out"
RESULTS=${RESULTS:-$out/results.jsonl}; : > "$RESULTS"
modules=model-bundles/org.stagedml.model.convnet,model-bundles/org.stagedml.model.textcnn,model-bundles/org.stagedml.model.bert

echo "building the three model modules and their class paths (offline) ..." >&2
(cd "$root" && mvn -o -B -q -pl $modules -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test >&2)
cp_of() { local m=$root/model-bundles/org.stagedml.model.$1; echo "$m/target/test-classes:$m/target/classes:$(cat $m/target/bench-classpath.txt)"; }

ours() { # module main args...
    case " $SIDES " in *" ours "*) ;; *) return 0 ;; esac
    local m=$1 main=$2; shift 2
    TF_CPP_MIN_LOG_LEVEL=2 OMP_NUM_THREADS=$THREADS java -Xmx2g -Djava.awt.headless=true -cp "$(cp_of $m)" "$main" "$@" \
        2> >(grep -E '^ours ' >&2) | grep '^RESULT ' | sed 's/^RESULT //' >> "$RESULTS"
}
torch() { # script args...
    case " $SIDES " in *" pytorch "*) ;; *) return 0 ;; esac
    local s=$1; shift
    OMP_NUM_THREADS=$THREADS $PY "$here/$s" --threads "$THREADS" "$@" | grep '^RESULT ' | sed 's/^RESULT //' >> "$RESULTS"
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for row in $ROWS; do
    case $row in
    convnet)
        echo "== convnet: ours, then PyTorch ($CONVNET_EPOCHS epoch(s), $THREADS threads)" >&2
        ours convnet org.stagedml.model.convnet.internal.ConvNetSideBySide "$THREADS" "$CONVNET_EPOCHS" "$CONVNET_TRAIN"
        torch torch_convnet.py --epochs "$CONVNET_EPOCHS" --train "$CONVNET_TRAIN" --data $FASHION ;;
    textcnn)
        text=$out/text-task-$TEXT_TRAIN; [ -f $text/dev.jsonl ] || $PY "$here/gen_text.py" "$text" "$TEXT_TRAIN"
        echo "== textcnn: ours, then PyTorch ($TEXTCNN_EPOCHS epochs)" >&2
        ours textcnn org.stagedml.model.textcnn.internal.TextCnnSideBySide "$text" "$TEXTCNN_EPOCHS" "$THREADS"
        torch torch_textcnn.py --epochs "$TEXTCNN_EPOCHS" --data "$text" ;;
    bert)
        echo "== bert: ours, then PyTorch ($BERT_STEPS timed steps)" >&2
        ours bert org.stagedml.model.bert.internal.BertSideBySide "$BERT_STEPS"
        torch torch_bert.py --steps "$BERT_STEPS" ;;
    *) echo "unknown row $row" >&2; exit 2 ;;
    esac
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

$PY - "$RESULTS" "$THREADS" "$load_before" "$load_after" "$here" <<'PYEOF'
import json, sys, platform
sys.path.insert(0, sys.argv[5])
from common import optimized_blas
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
print()
print("Machine: %s, %s threads; load average before %s, after %s" % (cpu, sys.argv[2], sys.argv[3], sys.argv[4]))
blas = sorted({r["blas"] for r in rows if r.get("blas")})
print("PyTorch's BLAS: %s" % ("; ".join(blas) or "?"))
if any(not optimized_blas(b.split(", ")) for b in blas):
    print("WARNING: UNFAIR: PyTorch ran on the reference BLAS; its figures are not comparable")
print()
print("| row | engine | examples/s per epoch | final metric | peak RSS MB | ours / PyTorch |")
print("|---|---|---|---|---|---|")
by_row = {}
for r in rows:
    by_row.setdefault(r["row"], []).append(r)
for name, rs in by_row.items():
    ours = next((r for r in rs if r["engine"] != "pytorch"), None)
    torch = next((r for r in rs if r["engine"] == "pytorch"), None)
    for r in rs:
        ratio = ""
        if r is ours and torch:  # epoch by epoch (the first holds each side's warm-up)
            ratio = ", ".join("%.2f" % (a / b) for a, b in zip(r["examples_per_second"], torch["examples_per_second"]))
        print("| %s | %s | %s | %s %.4f | %.0f | %s |" % (name, r["engine"],
              ", ".join("%.0f" % x for x in r["examples_per_second"]), r["metric"], r["value"], r["peak_rss_mb"], ratio))
PYEOF

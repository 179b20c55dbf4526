#!/bin/bash
# GPU training speed through the GPU distribution: fine-tunes BERT-mini (random init, no download of a
# checkpoint) on MRPC and trains the ConvNet on Fashion-MNIST, one after the other, and prints
# examples/s and the device each build ran on. On a host without an NVIDIA GPU it says so and exits 0.
# Usage (from anywhere): benchmarks/gpu.sh     Env: DIST (default distribution/target/stagedml-gpu),
#   BERT_EPOCHS (1), CONVNET_EPOCHS (1), STAGEDML_HOME (default: a fresh temporary home)
# Needs: `mvn -B install -Pgpu` built, dataset-fashion-mnist (apt-get install -y dataset-fashion-mnist),
#   and the network for MRPC (the glue stage fetches it).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
DIST=${DIST:-$root/distribution/target/stagedml-gpu}
if ! command -v nvidia-smi >/dev/null 2>&1 || ! nvidia-smi -L 2>/dev/null | grep -q '^GPU '; then
    echo "no NVIDIA GPU on this host (nvidia-smi lists none): nothing to measure"
    exit 0
fi
[ -x "$DIST/bin/stagedml" ] || { echo "no GPU distribution at $DIST: run 'mvn -B install -Pgpu' first" >&2; exit 2; }
export STAGEDML_HOME=${STAGEDML_HOME:-$(mktemp -d /tmp/sml-gpu-bench.XXXXXX)}
sml() { "$DIST/bin/stagedml" "$@"; }
nvidia-smi -L
echo "== engines and their devices"
sml stage:engines --check
# metric: examples/s as the model writes it (examples_per_s, else images_per_s), and the device note
report() { # label rref
    local r=$2 path metrics device
    path=$(sml store:path "$r" | tail -n 1)
    metrics=$(cat "$path/metrics.json")
    device=$(python3 -c 'import json,sys; m=json.load(open(sys.argv[1])); n=m.get("notes",{}); print(n.get("device") or n.get("devices","?"))' "$path/_meta/meta.json" 2>/dev/null || echo "?")
    python3 - "$1" "$device" "$metrics" <<'PY'
import json, sys
label, device, m = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
speed = next((m[k] for k in ("examples_per_s", "train_examples_per_s", "images_per_s", "examples_per_sec") if k in m), None)
print(f"{label}: {'%.1f examples/s' % speed if speed is not None else 'no speed metric in ' + ', '.join(sorted(m))} on {device}")
PY
}
echo "== BERT-mini fine-tuning on MRPC (${BERT_EPOCHS:-1} epoch)"
r=$(sml stage:realize bert-finetune-glue task=MRPC model=mini bert_stage=bert-random-init epochs="${BERT_EPOCHS:-1}" | grep -oE 'rref:[0-9a-f]{32}-[0-9a-f]{32}-[A-Za-z0-9_.-]+' | tail -n 1)
report bert-mini "$r"
echo "== ConvNet on Fashion-MNIST (${CONVNET_EPOCHS:-1} epoch)"
r=$(sml stage:realize convnet-mnist variant=fashion epochs="${CONVNET_EPOCHS:-1}" | grep -oE 'rref:[0-9a-f]{32}-[0-9a-f]{32}-[A-Za-z0-9_.-]+' | tail -n 1)
report convnet "$r"

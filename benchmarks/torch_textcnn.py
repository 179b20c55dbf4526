"""textcnn-glue's network in PyTorch, as model.textcnn defines it: token embeddings (64) - width-3
1-D convolution (128 filters, 'same' padding, ReLU) - max over time - dropout 0.5 - dense softmax,
negative log-likelihood, Adam (lr 1e-3), batch 64, 64 tokens per example, a vocabulary of the
20,000 most frequent training tokens (ids 0 pad, 1 unknown, 2 separator), a fresh shuffle per epoch.
Reads the generated task written by gen_text.py."""
import argparse
import collections
import json
import os
import time

from common import emit, log, setup_threads


def read(path):
    with open(path) as f:
        rows = [json.loads(l) for l in f if l.strip()]
    return [r["sentence1"].lower().split() for r in rows], [int(r["label"]) for r in rows]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data", required=True)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--epochs", type=int, default=2)
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--max-len", type=int, default=64)
    p.add_argument("--seed", type=int, default=42)
    a = p.parse_args()
    torch = setup_threads(a.threads)
    nn = torch.nn
    torch.manual_seed(a.seed)
    xtr, ytr = read(os.path.join(a.data, "train.jsonl"))
    xdv, ydv = read(os.path.join(a.data, "dev.jsonl"))
    counts = collections.Counter(t for s in xtr for t in s)
    words = sorted(counts, key=lambda w: (-counts[w], w))[:20000 - 3]
    ids = {w: i + 3 for i, w in enumerate(words)}

    def encode(sentences):
        out = torch.zeros(len(sentences), a.max_len, dtype=torch.long)
        for i, s in enumerate(sentences):
            for j, t in enumerate(s[:a.max_len]):
                out[i, j] = ids.get(t, 1)
        return out

    xtr, xdv = encode(xtr), encode(xdv)
    ytr, ydv = torch.tensor(ytr), torch.tensor(ydv)
    vocab = len(words) + 3

    class TextCnn(nn.Module):
        def __init__(self):
            super().__init__()
            self.embed = nn.Embedding(vocab, 64)
            self.conv = nn.Conv1d(64, 128, 3, padding=1)
            self.drop = nn.Dropout(0.5)
            self.out = nn.Linear(128, 2)

        def forward(self, x):
            h = torch.relu(self.conv(self.embed(x).transpose(1, 2)))
            return torch.log_softmax(self.out(self.drop(h.max(dim=2).values)), dim=1)

    net = TextCnn()
    for m in (net.conv, net.out):
        nn.init.xavier_normal_(m.weight)
        nn.init.zeros_(m.bias)
    nn.init.xavier_normal_(net.embed.weight)
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    loss_fn = nn.NLLLoss()
    n = xtr.shape[0]
    rates = []
    for epoch in range(1, a.epochs + 1):
        net.train()
        order = torch.randperm(n)
        t0 = time.perf_counter()
        for start in range(0, n, a.batch):
            idx = order[start:start + a.batch]
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(net(xtr[idx]), ytr[idx])
            loss.backward()
            opt.step()
        seconds = time.perf_counter() - t0
        rates.append(n / seconds)
        net.eval()
        with torch.no_grad():
            accuracy = float((net(xdv).argmax(1) == ydv).float().mean())
        log("pytorch textcnn epoch %d: %.1f s, %.0f examples/s, dev accuracy %.4f" % (epoch, seconds, n / seconds, accuracy))
    emit("textcnn", examples_per_second=rates, metric="dev accuracy", value=accuracy, threads=a.threads,
         torch=torch.__version__)


if __name__ == "__main__":
    main()

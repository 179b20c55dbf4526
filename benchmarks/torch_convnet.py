"""The convnet-mnist LeNet in PyTorch, layer for layer as model.convnet's network:
conv 5x5x32 (valid, ReLU) - max pool 2 - conv 5x5x64 (valid, ReLU) - max pool 2 - dense 256 (ReLU)
- dropout 0.25 - dense 10 - softmax, negative log-likelihood, Adam (lr 1e-3), Xavier-normal weights,
zero biases, batch 64, a fresh shuffle per epoch; pixels scaled to [0,1]. Reads the IDX files of
/usr/share/datasets/fashion-mnist (Debian dataset-fashion-mnist)."""
import argparse
import gzip
import os
import struct
import time

import numpy as np

from common import emit, log, setup_threads


def read_idx(folder, prefix):
    def opened(name):
        path = os.path.join(folder, name)
        return gzip.open(path + ".gz") if os.path.exists(path + ".gz") else open(path, "rb")
    with opened(prefix + "-images-idx3-ubyte") as f:
        _, n, rows, cols = struct.unpack(">iiii", f.read(16))
        x = np.frombuffer(f.read(), dtype=np.uint8).reshape(n, 1, rows, cols)
    with opened(prefix + "-labels-idx1-ubyte") as f:
        struct.unpack(">ii", f.read(8))
        y = np.frombuffer(f.read(), dtype=np.uint8).astype(np.int64)
    return x, y


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--epochs", type=int, default=1)
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--train", type=int, default=0, help="first N training images only (0 = all)")
    p.add_argument("--seed", type=int, default=42)
    a = p.parse_args()
    torch = setup_threads(a.threads)
    nn = torch.nn
    torch.manual_seed(a.seed)
    xtr, ytr = read_idx(a.data, "train")
    xte, yte = read_idx(a.data, "t10k")
    if a.train:
        xtr, ytr = xtr[:a.train], ytr[:a.train]
    xtr = torch.from_numpy(xtr.astype(np.float32) / 255.0)
    ytr = torch.from_numpy(ytr)
    xte = torch.from_numpy(xte.astype(np.float32) / 255.0)
    yte = torch.from_numpy(yte)
    net = nn.Sequential(
        nn.Conv2d(1, 32, 5), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 5), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(4 * 4 * 64, 256), nn.ReLU(),
        nn.Dropout(0.25), nn.Linear(256, 10), nn.LogSoftmax(dim=1))
    for m in net.modules():
        if isinstance(m, (nn.Conv2d, nn.Linear)):
            nn.init.xavier_normal_(m.weight)
            nn.init.zeros_(m.bias)
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    loss_fn = nn.NLLLoss()
    n = xtr.shape[0]
    rates = []
    for epoch in range(1, a.epochs + 1):
        net.train()
        order = torch.randperm(n)
        t0 = time.perf_counter()
        total = 0.0
        for start in range(0, n, a.batch):
            idx = order[start:start + a.batch]
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(net(xtr[idx]), ytr[idx])
            loss.backward()
            opt.step()
            total += loss.item()
        seconds = time.perf_counter() - t0
        rates.append(n / seconds)
        net.eval()
        with torch.no_grad():
            correct = sum(int((net(xte[i:i + 500]).argmax(1) == yte[i:i + 500]).sum()) for i in range(0, len(yte), 500))
        accuracy = correct / len(yte)
        log("pytorch convnet epoch %d: %.1f s, %.0f images/s, train loss %.4f, test accuracy %.4f"
            % (epoch, seconds, n / seconds, total / ((n + a.batch - 1) // a.batch), accuracy))
    emit("convnet", examples_per_second=rates, metric="accuracy", value=accuracy, threads=a.threads,
         torch=torch.__version__)


if __name__ == "__main__":
    main()

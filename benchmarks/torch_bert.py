"""A BERT-mini-shaped encoder train step in PyTorch, as bert-finetune-glue builds it in TensorFlow:
L-4, H-256, A-4, intermediate 1024, vocabulary 30522, 512 positions, 2 token types; embeddings +
LayerNorm (eps 1e-12), post-LN transformer layers with the tanh GELU, tanh pooler on [CLS],
classifier on the dropped-out pooled output; dropout 0.1; cross-entropy; BERT's AdamW (global-norm
clip 1.0, no bias correction, beta 0.9/0.999, eps 1e-6, weight decay 0.01 except LayerNorm and
biases). Random weights (std 0.02) and random token ids, sequence 128, batch 32. The first step is
warm-up and not timed."""
import argparse
import math
import time

from common import emit, log, setup_threads


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--steps", type=int, default=10)
    p.add_argument("--batch", type=int, default=32)
    p.add_argument("--seq", type=int, default=128)
    p.add_argument("--lr", type=float, default=1e-4)
    a = p.parse_args()
    torch = setup_threads(a.threads)
    nn, F = torch.nn, torch.nn.functional
    torch.manual_seed(1)
    H, L, A, I, V = 256, 4, 4, 1024, 30522

    def gelu(x):
        return 0.5 * x * (1 + torch.tanh(math.sqrt(2 / math.pi) * (x + 0.044715 * x * x * x)))

    class Layer(nn.Module):
        def __init__(self):
            super().__init__()
            self.q, self.k, self.v, self.o = (nn.Linear(H, H) for _ in range(4))
            self.ln1, self.ln2 = nn.LayerNorm(H, eps=1e-12), nn.LayerNorm(H, eps=1e-12)
            self.inter, self.out = nn.Linear(H, I), nn.Linear(I, H)
            self.drop = nn.Dropout(0.1)

        def heads(self, x):
            b, s, _ = x.shape
            return x.view(b, s, A, H // A).transpose(1, 2)

        def forward(self, x, mask_adder):
            b, s, _ = x.shape
            q, k, v = self.heads(self.q(x)), self.heads(self.k(x)), self.heads(self.v(x))
            scores = q @ k.transpose(-1, -2) / math.sqrt(H // A) + mask_adder
            ctx = (self.drop(torch.softmax(scores, -1)) @ v).transpose(1, 2).reshape(b, s, H)
            x = self.ln1(self.drop(self.o(ctx)) + x)
            return self.ln2(self.drop(self.out(gelu(self.inter(x)))) + x)

    class Bert(nn.Module):
        def __init__(self):
            super().__init__()
            self.word, self.segment, self.pos = nn.Embedding(V, H), nn.Embedding(2, H), nn.Embedding(512, H)
            self.ln = nn.LayerNorm(H, eps=1e-12)
            self.layers = nn.ModuleList(Layer() for _ in range(L))
            self.pool, self.cls = nn.Linear(H, H), nn.Linear(H, 2)
            self.drop = nn.Dropout(0.1)

        def forward(self, ids, mask, seg):
            x = self.word(ids) + self.segment(seg) + self.pos.weight[:ids.shape[1]]
            x = self.drop(self.ln(x))
            adder = (1.0 - mask[:, None, None, :].float()) * -10000.0
            for layer in self.layers:
                x = layer(x, adder)
            return self.cls(self.drop(torch.tanh(self.pool(x[:, 0]))))

    net = Bert()
    for n_, p_ in net.named_parameters():
        if p_.dim() > 1:
            nn.init.trunc_normal_(p_, std=0.02, a=-0.04, b=0.04)
    decay = [not ("ln" in n_ or n_.endswith("bias")) for n_, _ in net.named_parameters()]
    params = list(net.parameters())
    ms = [torch.zeros_like(q) for q in params]
    vs = [torch.zeros_like(q) for q in params]

    def adamw_step(lr):
        with torch.no_grad():
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            for q, m, v, d in zip(params, ms, vs, decay):
                g = q.grad
                m.mul_(0.9).add_(g, alpha=0.1)
                v.mul_(0.999).addcmul_(g, g, value=0.001)
                update = m / (v.sqrt() + 1e-6)
                if d:
                    update.add_(q, alpha=0.01)
                q.add_(update, alpha=-lr)

    gen = torch.Generator().manual_seed(3)
    steps = a.steps + 1
    ids = torch.randint(0, V, (steps, a.batch, a.seq), generator=gen)
    lengths = torch.randint(a.seq // 4, a.seq + 1, (steps, a.batch), generator=gen)
    mask = (torch.arange(a.seq)[None, None, :] < lengths[:, :, None]).long()
    seg = (torch.arange(a.seq)[None, None, :] >= (lengths[:, :, None] // 2)).long() * mask
    labels = torch.randint(0, 2, (steps, a.batch), generator=gen)
    net.train()
    t0 = None
    for s in range(steps):
        if s == 1:
            t0 = time.perf_counter()
        for q in params:
            q.grad = None
        loss = F.cross_entropy(net(ids[s], mask[s], seg[s]), labels[s])
        loss.backward()
        adamw_step(a.lr)
        log("pytorch bert step %d loss %.4f" % (s + 1, loss.item()))
    seconds = time.perf_counter() - t0
    emit("bert", examples_per_second=[a.steps * a.batch / seconds], metric="train loss (last step)",
         value=loss.item(), threads=a.threads, torch=torch.__version__)


if __name__ == "__main__":
    main()

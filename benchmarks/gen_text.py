"""Writes the generated text task of the textcnn row, in the glue stage's normalized layout
(task.json, train.jsonl, dev.jsonl), so that both sides read the same files.
Sentences of 12-48 words drawn from 5,000 made-up words; 100 of them are cue words, half positive
and half negative; the label is 1 when the sentence holds more positive than negative cues (ties
are re-drawn). Deterministic for a seed."""
import json
import os
import random
import sys


def main(out, train=20000, dev=2000, seed=7):
    r = random.Random(seed)
    words = ["w%d" % i for i in range(5000)]
    pos, neg = set(words[:50]), set(words[50:100])
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "task.json"), "w") as f:
        json.dump({"task": "SST-2", "type": "classification", "labels": ["0", "1"], "pair": False}, f)
    for split, n in (("train", train), ("dev", dev)):
        with open(os.path.join(out, split + ".jsonl"), "w") as f:
            i = 0
            while i < n:
                s = [r.choice(words[100:]) for _ in range(r.randint(12, 48))]
                for _ in range(r.randint(1, 5)):
                    s[r.randrange(len(s))] = r.choice(words[:100])
                p = sum(w in pos for w in s)
                q = sum(w in neg for w in s)
                if p == q:
                    continue
                f.write(json.dumps({"id": i, "sentence1": " ".join(s), "label": "1" if p > q else "0"}) + "\n")
                i += 1


if __name__ == "__main__":
    main(sys.argv[1], *(int(a) for a in sys.argv[2:3]))

#!/usr/bin/env python3
"""The anchor of `npm run bench`'s import benchmark: datasketch's MinHash + MinHashLSH, re-implemented.

datasketch itself is not installable here (it is in neither registry this machine reaches), so this script does
what datasketch 1.6 does, on Debian's python3-numpy, the way datasketch does it:
- MinHash(num_perm=128, seed=1): 32-bit SHA-1 of each shingle (the first 4 digest bytes, little-endian), then 128
  affine permutations ((a*h + b) mod (2^61 - 1)) & 0xffffffff in uint64, vectorised over a document's shingles
  (MinHash.update_batch), with a and b drawn as datasketch draws them (numpy RandomState(seed));
- MinHashLSH(threshold=0.8, num_perm=128): bands and rows from datasketch's _optimal_param at equal false-positive
  and false-negative weights (integrated with scipy's quad when scipy is installed, else with datasketch's own
  midpoint rule, as datasketch does), one dict of sets per band, the band's bytes as the bucket key (byteswap().tobytes(), as datasketch's _H), a key table as in its insert;
- per document: query, then insert, all in memory, one grouping level.
Shingles are 5-word shingles of the lower-cased text's words.

Usage: python3 datasketch_style.py FILE.jsonl   (the import file: one JSON object with a "text" a line)
Prints one JSON line: docs, seconds (reading and parsing the file included, the setup not), docs_per_second, bands,
rows, docs_with_candidates, cpu_seconds, setup_seconds.
"""
import hashlib
import json
import re
import struct
import sys
import time

import numpy as np

MERSENNE_PRIME = np.uint64((1 << 61) - 1)
MAX_HASH = np.uint64((1 << 32) - 1)
WORD = re.compile(r"\w+")


def sha1_hash32(data):
    """datasketch.hashfunc.sha1_hash32."""
    return struct.unpack("<I", hashlib.sha1(data).digest()[:4])[0]


def permutations(num_perm, seed):
    """datasketch.MinHash._init_permutations."""
    generator = np.random.RandomState(seed)
    return np.array(
        [
            (generator.randint(1, MERSENNE_PRIME, dtype=np.uint64), generator.randint(0, MERSENNE_PRIME, dtype=np.uint64))
            for _ in range(num_perm)
        ],
        dtype=np.uint64,
    ).T


def midpoint_integration(f, a, b):
    """datasketch.lsh._integration: the midpoint rule, step 0.001 (what datasketch uses without scipy)."""
    p = 0.001
    area = 0.0
    x = a
    while x < b:
        area += f(x + 0.5 * p) * p
        x += p
    return area


try:
    from scipy.integrate import quad

    def integration(f, a, b):
        return quad(f, a, b)[0]

except ImportError:
    integration = midpoint_integration


def optimal_param(threshold, num_perm, false_positive_weight=0.5, false_negative_weight=0.5):
    """datasketch.lsh._optimal_param."""
    min_error = float("inf")
    opt = (0, 0)
    for b in range(1, num_perm + 1):
        max_r = int(num_perm / b)
        for r in range(1, max_r + 1):
            fp = integration(lambda s: 1 - (1 - s ** float(r)) ** float(b), 0.0, threshold)
            fn = integration(lambda s: 1 - (1 - (1 - s ** float(r)) ** float(b)), threshold, 1.0)
            error = fp * false_positive_weight + fn * false_negative_weight
            if error < min_error:
                min_error = error
                opt = (b, r)
    return opt


def signature(shingles, a, b, num_perm):
    """datasketch.MinHash.update_batch on a fresh MinHash."""
    values = np.ones(num_perm, dtype=np.uint64) * MAX_HASH
    if not shingles:
        return values
    hv = np.array([sha1_hash32(s) for s in shingles], dtype=np.uint64)
    phv = np.bitwise_and(((hv * np.tile(a, (len(hv), 1)).T).T + b) % MERSENNE_PRIME, MAX_HASH)
    return np.vstack([phv, values]).min(axis=0)


def shingles_of(text, size=5):
    words = WORD.findall(text.lower())
    if len(words) < size:
        return [" ".join(words).encode("utf8")] if words else []
    return list({" ".join(words[i : i + size]).encode("utf8") for i in range(len(words) - size + 1)})


class Lsh:
    """datasketch.MinHashLSH with its default dict storage: insert and query."""

    def __init__(self, bands, rows):
        self.ranges = [(i * rows, (i + 1) * rows) for i in range(bands)]
        self.tables = [dict() for _ in range(bands)]
        self.keys = {}

    def insert(self, key, values):
        hs = [values[start:end].byteswap().tobytes() for start, end in self.ranges]
        self.keys[key] = hs
        for h, table in zip(hs, self.tables):
            table.setdefault(h, set()).add(key)

    def query(self, values):
        candidates = set()
        for (start, end), table in zip(self.ranges, self.tables):
            bucket = table.get(values[start:end].byteswap().tobytes())
            if bucket:
                candidates.update(bucket)
        return candidates


def main(path, num_perm=128, threshold=0.8, seed=1):
    setup_started = time.perf_counter()
    a, b = permutations(num_perm, seed)
    bands, rows = optimal_param(threshold, num_perm)
    lsh = Lsh(bands, rows)
    # The documents are timed from here: the setup (permutations, the band search) is left out, which only makes
    # the anchor faster.
    setup_seconds = time.perf_counter() - setup_started
    started = time.perf_counter()
    cpu_started = time.process_time()
    docs = 0
    with_candidates = 0
    with open(path, encoding="utf8") as lines:
        for line in lines:
            if not line.strip():
                continue
            doc = json.loads(line)
            values = signature(shingles_of(doc.get("text") or doc.get("title") or ""), a, b, num_perm)
            if lsh.query(values):
                with_candidates += 1
            lsh.insert(docs, values)
            docs += 1
    seconds = time.perf_counter() - started
    print(
        json.dumps(
            {
                "docs": docs,
                "seconds": seconds,
                "docs_per_second": docs / seconds,
                "bands": bands,
                "rows": rows,
                "docs_with_candidates": with_candidates,
                "cpu_seconds": time.process_time() - cpu_started,
                "setup_seconds": setup_seconds,
            }
        )
    )


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: datasketch_style.py FILE.jsonl")
    main(sys.argv[1])

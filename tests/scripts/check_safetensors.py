#!/usr/bin/env python3
"""Reads a safetensors file with nothing but json, struct and numpy, as another tool would.

usage: check_safetensors.py FILE.safetensors KIND [MIN_TENSORS]

Checks the 8-byte little-endian header length, that the JSON header parses, that every tensor's
data_offsets hold its dtype and shape and that together they cover the data exactly, that every
floating-point tensor decodes to finite numbers, and that __metadata__ names the World4RL format and
KIND ("world_model", "policy" or "reward") and carries the config, also line by line as config.<key>
(a world model's config.tasks and config.action_encoding among them). Prints one line per tensor
kind, exits non-zero naming the first problem.
"""
import json
import struct
import sys

import numpy as np

DTYPES = {"F32": np.float32, "F64": np.float64, "F16": np.float16, "I64": np.int64, "I32": np.int32,
          "I16": np.int16, "I8": np.int8, "U8": np.uint8, "BOOL": np.bool_}


def fail(msg):
    print("check_safetensors: " + msg, file=sys.stderr)
    sys.exit(1)


def main():
    if len(sys.argv) not in (3, 4):
        fail("usage: check_safetensors.py FILE.safetensors KIND [MIN_TENSORS]")
    path, kind = sys.argv[1], sys.argv[2]
    min_tensors = int(sys.argv[3]) if len(sys.argv) == 4 else 1
    blob = open(path, "rb").read()
    (n,) = struct.unpack("<Q", blob[:8])
    header = json.loads(blob[8:8 + n].decode("utf-8"))
    data = blob[8 + n:]
    meta = header.pop("__metadata__", {})
    if meta.get("format") != "world4rl-checkpoint-v1":
        fail("metadata format is %r" % meta.get("format"))
    if meta.get("kind") != kind:
        fail("metadata kind is %r, expected %r" % (meta.get("kind"), kind))
    for line in meta.get("config", "").splitlines():
        key, _, value = line.partition(": ")
        if meta.get("config." + key) != value:
            fail("config line %r has no matching config.%s metadata" % (line, key))
    if kind == "world_model" and ("config.tasks" not in meta or "config.action_encoding" not in meta):
        fail("a world model's metadata lacks config.tasks or config.action_encoding")
    if len(header) < min_tensors:
        fail("%d tensors, expected at least %d" % (len(header), min_tensors))
    spans = []
    values = 0
    for name, entry in header.items():
        dtype = DTYPES.get(entry["dtype"])
        if entry["dtype"] == "BF16":
            dtype = np.uint16  # numpy has no bfloat16; its bits are the top half of a float32
        if dtype is None:
            fail("tensor %s has dtype %s" % (name, entry["dtype"]))
        begin, end = entry["data_offsets"]
        count = int(np.prod(entry["shape"], dtype=np.int64))
        if end - begin != count * np.dtype(dtype).itemsize:
            fail("tensor %s: offsets %d..%d do not hold shape %s" % (name, begin, end, entry["shape"]))
        array = np.frombuffer(data[begin:end], dtype=np.dtype(dtype).newbyteorder("<")).reshape(entry["shape"])
        if entry["dtype"] == "BF16":
            array = (array.astype(np.uint32) << 16).view(np.float32)
        if array.dtype.kind == "f" and not np.all(np.isfinite(array)):
            fail("tensor %s holds non-finite values" % name)
        values += count
        spans.append((begin, end, name))
    spans.sort()
    covered = 0
    for begin, end, name in spans:
        if begin != covered:
            fail("tensor %s starts at %d, not at %d" % (name, begin, covered))
        covered = end
    if covered != len(data):
        fail("tensors cover %d of %d data bytes" % (covered, len(data)))
    print("%s: %s, %d tensors, %d values, metadata %s" % (path, kind, len(header), values, sorted(meta)))


if __name__ == "__main__":
    main()

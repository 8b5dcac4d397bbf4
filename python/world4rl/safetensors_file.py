"""Reads a safetensors file with json, struct and numpy only (no `safetensors` package needed)."""
import json
import struct
from collections import OrderedDict

import numpy as np
import torch

_NUMPY = {"F32": np.float32, "F64": np.float64, "F16": np.float16, "I64": np.int64, "I32": np.int32,
          "I16": np.int16, "I8": np.int8, "U8": np.uint8, "BOOL": np.bool_, "BF16": np.int16}


def read_safetensors(path):
    """Returns (metadata, tensors): the __metadata__ strings and an ordered name -> torch.Tensor map."""
    with open(path, "rb") as f:
        blob = f.read()
    if len(blob) < 8:
        raise ValueError("%s: not a safetensors file (shorter than 8 bytes)" % path)
    (n,) = struct.unpack("<Q", blob[:8])
    if 8 + n > len(blob):
        raise ValueError("%s: header length %d exceeds the file" % (path, n))
    header = json.loads(blob[8:8 + n].decode("utf-8"))
    data = memoryview(blob)[8 + n:]
    metadata = header.pop("__metadata__", {})
    tensors = OrderedDict()
    for name, entry in sorted(header.items(), key=lambda item: item[1]["data_offsets"][0]):
        dtype = _NUMPY.get(entry["dtype"])
        if dtype is None:
            raise ValueError("%s: tensor %s has the unsupported dtype %s" % (path, name, entry["dtype"]))
        begin, end = entry["data_offsets"]
        array = np.frombuffer(data[begin:end], dtype=np.dtype(dtype).newbyteorder("<"))
        tensor = torch.from_numpy(array.astype(array.dtype.newbyteorder("="))).reshape(entry["shape"])
        if entry["dtype"] == "BF16":
            tensor = tensor.view(torch.bfloat16)
        tensors[name] = tensor
    return metadata, tensors


def parse_config(text):
    """A checkpoint's config ("key: value" lines) as a dict of strings."""
    out = {}
    for line in text.splitlines():
        key, sep, value = line.partition(": ")
        if sep:
            out[key.strip()] = value.strip()
    return out


def int_list(value):
    """"[16, 32, 64]" -> [16, 32, 64]; "[]" -> []."""
    inner = value.strip().strip("[]").strip()
    return [int(v) for v in inner.split(",")] if inner else []


def str_list(value):
    inner = value.strip().strip("[]").strip()
    return [v.strip() for v in inner.split(",")] if inner else []

#!/usr/bin/env python3
"""Reference SSIM values from scikit-image for tests/metrics/test_ssim.cpp.

Usage: ssim_reference.py MANIFEST OUTPUT

MANIFEST has one line per image pair, "NAME HEIGHT WIDTH"; the pair's images are raw RGB uint8 files
NAME.a.raw and NAME.b.raw (HEIGHT x WIDTH x 3, row-major) next to it. OUTPUT receives "NAME VALUE" lines
with structural_similarity(a, b, channel_axis=2, data_range=255) and every other argument at its
default, the value printed with repr() so it round-trips exactly.
"""
import os
import sys

import numpy as np
from skimage.metrics import structural_similarity


def read_image(path, height, width):
    data = np.fromfile(path, dtype=np.uint8)
    if data.size != height * width * 3:
        raise SystemExit(f"{path}: {data.size} bytes, expected {height}x{width}x3")
    return data.reshape(height, width, 3)


def main():
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    manifest, output = sys.argv[1], sys.argv[2]
    directory = os.path.dirname(os.path.abspath(manifest))
    lines = []
    with open(manifest) as f:
        for line in f:
            if not line.strip():
                continue
            name, height, width = line.split()
            height, width = int(height), int(width)
            a = read_image(os.path.join(directory, name + ".a.raw"), height, width)
            b = read_image(os.path.join(directory, name + ".b.raw"), height, width)
            value = structural_similarity(a, b, channel_axis=2, data_range=255)
            lines.append(f"{name} {float(value)!r}\n")
    with open(output, "w") as f:
        f.writelines(lines)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Compares the next_obs/ of two robomimic files demo by demo, as robomimic reads them (h5py).

usage: compare_next_obs.py CONVERTED.hdf5 REFERENCE.hdf5

Every next_obs/<k> of every demo must have the reference's keys and shapes; all steps but the last
must equal the reference's exactly (they are obs/<k>[t + 1]); the last, the simulated one, must equal
it within 1e-9 for low-dimensional keys and at 35 dB PSNR or more for images. Exits non-zero naming
the first mismatch.
"""
import sys

import h5py
import numpy as np


def fail(msg):
    print("compare_next_obs: " + msg, file=sys.stderr)
    sys.exit(1)


def main():
    if len(sys.argv) != 3:
        fail("usage: compare_next_obs.py CONVERTED.hdf5 REFERENCE.hdf5")
    with h5py.File(sys.argv[1], "r") as a, h5py.File(sys.argv[2], "r") as b:
        demos = sorted(b["data"].keys())
        if sorted(a["data"].keys()) != demos:
            fail(f"demos differ: {sorted(a['data'].keys())} against {demos}")
        for d in demos:
            if "next_obs" not in a["data"][d]:
                fail(f"{d}: no next_obs/")
            x, y = a["data"][d]["next_obs"], b["data"][d]["next_obs"]
            if sorted(x.keys()) != sorted(y.keys()):
                fail(f"{d}: next_obs keys {sorted(x.keys())} against {sorted(y.keys())}")
            for k in y.keys():
                u, v = x[k][()], y[k][()]
                if u.shape != v.shape or u.dtype != v.dtype:
                    fail(f"{d}/next_obs/{k}: {u.shape} {u.dtype} against {v.shape} {v.dtype}")
                if not np.array_equal(u[:-1], v[:-1]):
                    fail(f"{d}/next_obs/{k}: differs before the last step")
                if u.dtype == np.uint8:
                    mse = np.mean((u[-1].astype(float) - v[-1].astype(float)) ** 2)
                    if mse > 0 and 10 * np.log10(255.0**2 / mse) < 35:
                        fail(f"{d}/next_obs/{k}: the last frame is {10 * np.log10(255.0**2 / mse):.1f} dB off")
                elif np.max(np.abs(u[-1] - v[-1])) > 1e-9:
                    fail(f"{d}/next_obs/{k}: the last step is off by {np.max(np.abs(u[-1] - v[-1]))}")
    print(f"compare_next_obs: {len(demos)} demos agree")


if __name__ == "__main__":
    main()

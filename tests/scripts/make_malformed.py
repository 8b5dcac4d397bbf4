#!/usr/bin/env python3
"""Writes one deliberately broken (or a valid variant) dataset for the C++ reader's error tests.

usage: make_malformed.py OUT_DIR CASE      -> OUT_DIR/CASE.hdf5

Every case starts from the same small valid robomimic-layout file (2 demos, 5 steps, 3-D actions,
8x8 images) and breaks exactly one thing, so each test sees the error it is about.
"""
import json
import os
import sys

import h5py
import numpy as np

N, A, H, W = 5, 3, 8, 8


def write_demo(data, name, n=N, a=A, h=H, w=W):
    grp = data.create_group(name)
    grp.attrs["num_samples"] = n
    grp.create_dataset("actions", data=np.linspace(-0.5, 0.5, n * a, dtype=np.float32).reshape(n, a))
    grp.create_dataset("rewards", data=np.zeros(n, dtype=np.float32))
    grp.create_dataset("dones", data=np.eye(1, n, n - 1, dtype=np.uint8)[0])
    grp.create_dataset("states", data=np.zeros((n, 4)))
    grp.create_dataset("obs/agentview_image", data=np.full((n, h, w, 3), 128, dtype=np.uint8))
    grp.create_dataset("obs/robot0_eef_pos", data=np.zeros((n, 3)))
    return grp


def write_valid(path, a=A, h=H, w=W):
    f = h5py.File(path, "w")
    data = f.create_group("data")
    data.attrs["env_args"] = json.dumps({"env_name": "malformed-test", "env_kwargs": {}})
    total = 0
    for i in range(2):
        write_demo(data, "demo_%d" % i, a=a, h=h, w=w)
        total += N
    data.attrs["total"] = total
    return f


def replace(grp, key, **kwargs):
    del grp[key]
    grp.create_dataset(key, **kwargs)


def main():
    out_dir, case = sys.argv[1], sys.argv[2]
    path = os.path.join(out_dir, case + ".hdf5")
    if case == "not_hdf5":
        with open(path, "w") as f:
            f.write("this is a text file, not HDF5\n" * 20)
        return
    if case == "no_data_group":
        with h5py.File(path, "w") as f:
            f.create_group("trajectories")
        return
    if case == "no_demos":
        with h5py.File(path, "w") as f:
            f.create_group("data").attrs["total"] = 0
        return

    sizes = {"action_dim_4": dict(a=4), "image_16": dict(h=16, w=16)}
    f = write_valid(path, **sizes.get(case, {}))
    demo = f["data/demo_1"]
    if case in ("valid", "action_dim_4", "image_16"):  # valid variants
        pass
    elif case == "missing_image_key":
        del demo["obs/agentview_image"]
        demo.create_dataset("obs/wrist_image", data=np.zeros((N, H, W, 3), dtype=np.uint8))
    elif case == "wrong_rank_images":
        replace(demo, "obs/agentview_image", data=np.zeros((N, H, W), dtype=np.uint8))
    elif case == "float_images":
        replace(demo, "obs/agentview_image", data=np.zeros((N, H, W, 3), dtype=np.float32))
    elif case == "actions_rank3":
        replace(demo, "actions", data=np.zeros((N, A, 1), dtype=np.float32))
    elif case == "length_mismatch":
        replace(demo, "rewards", data=np.zeros(N - 1, dtype=np.float32))
    elif case == "image_length_mismatch":
        replace(demo, "obs/agentview_image", data=np.zeros((N + 2, H, W, 3), dtype=np.uint8))
    elif case == "nan_action":
        acts = demo["actions"][()]
        acts[2, 1] = np.nan
        replace(demo, "actions", data=acts)
    elif case == "out_of_range_action":
        acts = demo["actions"][()].astype(np.float64)
        acts[3, 0] = 1.5
        replace(demo, "actions", data=acts)
    elif case == "huge_num_samples":
        demo.attrs["num_samples"] = np.int64(10 ** 12)
    elif case == "bool_flags":  # valid, with numpy bools (HDF5 enums) and a variable-length task string
        for name in ("demo_0", "demo_1"):
            grp = f["data/" + name]
            dones = grp["dones"][()].astype(bool)
            replace(grp, "dones", data=dones)
            grp.attrs["success"] = np.bool_(name == "demo_1")
            grp.attrs["task"] = "bool-task"
            grp.attrs["seed"] = np.uint64(2 ** 64 - 5)
    elif case == "non_utf8_task":  # a fixed-length byte string that is not UTF-8 (Latin-1 "caf\xe9")
        demo.attrs["task"] = np.bytes_(b"caf\xe9")
    elif case == "no_env_args":
        del f["data"].attrs["env_args"]
    elif case == "missing_dones":
        del demo["dones"]
    else:
        f.close()
        os.remove(path)
        sys.exit("make_malformed.py: unknown case " + case)
    f.close()


if __name__ == "__main__":
    main()

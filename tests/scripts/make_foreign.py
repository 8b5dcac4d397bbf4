#!/usr/bin/env python3
"""Writes datasets the way robomimic and LIBERO do (with h5py), for the reader's interop tests.

usage: make_foreign.py OUT_DIR robomimic|libero   -> OUT_DIR/robomimic.hdf5 or OUT_DIR/libero.hdf5

Values follow the formulas below so the C++ tests can check specific ones.

robomimic: 12 demos demo_0..demo_11 (names that do not sort as strings), N = 4 + i % 3 steps, float64
  actions[t, j] = (t - j) / 8 + i / 64, float64 rewards (1 on the last step of even demos), int64 dones,
  gzip-compressed images with h5py's automatic chunking, pixel[t, y, x, c] = (i*13 + t*31 + y*7 + x*3 +
  c*50) % 256 (12x10 images), a next_obs group, masks listing demo_3 and demo_7 as valid, env_args
  env_name "Lift", no per-demo attributes except num_samples.
libero: 3 demos, N = 6, obs/agentview_rgb and obs/eye_in_hand_rgb stored upside down; the upright
  pixel[t, y, x, c] = (t*10 + y*20 + x + c*3) % 256 (8x8); uint8 rewards/dones; obs/ee_states (N, 6);
  float64 actions[t, j] = (j - t) / 16; no masks, problem_info with the language instruction.
"""
import json
import os
import sys

import h5py
import numpy as np


def robomimic(path):
    h, w = 12, 10
    with h5py.File(path, "w") as f:
        data = f.create_group("data")
        total = 0
        # Created in shuffled order: the reader must sort, not rely on creation or name order.
        for i in [5, 11, 0, 2, 10, 1, 3, 4, 6, 7, 8, 9]:
            n = 4 + i % 3
            grp = data.create_group("demo_%d" % i)
            grp.attrs["num_samples"] = n
            t = np.arange(n)[:, None]
            j = np.arange(7)[None, :]
            grp.create_dataset("actions", data=(t - j) / 8.0 + i / 64.0)
            rewards = np.zeros(n)
            if i % 2 == 0:
                rewards[-1] = 1.0
            grp.create_dataset("rewards", data=rewards)
            dones = np.zeros(n, dtype=np.int64)
            dones[-1] = 1
            grp.create_dataset("dones", data=dones)
            grp.create_dataset("states", data=np.random.default_rng(i).normal(size=(n, 32)))
            tt, yy, xx, cc = np.meshgrid(np.arange(n), np.arange(h), np.arange(w), np.arange(3), indexing="ij")
            img = ((i * 13 + tt * 31 + yy * 7 + xx * 3 + cc * 50) % 256).astype(np.uint8)
            for group in ("obs", "next_obs"):
                grp.create_dataset(group + "/agentview_image", data=img, compression="gzip")
                grp.create_dataset(group + "/robot0_eef_pos", data=np.tile([0.1 * i, 0.2, 0.3], (n, 1)))
                grp.create_dataset(group + "/object", data=np.zeros((n, 10)))
            total += n
        data.attrs["total"] = total
        data.attrs["env_args"] = json.dumps({"env_name": "Lift", "type": 1, "env_kwargs": {"control_freq": 20}})
        valid = ["demo_3", "demo_7"]
        train = ["demo_%d" % i for i in range(12) if "demo_%d" % i not in valid]
        f.create_dataset("mask/train", data=np.array(train, dtype="S"))
        f.create_dataset("mask/valid", data=np.array(valid, dtype="S"))


def libero(path):
    n, h, w = 6, 8, 8
    tt, yy, xx, cc = np.meshgrid(np.arange(n), np.arange(h), np.arange(w), np.arange(3), indexing="ij")
    upright = ((tt * 10 + yy * 20 + xx + cc * 3) % 256).astype(np.uint8)
    stored = upright[:, ::-1]  # LIBERO's renderer writes rows bottom-up
    with h5py.File(path, "w") as f:
        data = f.create_group("data")
        data.attrs["problem_info"] = json.dumps({"problem_name": "libero_tabletop_manipulation",
                                                 "domain_name": "robosuite",
                                                 "language_instruction": "put the bowl on the plate"})
        data.attrs["env_args"] = json.dumps({"type": 1, "env_name": "Libero_Tabletop_Manipulation",
                                             "env_kwargs": {}})
        data.attrs["num_demos"] = 3
        data.attrs["total"] = 3 * n
        for i in range(3):
            grp = data.create_group("demo_%d" % i)
            grp.attrs["num_samples"] = n
            grp.attrs["init_state"] = np.zeros(9)
            t = np.arange(n)[:, None]
            j = np.arange(7)[None, :]
            grp.create_dataset("actions", data=(j - t) / 16.0)
            rewards = np.zeros(n, dtype=np.uint8)
            rewards[-1] = 1
            grp.create_dataset("rewards", data=rewards)
            grp.create_dataset("dones", data=rewards.copy())
            grp.create_dataset("states", data=np.zeros((n, 20)))
            grp.create_dataset("robot_states", data=np.zeros((n, 9)))
            grp.create_dataset("obs/agentview_rgb", data=stored)
            grp.create_dataset("obs/eye_in_hand_rgb", data=stored)
            grp.create_dataset("obs/ee_states", data=np.tile(np.arange(6) * 0.5, (n, 1)))
            grp.create_dataset("obs/gripper_states", data=np.zeros((n, 2)))
            grp.create_dataset("obs/joint_states", data=np.zeros((n, 7)))


def main():
    out_dir, kind = sys.argv[1], sys.argv[2]
    {"robomimic": robomimic, "libero": libero}[kind](os.path.join(out_dir, kind + ".hdf5"))


if __name__ == "__main__":
    main()

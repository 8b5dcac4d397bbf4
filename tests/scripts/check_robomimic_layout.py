#!/usr/bin/env python3
"""Asserts that an HDF5 file has the robomimic dataset layout, reading it the way robomimic does (h5py).

usage: check_robomimic_layout.py FILE EXPECTED_DEMOS [--synthetic]

--synthetic additionally recomputes every action and pixel from the formulas of the C++ tests'
makeEpisode() (tests/data/test_support.cpp), so the check is byte-exact, not only structural.
Exits non-zero with a message on the first violation.
"""
import json
import sys

import h5py
import numpy as np


def fail(msg):
    print("check_robomimic_layout: " + msg, file=sys.stderr)
    sys.exit(1)


def check(cond, msg):
    if not cond:
        fail(msg)


def demo_key(name):
    return int(name[len("demo_"):])


def check_synthetic(name, grp):
    s = int(grp.attrs["seed"]) % 97
    n, a = grp["actions"].shape
    t = np.arange(n)[:, None]
    j = np.arange(a)[None, :]
    expected = (((t * 7 + j * 3 + s) % 21) - 10).astype(np.float32) / np.float32(10)
    check(np.array_equal(grp["actions"][()], expected), name + ": actions differ from makeEpisode()")
    img = grp["obs/agentview_image"][()]
    _, h, w, _ = img.shape
    tt, yy, xx, cc = np.meshgrid(np.arange(n), np.arange(h), np.arange(w), np.arange(3), indexing="ij")
    check(np.array_equal(img, ((tt * 31 + yy * 7 + xx * 3 + cc * 50 + s) % 256).astype(np.uint8)),
          name + ": pixels differ from makeEpisode()")
    check(int(grp["dones"][-1]) == 1 and not grp["dones"][:-1].any(), name + ": dones should mark only the last step")


def main():
    if len(sys.argv) < 3:
        fail("usage: check_robomimic_layout.py FILE EXPECTED_DEMOS [--synthetic]")
    path, expected_demos = sys.argv[1], int(sys.argv[2])
    synthetic = "--synthetic" in sys.argv[3:]
    with h5py.File(path, "r") as f:
        check("data" in f, "no data group")
        data = f["data"]
        env_args = json.loads(data.attrs["env_args"])  # robomimic's FileUtils does exactly this
        check(isinstance(env_args, dict), "env_args is not a JSON object")
        check(isinstance(env_args.get("env_name"), str), "env_args has no env_name string")
        check(isinstance(env_args.get("env_kwargs"), dict), "env_args has no env_kwargs object")
        check(env_args.get("type") in (1, 2, 3), "env_args has no robomimic EnvType (1, 2 or 3) as type")
        tasks = env_args.get("tasks")
        check(isinstance(tasks, list), "env_args has no tasks list")
        if tasks:
            check(env_args["env_name"] == (tasks[0] if len(tasks) == 1 else "multi-task"),
                  "env_name %r does not match tasks %r" % (env_args["env_name"], tasks))

        demos = sorted(data.keys(), key=demo_key)
        check(len(demos) == expected_demos, "expected %d demos, found %d" % (expected_demos, len(demos)))
        check(demos == ["demo_%d" % i for i in range(len(demos))], "demo names are not demo_0..demo_%d" % (len(demos) - 1))
        total = 0
        seen_tasks = []
        for name in demos:
            grp = data[name]
            n = int(grp.attrs["num_samples"])
            total += n
            acts = grp["actions"]
            check(acts.dtype == np.float32 and acts.ndim == 2 and acts.shape[0] == n, name + ": actions shape/dtype")
            check(np.all(np.abs(acts[()]) <= 1.0), name + ": action outside [-1, 1]")
            check(grp["rewards"].dtype == np.float32 and grp["rewards"].shape == (n,), name + ": rewards")
            check(grp["dones"].dtype == np.uint8 and grp["dones"].shape == (n,), name + ": dones")
            check(grp["states"].dtype == np.float64 and grp["states"].ndim == 2 and grp["states"].shape[0] == n,
                  name + ": states")
            img = grp["obs/agentview_image"]
            check(img.dtype == np.uint8 and img.ndim == 4 and img.shape[0] == n and img.shape[3] == 3,
                  name + ": agentview_image shape/dtype %s %s" % (img.shape, img.dtype))
            check(img.chunks == (1,) + img.shape[1:], name + ": images should be chunked one frame per chunk")
            check(img.compression == "gzip" and img.compression_opts == 4, name + ": images should be gzip level 4")
            for key, ds in grp["obs"].items():
                if key != "agentview_image":
                    check(ds.dtype == np.float64 and ds.ndim == 2 and ds.shape[0] == n, name + ": obs/" + key)
            if "robot0_gripper_qpos" in grp["obs"]:  # a collected episode: robosuite's proprioception
                check(grp["obs/robot0_eef_pos"].shape == (n, 3), name + ": robot0_eef_pos shape")
                check(grp["obs/robot0_gripper_qpos"].shape == (n, 2), name + ": robot0_gripper_qpos shape")
                quat = grp["obs/robot0_eef_quat"][()]
                check(quat.shape == (n, 4), name + ": robot0_eef_quat shape %s" % (quat.shape,))
                check(np.allclose(np.linalg.norm(quat, axis=1), 1.0, atol=1e-9), name + ": robot0_eef_quat not unit")
            task = grp.attrs["task"]
            task = task.decode() if isinstance(task, bytes) else str(task)
            if task not in seen_tasks:
                seen_tasks.append(task)
            source = grp.attrs["source"]
            source = source.decode() if isinstance(source, bytes) else str(source)
            check(source in ("expert", "noisy", "random", "policy", "teleop", "unknown"), name + ": source " + source)
            int(grp.attrs["seed"])
            check(int(grp.attrs["success"]) in (0, 1), name + ": success is not 0/1")
            if synthetic:
                check_synthetic(name, grp)
        check(int(data.attrs["total"]) == total, "data.attrs total %s != %d" % (data.attrs["total"], total))
        check(tasks == seen_tasks, "env_args tasks %r != demo tasks %r" % (tasks, seen_tasks))

        masks = {}
        for key in ("train", "valid"):
            ds = f["mask/" + key]
            check(ds.ndim == 1 and ds.dtype.kind == "S", "mask/%s should be 1-D byte strings, is %s" % (key, ds.dtype))
            masks[key] = [elem.decode("utf-8") for elem in np.array(ds[:])]  # as robomimic reads them
        check(sorted(masks["train"] + masks["valid"], key=demo_key) == demos, "masks do not list every demo once")
        check(masks["valid"] == [d for d in demos if demo_key(d) % 10 == 9], "mask/valid is not every 10th demo")
    print("robomimic layout OK: %d demos, %d samples" % (len(demos), total))


if __name__ == "__main__":
    main()

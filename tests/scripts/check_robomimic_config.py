#!/usr/bin/env python3
"""Reads from an HDF5 dataset every key that robomimic's trainer reads for a config, the way robomimic
reads them (h5py), before it can train on the file.

usage: check_robomimic_config.py DATASET CONFIG.json

For each of the config's filter keys (train.hdf5_filter_key, train.hdf5_validation_filter_key) the mask
lists demos; for each such demo robomimic's SequenceDataset reads attrs num_samples, obs/<k> for every
key of observation.modalities.obs, next_obs/<k> when train.hdf5_load_next_obs is true, and the
train.dataset_keys (next_obs/<k>[t] must equal obs/<k>[t + 1]); its EnvUtils reads env_args' env_name, type and env_kwargs. Exits non-zero naming
the first key that is missing or has the wrong shape.
"""
import json
import sys

import h5py
import numpy as np


def fail(msg):
    print("check_robomimic_config: " + msg, file=sys.stderr)
    sys.exit(1)


def main():
    if len(sys.argv) != 3:
        fail("usage: check_robomimic_config.py DATASET CONFIG.json")
    path, config_path = sys.argv[1], sys.argv[2]
    with open(config_path) as f:
        config = json.load(f)
    train = config["train"]
    modalities = config["observation"]["modalities"]["obs"]
    obs_keys = [k for keys in modalities.values() for k in keys]
    groups = ["obs"] + (["next_obs"] if train.get("hdf5_load_next_obs", True) else [])
    samples = 0
    with h5py.File(path, "r") as f:
        env_args = json.loads(f["data"].attrs["env_args"])
        for key in ("env_name", "type", "env_kwargs"):
            if key not in env_args:
                fail("%s: env_args has no %s" % (path, key))
        for filter_key in (train.get("hdf5_filter_key"), train.get("hdf5_validation_filter_key")):
            if filter_key is None:
                continue
            if "mask/" + filter_key not in f:
                fail("%s: no mask/%s" % (path, filter_key))
            demos = [d.decode("utf-8") for d in np.array(f["mask/" + filter_key][:])]
            if not demos:
                fail("%s: mask/%s lists no demos" % (path, filter_key))
            for demo in demos:
                grp = f["data/" + demo]
                n = int(grp.attrs["num_samples"])
                samples += n
                for key in train.get("dataset_keys", ["actions", "rewards", "dones"]):
                    if key not in grp or grp[key].shape[0] != n:
                        fail("%s: data/%s/%s missing or not %d long" % (path, demo, key, n))
                for g in groups:
                    for key in obs_keys:
                        name = "%s/%s" % (g, key)
                        if name not in grp:
                            fail("%s: data/%s/%s missing" % (path, demo, name))
                        value = grp[name][()]
                        if value.shape[0] != n:
                            fail("%s: data/%s/%s has %d rows, not %d" % (path, demo, name, value.shape[0], n))
                        if key in modalities.get("rgb", []) and (value.ndim != 4 or value.shape[3] != 3):
                            fail("%s: data/%s/%s is not (N, H, W, 3)" % (path, demo, name))
                        if g == "next_obs" and not np.array_equal(value[:-1], grp["obs/" + key][1:]):
                            fail("%s: data/%s/%s is not obs/%s shifted by one step" % (path, demo, name, key))
    print("robomimic config OK: %d samples read" % samples)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Loads World4RL safetensors checkpoints with the reference modules of python/world4rl and checks that
they compute the engine's outputs recorded in IO.safetensors (written by test_python_modules.cpp).

usage: check_python_models.py WM.safetensors POLICY.safetensors REWARD.safetensors IO.safetensors
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "python"))

import torch  # noqa: E402

import world4rl  # noqa: E402


def close(name, got, want, atol=1e-4):
    if got.shape != want.shape:
        sys.exit("check_python_models: %s has shape %s, the engine's %s" % (name, tuple(got.shape), tuple(want.shape)))
    diff = (got.double() - want.double()).abs().max().item() if got.numel() else 0.0
    if diff > atol:
        sys.exit("check_python_models: %s differs from the engine's by %.3g (tolerance %g)" % (name, diff, atol))
    print("%s: max |python - engine| = %.3g" % (name, diff))


def main():
    if len(sys.argv) != 5:
        sys.exit("usage: check_python_models.py WM.safetensors POLICY.safetensors REWARD.safetensors IO.safetensors")
    wm, policy, reward = (world4rl.load(p) for p in sys.argv[1:4])
    _, io = world4rl.read_safetensors(sys.argv[4])
    if not isinstance(wm, world4rl.WorldModel) or not isinstance(policy, world4rl.GaussianPolicy) or \
            not isinstance(reward, world4rl.SuccessClassifier):
        sys.exit("check_python_models: a checkpoint loaded as the wrong kind")
    with torch.no_grad():
        close("denoise", wm.denoise(io["wm.noisy"], io["wm.sigma"], io["wm.context"], io["wm.actions"], io["wm.task"]),
              io["wm.denoised"])
        close("sample (Heun, seed 5)", wm.sample(io["wm.context"], io["wm.actions"], io["wm.task"],
                                                 torch.Generator().manual_seed(5)), io["wm.sample"], atol=1e-3)
        dream = world4rl.Dream(wm, io["dream.start"], io["dream.start_actions"], seed=9)
        dream.task = io["wm.task"]
        frames = torch.stack([dream.step(a) for a in io["dream.actions"]])
        # uint8 frames: a value on a rounding edge may land one level apart.
        close("three dreamt steps (uint8)", frames.int(), io["dream.frames"].int(), atol=1)
        mean, log_std = policy(io["policy.frames"])
        close("policy mean", mean, io["policy.mean"])
        close("policy log_std", log_std, io["policy.log_std"])
        close("classifier logits", reward(io["reward.frames"]), io["reward.logits"])
    if abs(reward.threshold - 0.3) > 1e-12 or policy.task != "hammer" or wm.tasks != ["hammer", "soccer"]:
        sys.exit("check_python_models: the stored config did not come through")


if __name__ == "__main__":
    main()

"""World4RL checkpoints in Python: `world4rl export-checkpoint IN OUT.safetensors`, then

    import world4rl
    wm = world4rl.load("world_model.safetensors")      # a WorldModel, in eval mode
    frames = world4rl.imagine(wm, first_frame, actions, task="hammer")
    policy = world4rl.load("bc_hammer.safetensors")     # a GaussianPolicy: policy.act(frame)
"""
from .models import (Dream, GaussianPolicy, SuccessClassifier, WorldModel, frames_to_float, frames_to_uint8,
                     imagine)
from .safetensors_file import parse_config, read_safetensors

_KINDS = {"world_model": ("model", WorldModel), "policy": ("policy", GaussianPolicy),
          "reward": ("classifier", SuccessClassifier)}


def load(path):
    """The model of a World4RL .safetensors checkpoint, built from its stored config, weights loaded."""
    metadata, tensors = read_safetensors(path)
    if metadata.get("format") != "world4rl-checkpoint-v1":
        raise ValueError("%s: not a World4RL checkpoint (no world4rl-checkpoint-v1 format metadata)" % path)
    kind = metadata.get("kind")
    if kind not in _KINDS:
        raise ValueError("%s: unknown checkpoint kind %r" % (path, kind))
    prefix, cls = _KINDS[kind]
    model = cls(parse_config(metadata["config"]))
    state = {name[len(prefix) + 1:]: t.float() if t.is_floating_point() else t
             for name, t in tensors.items() if name.startswith(prefix + ".")}
    model.load_state_dict(state, strict=True)
    return model.eval()


__all__ = ["Dream", "GaussianPolicy", "SuccessClassifier", "WorldModel", "frames_to_float", "frames_to_uint8",
           "imagine", "load", "parse_config", "read_safetensors"]

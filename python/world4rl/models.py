"""Reference PyTorch modules of World4RL's checkpoints, named as LibTorch names them, so a checkpoint's
safetensors export loads with load_state_dict and computes what the C++ engine computes."""
import math

import torch
from torch import nn
from torch.nn import functional as F

from .safetensors_file import int_list, str_list

GROUP_NORM_GROUPS = 8


def frames_to_float(frames):
    """uint8 frames (..., H, W, 3) -> float (..., 3, H, W) in [-1, 1]."""
    if frames.dtype != torch.uint8 or frames.shape[-1] != 3:
        raise ValueError("expected uint8 frames (..., H, W, 3)")
    return frames.movedim(-1, -3).float().div(127.5).sub(1.0)


def frames_to_uint8(x):
    return x.add(1.0).mul(127.5).round().clamp(0, 255).to(torch.uint8).movedim(-3, -1).contiguous()


class ActionEncoder:
    """two-hot (the paper's K bins per dimension), one-hot or linear."""

    def __init__(self, encoding, action_dim, bins):
        self.encoding, self.action_dim, self.bins = encoding, action_dim, bins

    @property
    def encoded_dim(self):
        return self.action_dim if self.encoding == "linear" else self.action_dim * self.bins

    def encode(self, actions):
        a = actions.float().clamp(-1.0, 1.0)
        if self.encoding == "linear":
            return a
        pos = (a + 1.0) * 0.5 * (self.bins - 1)
        out = torch.zeros(*a.shape, self.bins, dtype=a.dtype)
        if self.encoding == "one-hot":
            out.scatter_(-1, pos.round().long().unsqueeze(-1), 1.0)
        else:
            lo = pos.floor().clamp(max=self.bins - 2)
            upper = (pos - lo).unsqueeze(-1)
            lo_idx = lo.long().unsqueeze(-1)
            out.scatter_(-1, lo_idx, 1.0 - upper)
            out.scatter_(-1, lo_idx + 1, upper)
        return out.reshape(*a.shape[:-1], self.action_dim * self.bins)


class AdaGroupNorm(nn.Module):
    def __init__(self, channels, cond_dim):
        super().__init__()
        self.norm = nn.GroupNorm(GROUP_NORM_GROUPS, channels, affine=False)
        self.proj = nn.Linear(cond_dim, 2 * channels)

    def forward(self, x, cond):
        scale, shift = self.proj(cond).float()[:, :, None, None].chunk(2, 1)
        return torch.addcmul(shift, self.norm(x.float()), scale + 1)


class SelfAttention(nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.norm = nn.GroupNorm(GROUP_NORM_GROUPS, channels)
        self.qkv = nn.Conv2d(channels, 3 * channels, 1)
        self.proj = nn.Conv2d(channels, channels, 1)

    def forward(self, x):
        b, c, h, w = x.shape
        q, k, v = self.qkv(self.norm(x.float())).reshape(b, 3, c, h * w).unbind(1)
        weights = torch.softmax(torch.matmul(q.transpose(1, 2), k) / math.sqrt(c), -1)
        out = torch.matmul(weights, v.transpose(1, 2)).transpose(1, 2).reshape(b, c, h, w)
        return x + self.proj(out)


class ResBlock(nn.Module):
    def __init__(self, in_channels, out_channels, cond_dim, attention):
        super().__init__()
        self.norm1 = AdaGroupNorm(in_channels, cond_dim)
        self.norm2 = AdaGroupNorm(out_channels, cond_dim)
        self.conv1 = nn.Conv2d(in_channels, out_channels, 3, padding=1)
        self.conv2 = nn.Conv2d(out_channels, out_channels, 3, padding=1)
        self.skip = nn.Conv2d(in_channels, out_channels, 1) if in_channels != out_channels else None
        self.attention = SelfAttention(out_channels) if attention else None

    def forward(self, x, cond):
        h = self.conv1(F.silu(self.norm1(x, cond)))
        h = self.conv2(F.silu(self.norm2(h, cond)))
        h = h + (self.skip(x) if self.skip is not None else x)
        return self.attention(h) if self.attention is not None else h


class UNet(nn.Module):
    def __init__(self, in_channels, channels, blocks_per_level, attention_resolutions, cond_dim, image_size,
                 out_channels=3):
        super().__init__()
        self.levels, self.blocks_per_level = len(channels), blocks_per_level
        ch, resolution = channels[0], image_size
        self.conv_in = nn.Conv2d(in_channels, ch, 3, padding=1)
        skip_channels, n_down = [], 0
        for level, c in enumerate(channels):
            for _ in range(blocks_per_level):
                self.add_module("down%d" % n_down, ResBlock(ch, c, cond_dim, resolution in attention_resolutions))
                n_down += 1
                ch = c
            skip_channels.append(ch)
            if level + 1 < self.levels:
                self.add_module("downsample%d" % level, nn.Conv2d(ch, ch, 3, stride=2, padding=1))
                resolution //= 2
        self.mid = ResBlock(ch, ch, cond_dim, resolution in attention_resolutions)
        n_up = 0
        for level in range(self.levels - 1, -1, -1):
            c = channels[level]
            for b in range(blocks_per_level):
                in_ch = ch + skip_channels[level] if b == 0 else ch
                self.add_module("up%d" % n_up, ResBlock(in_ch, c, cond_dim, resolution in attention_resolutions))
                n_up += 1
                ch = c
            if level > 0:
                self.add_module("upsample%d" % level, nn.Conv2d(ch, channels[level - 1], 3, padding=1))
                ch = channels[level - 1]
                resolution *= 2
        self.norm_out = nn.GroupNorm(GROUP_NORM_GROUPS, ch)
        self.conv_out = nn.Conv2d(ch, out_channels, 3, padding=1)

    def forward(self, x, cond):
        h = self.conv_in(x)
        skips, block = [], 0
        for level in range(self.levels):
            for _ in range(self.blocks_per_level):
                h = getattr(self, "down%d" % block)(h, cond)
                block += 1
            skips.append(h)
            if level + 1 < self.levels:
                h = getattr(self, "downsample%d" % level)(h)
        h = self.mid(h, cond)
        block = 0
        for level in range(self.levels - 1, -1, -1):
            for b in range(self.blocks_per_level):
                if b == 0:
                    h = torch.cat([h, skips[level]], 1)
                h = getattr(self, "up%d" % block)(h, cond)
                block += 1
            if level > 0:
                h = F.interpolate(h, scale_factor=2, mode="nearest")
                h = getattr(self, "upsample%d" % level)(h)
        return self.conv_out(F.silu(self.norm_out(h.float())))


class WorldModel(nn.Module):
    """The EDM diffusion world model: the next frame from the last context_frames frames and actions."""

    def __init__(self, config):
        super().__init__()
        c = config
        self.tasks = str_list(c.get("tasks", "[]"))
        self.image_size = int(c["image_size"])
        self.context_frames = int(c["context_frames"])
        self.action_dim = int(c["action_dim"])
        self.sampler = c.get("sampler", "euler")
        self.sampler_steps = int(c["sampler_steps"])
        self.sigma_data, self.sigma_min = float(c["sigma_data"]), float(c["sigma_min"])
        self.sigma_max, self.rho = float(c["sigma_max"]), float(c["rho"])
        self.encoder = ActionEncoder(c["action_encoding"], self.action_dim, int(c["action_bins"]))
        cond_dim = int(c["cond_dim"])
        half = cond_dim // 2
        self.register_buffer("fourier_frequencies", torch.exp(torch.linspace(0.0, math.log(1000.0), half)) * 2 * math.pi)
        self.noise_mlp = nn.Sequential(nn.Linear(2 * half, cond_dim), nn.SiLU(), nn.Linear(cond_dim, cond_dim))
        self.action_proj = nn.Linear(self.context_frames * self.encoder.encoded_dim, cond_dim)
        task_embeddings = len(self.tasks) if c.get("task_embedding", "true") == "true" and len(self.tasks) > 1 else 0
        self.task_embedding = nn.Embedding(task_embeddings, cond_dim) if task_embeddings else None
        noise_max = float(c.get("context_noise_max", "0"))
        self.context_noise_embedding = (nn.Embedding(int(c["context_noise_buckets"]), cond_dim)
                                        if noise_max > 0 else None)
        self.cond_out = nn.Linear(cond_dim, cond_dim)
        self.unet = UNet(3 * (self.context_frames + 1), int_list(c["channels"]), int(c["blocks_per_level"]),
                         int_list(c.get("attention_resolutions", "[]")), cond_dim, self.image_size)

    def task_index(self, task):
        if task is None or isinstance(task, int):
            return task or 0
        return self.tasks.index(task) if task in self.tasks else 0

    def condition(self, c_noise, actions, task):
        phase = c_noise[:, None] * self.fourier_frequencies
        cond = self.noise_mlp(torch.cat([phase.cos(), phase.sin()], -1))
        cond = cond + self.action_proj(self.encoder.encode(actions).flatten(1))
        if self.task_embedding is not None:
            cond = cond + self.task_embedding(task.long())
        if self.context_noise_embedding is not None:
            cond = cond + self.context_noise_embedding.weight[0]
        return self.cond_out(F.silu(cond))

    def denoise(self, noisy, sigma, context, actions, task):
        """EDM's D(x; sigma): context (B, L, 3, H, W) in [-1, 1], actions (B, L, A), task (B,)."""
        total = sigma * sigma + self.sigma_data ** 2
        c_skip = (self.sigma_data ** 2 / total)[:, None, None, None]
        c_out = (sigma * self.sigma_data / total.sqrt())[:, None, None, None]
        c_in = total.rsqrt()[:, None, None, None]
        c_noise = sigma.log() / 4.0
        f = self.unet(torch.cat([c_in * noisy, context.flatten(1, 2)], 1), self.condition(c_noise, actions, task))
        return c_skip * noisy + c_out * f

    def sigmas(self, steps):
        ramp = torch.zeros(1) if steps == 1 else torch.linspace(0.0, 1.0, steps)
        lo, hi = self.sigma_min ** (1.0 / self.rho), self.sigma_max ** (1.0 / self.rho)
        return torch.cat([(hi + ramp * (lo - hi)).pow(self.rho), torch.zeros(1)])

    @torch.no_grad()
    def sample(self, context, actions, task, generator=None, steps=None, sampler=None):
        """The next frame (B, 3, H, W) in [-1, 1], by the Euler (or Heun) sampler over Karras sigmas."""
        n = steps or self.sampler_steps
        heun = (sampler or self.sampler) == "heun"
        sigmas = self.sigmas(n)
        b = context.shape[0]
        x = torch.randn(b, 3, self.image_size, self.image_size, generator=generator) * sigmas[0].item()
        for i in range(n):
            si, s_next = sigmas[i].item(), sigmas[i + 1].item()
            d = (x - self.denoise(x, torch.full((b,), si), context, actions, task)) / si
            x_next = x + (s_next - si) * d
            if heun and s_next > 0:
                d2 = (x_next - self.denoise(x_next, torch.full((b,), s_next), context, actions, task)) / s_next
                x_next = x + (s_next - si) * 0.5 * (d + d2)
            x = x_next
        return x.clamp(-1.0, 1.0)


class Dream:
    """Steps a world model like the engine's WorldModelEnv: uint8 frames in, uint8 frames out."""

    def __init__(self, model, frames, actions=None, task=None, seed=0):
        """frames: uint8 (B, L, H, W, 3), the last L = context_frames frames; actions: (B, L, A), those
        that led into each (zeros for none); task: a name of the model's tasks, an index, or None."""
        self.model = model
        self.context = frames_to_float(frames)
        b = frames.shape[0]
        self.actions = torch.zeros(b, model.context_frames, model.action_dim) if actions is None else actions.float()
        self.task = torch.full((b,), model.task_index(task), dtype=torch.long)
        self.generator = torch.Generator().manual_seed(seed)

    @torch.no_grad()
    def step(self, actions):
        """actions (B, A) in [-1, 1] -> the imagined next frames, uint8 (B, H, W, 3)."""
        conditioning = torch.cat([self.actions[:, 1:], actions.float().clamp(-1, 1)[:, None]], 1)
        nxt = frames_to_uint8(self.model.sample(self.context, conditioning, self.task, self.generator))
        self.context = torch.cat([self.context[:, 1:], frames_to_float(nxt)[:, None]], 1)
        self.actions = conditioning
        return nxt


def imagine(model, first_frame, actions, task=None, seed=0):
    """Open-loop imagination from a first frame: first_frame uint8 (H, W, 3), actions (T, A) ->
    imagined frames uint8 (T, H, W, 3). The context is the first frame repeated, as for an episode start."""
    frames = first_frame[None, None].expand(1, model.context_frames, *first_frame.shape).contiguous()
    dream = Dream(model, frames, task=task, seed=seed)
    return torch.stack([dream.step(a[None])[0] for a in torch.as_tensor(actions, dtype=torch.float32)])


class ImageEncoder(nn.Module):
    def __init__(self, frames, image_size, channels):
        super().__init__()
        layers, c_in = [], 3 * frames
        for c in channels:
            layers += [nn.Conv2d(c_in, c, 4, stride=2, padding=1), nn.SiLU()]
            c_in = c
        layers.append(nn.Flatten())
        self.layers = nn.Sequential(*layers)
        self.out_features = c_in * (image_size >> len(channels)) ** 2

    def forward(self, frames):
        """uint8 frames (B, S, H, W, 3)."""
        return self.layers(frames_to_float(frames).flatten(1, 2))


class GaussianPolicy(nn.Module):
    """The image policy: a tanh-squashed mean and a clamped log standard deviation per action dimension."""

    def __init__(self, config):
        super().__init__()
        self.task = config.get("task", "")
        self.frame_stack = int(config["frame_stack"])
        self.log_std_min, self.log_std_max = float(config["log_std_min"]), float(config["log_std_max"])
        hidden, action_dim = int(config["hidden"]), int(config["action_dim"])
        self.encoder = ImageEncoder(self.frame_stack, int(config["image_size"]), int_list(config["channels"]))
        self.trunk = nn.Sequential(nn.Linear(self.encoder.out_features, hidden), nn.SiLU(),
                                   nn.Linear(hidden, hidden), nn.SiLU())
        self.mean = nn.Linear(hidden, action_dim)
        self.log_std = nn.Linear(hidden, action_dim)

    def forward(self, frames):
        """uint8 frames (B, frame_stack, H, W, 3) -> (mean, log_std), each (B, A)."""
        h = self.trunk(self.encoder(frames))
        return torch.tanh(self.mean(h)), self.log_std(h).clamp(self.log_std_min, self.log_std_max)

    @torch.no_grad()
    def act(self, frame):
        """The mean action for one uint8 frame (H, W, 3) (frame_stack 1), as eval-policy acts."""
        return self.forward(frame[None, None].expand(1, self.frame_stack, *frame.shape))[0][0]


class SuccessClassifier(nn.Module):
    """The binary success classifier that rewards refinement; `threshold` is its calibrated cut."""

    def __init__(self, config):
        super().__init__()
        self.task = config.get("task", "")
        self.threshold = float(config["threshold"])
        self.encoder = ImageEncoder(1, int(config["image_size"]), int_list(config["channels"]))
        hidden = int(config["hidden"])
        self.head = nn.Sequential(nn.Linear(self.encoder.out_features, hidden), nn.SiLU(), nn.Linear(hidden, 1))

    def forward(self, frames):
        """uint8 frames (B, H, W, 3) -> logits (B,)."""
        return self.head(self.encoder(frames[:, None])).squeeze(-1)

    @torch.no_grad()
    def success(self, frames):
        return torch.sigmoid(self.forward(frames)) > self.threshold

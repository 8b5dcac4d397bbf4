"""Checks a LeRobot v2.1 export against the robomimic HDF5 file it came from, reading the parquet files with
a decoder of its own (Thrift compact protocol, PLAIN values, RLE levels), independent of the C++ writer.

Usage: check_lerobot.py EXPORT_DIR SOURCE.hdf5. Exits 0 when everything matches, else prints what differs.
"""
import json
import pathlib
import re
import struct
import sys

import h5py
import numpy as np


class Compact:
    """Thrift compact protocol reader: structs become {field id: value}."""

    def __init__(self, data, pos=0):
        self.data, self.pos = data, pos

    def byte(self):
        b = self.data[self.pos]
        self.pos += 1
        return b

    def varint(self):
        shift = result = 0
        while True:
            b = self.byte()
            result |= (b & 0x7F) << shift
            shift += 7
            if not b & 0x80:
                return result

    def zigzag(self):
        v = self.varint()
        return (v >> 1) ^ -(v & 1)

    def value(self, kind):
        if kind in (1, 2):
            return kind == 1
        if kind == 3:
            return self.byte()
        if kind in (4, 5, 6):
            return self.zigzag()
        if kind == 7:
            v = struct.unpack_from("<d", self.data, self.pos)[0]
            self.pos += 8
            return v
        if kind == 8:
            n = self.varint()
            v = bytes(self.data[self.pos:self.pos + n])
            self.pos += n
            return v
        if kind in (9, 10):
            header = self.byte()
            size, element = header >> 4, header & 0x0F
            if size == 15:
                size = self.varint()
            return [self.value(element) for _ in range(size)]
        if kind == 12:
            return self.struct()
        raise ValueError(f"unsupported thrift type {kind} at byte {self.pos}")

    def struct(self):
        fields, last = {}, 0
        while True:
            header = self.byte()
            if header == 0:
                return fields
            delta, kind = header >> 4, header & 0x0F
            last = last + delta if delta else self.zigzag()
            fields[last] = self.value(kind)


def rle_levels(data, pos, count):
    """A length-prefixed RLE/bit-packed hybrid run of bit width 1 (data page v1)."""
    length = struct.unpack_from("<I", data, pos)[0]
    reader, end, out = Compact(data, pos + 4), pos + 4 + length, []
    while reader.pos < end:
        header = reader.varint()
        if header & 1:  # bit-packed groups of 8
            groups = header >> 1
            for _ in range(groups):
                b = reader.byte()
                out.extend((b >> i) & 1 for i in range(8))
        else:
            value = reader.byte()
            out.extend([value] * (header >> 1))
    return out[:count], end


def read_parquet(path):
    data = path.read_bytes()
    assert data[:4] == b"PAR1" and data[-4:] == b"PAR1", f"{path}: not a parquet file"
    footer_len = struct.unpack_from("<I", data, len(data) - 8)[0]
    meta = Compact(data, len(data) - 8 - footer_len).struct()
    schema = meta[2]
    assert schema[0][5] == len(meta[4][0][1]), "root's children are the columns"
    columns, rows = {}, meta[3]
    for chunk in meta[4][0][1]:
        cm = chunk[3]
        path_in_schema = [p.decode() for p in cm[3]]
        name = path_in_schema[0]
        is_list = len(path_in_schema) == 3
        assert cm[4] == 0, "uncompressed"
        reader = Compact(data, cm[9])
        page = reader.struct()
        assert page[1] == 0, "a data page"
        header = page[5]
        assert header[2] == 0, "PLAIN values"
        count = header[1]
        pos = reader.pos
        body_end = pos + page[3]
        values_per_row = 1
        if is_list:
            rep, pos = rle_levels(data, pos, count)
            definition, pos = rle_levels(data, pos, count)
            assert all(d == 1 for d in definition), "every list value present"
            starts = [i for i, r in enumerate(rep) if r == 0]
            assert len(starts) == rows, f"{name}: {len(starts)} lists for {rows} rows"
            widths = {b - a for a, b in zip(starts, starts[1:] + [count])}
            assert len(widths) == 1, f"{name}: rows of several widths {widths}"
            values_per_row = widths.pop()
        kind = cm[1]
        raw = data[pos:body_end]
        if kind == 2:
            v = np.frombuffer(raw, "<i8", count)
        elif kind == 4:
            v = np.frombuffer(raw, "<f4", count)
        elif kind == 0:
            v = np.unpackbits(np.frombuffer(raw, np.uint8), bitorder="little")[:count].astype(bool)
        else:
            raise ValueError(f"{name}: unexpected type {kind}")
        columns[name] = v.reshape(rows, values_per_row) if is_list else v
    kv = {e[1].decode(): e[2].decode() for e in meta.get(5, [])}
    return columns, rows, kv


def fail(message):
    print(message)
    sys.exit(1)


def main():
    root, source = pathlib.Path(sys.argv[1]), sys.argv[2]
    info = json.loads((root / "meta/info.json").read_text())
    episodes = [json.loads(l) for l in (root / "meta/episodes.jsonl").read_text().splitlines()]
    tasks = [json.loads(l) for l in (root / "meta/tasks.jsonl").read_text().splitlines()]
    stats = [json.loads(l) for l in (root / "meta/episodes_stats.jsonl").read_text().splitlines()]
    if info["codebase_version"] != "v2.1":
        fail(f"codebase_version {info['codebase_version']}")
    video_keys = [k for k, f in info["features"].items() if f["dtype"] == "video"]
    if len(video_keys) != 1:
        fail(f"video features {video_keys}")
    with h5py.File(source, "r") as f:
        demos = sorted(f["data"].keys(), key=lambda d: int(d.split("_")[1]))
        if info["total_episodes"] != len(demos) or len(episodes) != len(demos) or len(stats) != len(demos):
            fail(f"{len(demos)} demos, info {info['total_episodes']}, {len(episodes)} episodes listed")
        task_names = {t["task_index"]: t["task"] for t in tasks}
        index = 0
        for e, demo in enumerate(demos):
            g = f["data"][demo]
            n = g["actions"].shape[0]
            chunk = e // info["chunks_size"]
            table_path = root / info["data_path"].format(episode_chunk=chunk, episode_index=e)
            video_path = root / info["video_path"].format(episode_chunk=chunk, episode_index=e,
                                                        video_key=video_keys[0])
            if not video_path.is_file() or video_path.stat().st_size == 0:
                fail(f"{video_path}: missing")
            cols, rows, kv = read_parquet(table_path)
            if rows != n or episodes[e]["length"] != n or episodes[e]["episode_index"] != e:
                fail(f"{demo}: {n} steps, table {rows}, episodes.jsonl {episodes[e]}")
            hf = json.loads(kv["huggingface"])["info"]["features"]
            if set(hf) != set(cols) or set(cols) | set(video_keys) != set(info["features"]):
                fail(f"{demo}: columns {sorted(cols)}, hf {sorted(hf)}, info {sorted(info['features'])}")
            robot = sorted(k for k in g["obs"].keys() if k.startswith("robot0_"))
            other = sorted(k for k in g["obs"].keys()
                           if not k.startswith("robot0_") and g["obs"][k].dtype != np.uint8)
            expected = {
                "action": g["actions"][()],
                "observation.state": np.concatenate([g["obs"][k][()].reshape(n, -1) for k in robot], 1),
                "observation.environment_state":
                    np.concatenate([g["obs"][k][()].reshape(n, -1) for k in other], 1),
                "next.reward": g["rewards"][()],
                "frame_index": np.arange(n),
                "episode_index": np.full(n, e),
                "index": np.arange(index, index + n),
                "timestamp": np.arange(n) / info["fps"],
            }
            for name, want in expected.items():
                if not np.allclose(cols[name], want.astype(np.float32), atol=1e-6):
                    fail(f"{demo}: {name} differs: {cols[name][:3]} vs {want[:3]}")
            if not np.array_equal(cols["next.done"], g["dones"][()].astype(bool)):
                fail(f"{demo}: next.done differs")
            if task_names[int(cols["task_index"][0])] not in episodes[e]["tasks"]:
                fail(f"{demo}: task_index {cols['task_index'][0]} is not the episode's task")
            s = stats[e]["stats"]
            if not np.allclose(s["action"]["mean"], g["actions"][()].mean(0), atol=1e-5) or \
                    s["action"]["count"] != [n]:
                fail(f"{demo}: action stats {s['action']}")
            image = g["obs"]["agentview_image"][()] / 255.0
            if s[video_keys[0]]["count"] != [n] or np.array(s[video_keys[0]]["mean"]).shape != (3, 1, 1):
                fail(f"{demo}: image stats count {s[video_keys[0]]['count']} for {n} frames")
            if not np.allclose(np.array(s[video_keys[0]]["mean"]).ravel(), image.mean((0, 1, 2)), atol=1e-6):
                fail(f"{demo}: image stats {s[video_keys[0]]['mean']}")
            for name, feature in info["features"].items():
                if name in cols:
                    width = cols[name].shape[1] if cols[name].ndim == 2 else 1
                    if feature["shape"] != [width]:
                        fail(f"{name}: shape {feature['shape']} for {width} values per row")
            index += n
        if info["total_frames"] != index:
            fail(f"total_frames {info['total_frames']}, {index} steps")
    if not re.fullmatch(r"0:\d+", info["splits"]["train"]):
        fail(f"splits {info['splits']}")
    print(f"ok: {len(demos)} episodes, {index} frames")


main()

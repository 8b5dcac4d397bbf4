"""Reads a run's TensorBoard event files with an independent decoder and compares them with its
metrics.jsonl.

The framing (length, masked CRC-32C of the length, data, masked CRC-32C of the data) is checked with a
CRC-32C written here; the Event, Summary and SessionLog messages are decoded by python3-protobuf from
descriptors built from event.proto's and summary.proto's field numbers. Records after a SessionLog START
at step s replace those from s on (TensorBoard's rule for a resumed run).

Usage: check_tfevents.py RUN_DIR   (exit 0 when every jsonl record has its scalars in the events)
"""
import json
import math
import os
import struct
import sys

from google.protobuf import descriptor_pb2, descriptor_pool, message_factory


def crc32c(data):
    crc = 0xFFFFFFFF
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = (crc >> 1) ^ 0x82F63B78 if crc & 1 else crc >> 1
    return crc ^ 0xFFFFFFFF


def masked(data):
    crc = crc32c(data)
    return (((crc >> 15) | (crc << 17)) + 0xA282EAD8) & 0xFFFFFFFF


def event_class():
    F = descriptor_pb2.FieldDescriptorProto
    proto = descriptor_pb2.FileDescriptorProto(name="w4rl_check_event.proto", package="check", syntax="proto3")

    def message(name, fields):
        m = proto.message_type.add(name=name)
        for fname, number, ftype, label, type_name in fields:
            f = m.field.add(name=fname, number=number, type=ftype, label=label)
            if type_name:
                f.type_name = type_name
        return m

    opt, rep = F.LABEL_OPTIONAL, F.LABEL_REPEATED
    message("Value", [("tag", 1, F.TYPE_STRING, opt, None), ("simple_value", 2, F.TYPE_FLOAT, opt, None)])
    message("Summary", [("value", 1, F.TYPE_MESSAGE, rep, ".check.Value")])
    message("SessionLog", [("status", 1, F.TYPE_INT32, opt, None)])
    message("Event", [("wall_time", 1, F.TYPE_DOUBLE, opt, None), ("step", 2, F.TYPE_INT64, opt, None),
                      ("file_version", 3, F.TYPE_STRING, opt, None),
                      ("summary", 5, F.TYPE_MESSAGE, opt, ".check.Summary"),
                      ("session_log", 7, F.TYPE_MESSAGE, opt, ".check.SessionLog")])
    pool = descriptor_pool.DescriptorPool()
    pool.Add(proto)
    desc = pool.FindMessageTypeByName("check.Event")
    if hasattr(message_factory, "GetMessageClass"):
        return message_factory.GetMessageClass(desc)
    return message_factory.MessageFactory(pool).GetPrototype(desc)


def records(path):
    data = open(path, "rb").read()
    at = 0
    while at < len(data):
        header = data[at:at + 8]
        (length,) = struct.unpack("<Q", header)
        (length_crc,) = struct.unpack("<I", data[at + 8:at + 12])
        assert length_crc == masked(header), f"{path}: length CRC at byte {at}"
        body = data[at + 12:at + 12 + length]
        (body_crc,) = struct.unpack("<I", data[at + 12 + length:at + 16 + length])
        assert body_crc == masked(body), f"{path}: data CRC at byte {at}"
        yield body
        at += 16 + length


def main(run_dir):
    Event = event_class()
    files = sorted(f for f in os.listdir(run_dir) if f.startswith("events.out.tfevents."))
    assert files, f"no event file in {run_dir}"
    scalars = {}  # step -> {tag: value}, the event's wall time as "wall_time"
    versions = 0
    for name in files:
        for body in records(os.path.join(run_dir, name)):
            event = Event()
            event.ParseFromString(body)
            if event.file_version:
                assert event.file_version == "brain.Event:2", event.file_version
                versions += 1
            if event.HasField("session_log") and event.session_log.status == 1:
                scalars = {s: v for s, v in scalars.items() if s < event.step}
            for value in event.summary.value:
                scalars.setdefault(event.step, {})[value.tag] = value.simple_value
                scalars[event.step]["wall_time"] = event.wall_time
    assert versions == len(files), "every event file starts with its file version"
    lines = [json.loads(l) for l in open(os.path.join(run_dir, "metrics.jsonl")) if l.strip()]
    checked = 0
    for i, record in enumerate(lines):
        step = record.get("step", record.get("iteration"))
        assert step is not None, f"record {i} has no step"
        assert "wall_time" in record, f"record {i} has no wall_time"
        logged = scalars.get(int(step), {})
        for key, value in record.items():
            if key in ("step", "iteration") and value == step or value is None:
                continue
            assert key in logged, f"step {step}: {key} missing from the events"
            assert math.isclose(logged[key], value, rel_tol=1e-6, abs_tol=1e-3 if key == "wall_time" else 1e-9), \
                f"step {step}: {key} is {logged[key]} in the events, {value} in metrics.jsonl"
            checked += 1
    assert checked > 0, "nothing compared"
    print(f"{len(files)} event files, {len(lines)} records, {checked} values equal")


if __name__ == "__main__":
    main(sys.argv[1])

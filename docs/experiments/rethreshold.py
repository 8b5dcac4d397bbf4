#!/usr/bin/env python3
"""Re-judges `world4rl eval-dream --json` reports at other classifier thresholds.

The dream's actions do not depend on the classifier's threshold (the policy acts on the dreamt frames),
and each start's record holds the highest probability the classifier gave a dreamt and a replayed frame,
so a start's outcome at any threshold t is `max_dream_probability > t` (imagined) and
`max_real_probability > t` (the classifier on the real replay), exactly as eval-dream would judge it.

    python3 rethreshold.py REPORT.json [REPORT.json ...] --threshold 0.41 --threshold 0.87

A report of `--dreams K` also holds, per start, how many of its K dreams showed success at the report's
threshold (`dream_successes`), so `--consensus M` re-judges it as if run with `--consensus M`.
"""
import argparse
import json


def judge(starts, t, consensus=None):
    n = len(starts)
    if consensus is None:
        imagined = [s["max_dream_probability"] > t for s in starts]
    else:
        imagined = [s["dream_successes"] >= consensus for s in starts]
    on_real = [s["max_real_probability"] > t for s in starts]
    real = [s["real_success"] for s in starts]
    agree = sum(i == r for i, r in zip(imagined, real))
    both = sum(i and r for i, r in zip(imagined, real))
    # A disagreement is the classifier's when it is wrong on the real replay, else the world model's.
    classifier = sum(i != r and c != r for i, r, c in zip(imagined, real, on_real))
    return {
        "threshold": t,
        "consensus": consensus,
        "imagined": sum(imagined) / n,
        "real": sum(real) / n,
        "agreement": agree / n,
        "precision": both / sum(imagined) if any(imagined) else None,
        "world_model_errors": (n - agree) - classifier,
        "classifier_errors": classifier,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("reports", nargs="+")
    parser.add_argument("--threshold", type=float, action="append", default=[])
    parser.add_argument("--consensus", type=int, action="append", default=[],
                        help="dreams of a --dreams report that must show success (at its own threshold)")
    args = parser.parse_args()
    for path in args.reports:
        with open(path) as f:
            report = json.load(f)
        starts = report["per_start"]
        print(f"{path}: {report['task']}, {report['actions']}, {len(starts)} starts")
        rules = [(t, None) for t in [report["threshold"]] + args.threshold]
        rules += [(report["threshold"], m) for m in args.consensus]
        for t, m in rules:
            r = judge(starts, t, m)
            precision = "-" if r["precision"] is None else f"{r['precision']:.2f}"
            rule = f"threshold {t:.3f}" if m is None else f"{m} of {report.get('dreams', 1)} dreams"
            print(f"  {rule}: imagined {r['imagined']:.0%} real {r['real']:.0%} agreement "
                  f"{r['agreement']:.0%} precision {precision} errors WM {r['world_model_errors']} / "
                  f"classifier {r['classifier_errors']}")


if __name__ == "__main__":
    main()

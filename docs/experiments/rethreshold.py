#!/usr/bin/env python3
"""Re-judges `world4rl eval-dream --json` reports at other classifier thresholds.

The dream's actions do not depend on the classifier's threshold (the policy acts on the dreamt frames),
and each start's record holds the highest probability the classifier gave a dreamt and a replayed frame,
so a start's outcome at any threshold t is `max_dream_probability > t` (imagined) and
`max_real_probability > t` (the classifier on the real replay), exactly as eval-dream would judge it.

    python3 rethreshold.py REPORT.json [REPORT.json ...] --threshold 0.41 --threshold 0.87

A report of `--dreams K` also holds, per start, how many of its K dreams showed success at the report's
threshold (`dream_successes`), so `--consensus M` re-judges it as if run with `--consensus M`.
`--consecutive M` calls a dream (and a replay, for whose error a disagreement is) a success only where the
classifier fires on M consecutive frames (from the per-step probabilities, at the report's threshold).
"""
import argparse
import json


def fires_for(probabilities, t, m):
    run = 0
    for p in probabilities:
        run = run + 1 if p > t else 0
        if run >= m:
            return True
    return False


def judge(starts, t, consensus=None, consecutive=None):
    n = len(starts)
    if consecutive is not None:
        imagined = [fires_for(s["dream_probability"], t, consecutive) for s in starts]
    elif consensus is None:
        imagined = [s["max_dream_probability"] > t for s in starts]
    else:
        imagined = [s["dream_successes"] >= consensus for s in starts]
    if consecutive is not None:
        on_real = [fires_for(s["real_probability"], t, consecutive) for s in starts]
    else:
        on_real = [s["max_real_probability"] > t for s in starts]
    real = [s["real_success"] for s in starts]
    agree = sum(i == r for i, r in zip(imagined, real))
    both = sum(i and r for i, r in zip(imagined, real))
    # A disagreement is the classifier's when it is wrong on the real replay, else the world model's.
    classifier = sum(i != r and c != r for i, r, c in zip(imagined, real, on_real))
    return {
        "threshold": t,
        "consensus": consensus,
        "consecutive": consecutive,
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
    parser.add_argument("--consecutive", type=int, action="append", default=[],
                        help="consecutive dreamt frames the classifier must fire on (at the report's threshold)")
    args = parser.parse_args()
    for path in args.reports:
        with open(path) as f:
            report = json.load(f)
        starts = report["per_start"]
        print(f"{path}: {report['task']}, {report['actions']}, {len(starts)} starts")
        rules = [(t, None, None) for t in [report["threshold"]] + args.threshold]
        rules += [(report["threshold"], m, None) for m in args.consensus]
        rules += [(report["threshold"], None, c) for c in args.consecutive]
        for t, m, c in rules:
            r = judge(starts, t, m, c)
            precision = "-" if r["precision"] is None else f"{r['precision']:.2f}"
            if c is not None:
                rule = f"{c} consecutive frames"
            elif m is not None:
                rule = f"{m} of {report.get('dreams', 1)} dreams"
            else:
                rule = f"threshold {t:.3f}"
            print(f"  {rule}: imagined {r['imagined']:.0%} real {r['real']:.0%} agreement "
                  f"{r['agreement']:.0%} precision {precision} errors WM {r['world_model_errors']} / "
                  f"classifier {r['classifier_errors']}")


if __name__ == "__main__":
    main()

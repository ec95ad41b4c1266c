#!/usr/bin/env python3
"""Whole-process benchmark of policylint (issue 15): prints numbers, asserts nothing.

For each input it runs `policylint check` and, in the same minutes, the floor (read + full
simdjson parse of the same bytes, `policylint_floor`), and prints the median wall time, the
median CPU time (user + system) and the largest peak RSS of REPEAT runs,
as a Markdown table ready for docs/performance.md. Times and memory come from wait4(2) in
policylint_measure (tests/bench/measure.cpp), so neither GNU time nor any other tool is needed. Usually run through run-benchmarks.sh, which
builds the release preset and generates the inputs first.

    run-benchmarks.py --policylint BIN --floor BIN --measure BIN --inputs DIR [--repeat N] [--corpora DIR]
"""
import argparse
import os
import statistics
import subprocess
import sys


def measure(launcher, argv, repeat):
    """Median wall and CPU seconds and the largest peak RSS (MiB) of `repeat` runs of argv."""
    walls, cpus, peak = [], [], 0
    status = 0
    for _ in range(repeat):
        out = subprocess.run([launcher, *argv], check=True, capture_output=True, text=True).stdout.split()
        walls.append(float(out[0]))
        cpus.append(float(out[1]))
        peak = max(peak, int(out[2]) / 1024)  # Linux reports KiB
        status = int(out[3])
    return statistics.median(walls), statistics.median(cpus), peak, status


def size_of(paths):
    total = 0
    for p in paths:
        if os.path.isdir(p):
            for root, _, names in os.walk(p):
                total += sum(os.path.getsize(os.path.join(root, n)) for n in names if n.endswith(".json"))
        else:
            total += os.path.getsize(p)
    return total


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--policylint", required=True)
    ap.add_argument("--floor", required=True)
    ap.add_argument("--measure", required=True, help="policylint_measure (tests/bench/measure.cpp)")
    ap.add_argument("--inputs", required=True, help="the directory make_adversarial.py and make-large.py wrote")
    ap.add_argument("--corpora", default=os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "corpora"))
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--only", default="", help="run only the rows whose name contains one of these texts (comma-separated)")
    ap.add_argument("--skip", default="", help="skip the rows whose name contains one of these texts (comma-separated)")
    args = ap.parse_args()

    source = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", ".."))
    managed = os.path.join(args.corpora, "aws-managed", "latest")
    rows = [
        # name, inputs, extra options, repeat divisor (the large inputs run fewer times)
        ("start of a trivial process (/bin/true)", None, [], 1),
        ("one small trust policy", [os.path.join(source, "sample-policies", "recommended", "admin-role-trust.json")], [], 1),
        ("AWS managed policies (corpus)", [managed], [], 1),
        ("the same without the escalation rules (PL401, PL402, PL410)", [managed], ["--ignore", "PL401,PL402,PL410"], 1),
        ("authorization-details snapshot, make-large.py --mb 80", [os.path.join(args.inputs, "auth-details-80mb.json")], [], 5),
        ("12,500 distinct s3 bucket/* resources (PL019)", [os.path.join(args.inputs, "s3-resources-12500.json")], [], 1),
        ("25,000 distinct s3 bucket/* resources (PL019)", [os.path.join(args.inputs, "s3-resources-25000.json")], [], 1),
        ("trust of 20,000 AWS principals (PL201, PL301)", [os.path.join(args.inputs, "trust-20000-principals.json")], [], 1),
        ("trust of 10,000 principals, MFA + address (secured)",
         [os.path.join(args.inputs, "trust-10000-principals-secured.json")], [], 1),
        ("one 8 MiB ARN (PL009)", [os.path.join(args.inputs, "arn-8mib.json")], [], 1),
        ("20,000 actions of one service, 10,000 wildcards (PL017)",
         [os.path.join(args.inputs, "actions-20000-one-service.json")], [], 1),
        ("4,000 admin statements on one line (PL101)", [os.path.join(args.inputs, "admin-4000-statements.json")],
         ["--max-statements", "0"], 1),
        ("Terraform plan, a 50 MB policy string", [os.path.join(args.inputs, "plan-50mb-string.json")], [], 5),
        ("snapshot of 5,000 users, each with an own policy beside AdministratorAccess (PL908, PL910)",
         [os.path.join(args.inputs, "users-5000-own-policies.json")], [], 1),
    ]
    print(f"policylint: {args.policylint}; floor: {args.floor}; {os.cpu_count()} CPUs; "
          f"median of {args.repeat} runs (1 for the largest inputs), peak RSS the largest")
    print()
    print("| Input | Size | policylint wall | CPU | peak RSS | floor wall | floor peak RSS | wall / floor | exit |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name, inputs, extra, divisor in rows:
        if args.only and not any(t in name for t in args.only.split(",")):
            continue
        if args.skip and any(t in name for t in args.skip.split(",")):
            continue
        repeat = max(1, args.repeat // divisor)
        if inputs is None:
            wall, cpu, rss, status = measure(args.measure, ["/bin/true"], repeat)
            print(f"| {name} | — | {wall * 1e3:.1f} ms | {cpu * 1e3:.1f} ms | {rss:.1f} MiB | | | | {status} |")
            continue
        if not all(os.path.exists(p) for p in inputs):
            print(f"| {name} | missing: {', '.join(inputs)} | | | | | | | |")
            continue
        size = size_of(inputs)
        argv = [args.policylint, "check", "-q", "--exit-zero", "--no-config", *extra, *inputs]
        wall, cpu, rss, status = measure(args.measure, argv, repeat)
        fwall, _, frss, _ = measure(args.measure, [args.floor, *inputs], repeat)
        print(f"| {name} | {size / 1e6:.2f} MB | {wall * 1e3:.0f} ms | {cpu * 1e3:.0f} ms | {rss:.0f} MiB "
              f"| {fwall * 1e3:.0f} ms | {frss:.0f} MiB | {wall / fwall:.1f}× | {status} |")
        sys.stdout.flush()


if __name__ == "__main__":
    main()

"""Optuna side of bench-tuner.mjs: per-trial time of TPE and random sampling on a trivial 8-parameter
objective, in memory and on SQLite (RDBStorage), as JSON {case: seconds per trial overall, last 100}."""
import json
import os
import sys
import tempfile
import time

import optuna

optuna.logging.set_verbosity(optuna.logging.ERROR)
n_trials = int(sys.argv[1])
cases = sys.argv[2].split(",")


def objective(trial):
    return sum((trial.suggest_float(f"x{i}", -5, 5) - 1) ** 2 for i in range(8))


def objectives(trial):
    xs = [trial.suggest_float(f"x{i}", -5, 5) for i in range(8)]
    return sum((x - 1) ** 2 for x in xs), sum((x + 1) ** 2 for x in xs)


def run(sampler, storage, directions=None):
    study = optuna.create_study(sampler=sampler, storage=storage, directions=directions)
    fn = objectives if directions else objective
    stamps = []
    t0 = time.perf_counter()
    for _ in range(n_trials):
        study.optimize(fn, n_trials=1)
        stamps.append(time.perf_counter())
    tail = min(100, n_trials)
    return {"perTrial": (stamps[-1] - t0) / n_trials, "lastPerTrial": (stamps[-1] - stamps[-tail - 1 if tail < n_trials else 0]) / tail}


out = {}
for case in cases:
    kind, where = case.split("-")
    if kind == "nsga2":
        out[case] = run(optuna.samplers.NSGAIISampler(seed=1), None, ["minimize", "minimize"])
        continue
    sampler = optuna.samplers.TPESampler(seed=1) if kind == "tpe" else optuna.samplers.RandomSampler(seed=1)
    if where == "memory":
        out[case] = run(sampler, None)
    else:
        with tempfile.TemporaryDirectory() as d:
            out[case] = run(sampler, f"sqlite:///{os.path.join(d, 'optuna.db')}")
json.dump(out, sys.stdout)

"""Optuna side of bench-tuner-growth.mjs: per-trial time of TPESampler (defaults, seed 1) on a trivial
8-parameter objective when the study already holds N finished trials, in memory and on SQLite
(RDBStorage). The history is added with study.add_trials (random params, their true values), then
`measure` trials run one optimize(n_trials=1) call at a time. Prints JSON {case: {N: seconds per trial}}."""
import json
import os
import random
import sys
import tempfile
import time

import optuna
from optuna.distributions import FloatDistribution
from optuna.trial import create_trial

optuna.logging.set_verbosity(optuna.logging.ERROR)
sizes = [int(s) for s in sys.argv[1].split(",")]
measure = int(sys.argv[2])
cases = sys.argv[3].split(",")
dists = {f"x{i}": FloatDistribution(-5, 5) for i in range(8)}


def objective(trial):
    return sum((trial.suggest_float(f"x{i}", -5, 5) - 1) ** 2 for i in range(8))


def run(storage):
    study = optuna.create_study(study_name="bench", storage=storage, sampler=optuna.samplers.TPESampler(seed=1))
    rng = random.Random(1)
    have, out = 0, {}
    for size in sizes:
        history = []
        for _ in range(max(0, size - have)):
            params = {name: rng.uniform(-5, 5) for name in dists}
            history.append(create_trial(params=params, distributions=dists, value=sum((v - 1) ** 2 for v in params.values())))
        study.add_trials(history)
        have += len(history)
        t0 = time.perf_counter()
        for _ in range(measure):
            study.optimize(objective, n_trials=1)
        out[str(size)] = (time.perf_counter() - t0) / measure
        have += measure
    return out


result = {}
for case in cases:
    if case == "tpe-memory":
        result[case] = run(None)
    else:
        with tempfile.TemporaryDirectory() as d:
            result[case] = run(f"sqlite:///{os.path.join(d, 'optuna.db')}")
json.dump(result, sys.stdout)

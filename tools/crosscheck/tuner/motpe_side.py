"""Optuna 3.1 side of crosscheck-motpe.mjs: reads a JSON job on stdin, prints JSON results.

Jobs: "split" (TPESampler's multi-objective `_split_observation_pairs` and
`_calculate_weights_below_for_multi_objective` on given losses), "study" (a TPESampler study of a
two-objective problem per seed: every trial's values, for the hypervolume the JS side computes).
"""
import json
import sys

import numpy as np
import optuna
from optuna.samplers._tpe.sampler import _calculate_weights_below_for_multi_objective, _split_observation_pairs

optuna.logging.set_verbosity(optuna.logging.ERROR)


def zdt1(trial, dims=5):
    x = [trial.suggest_float(f"x{i}", 0, 1) for i in range(dims)]
    g = 1 + 9 * sum(x[1:]) / (dims - 1)
    return x[0], g * (1 - (x[0] / g) ** 0.5)


def binh_korn(trial):
    x = trial.suggest_float("x", 0, 5)
    y = trial.suggest_float("y", 0, 3)
    return 4 * x * x + 4 * y * y, (x - 5) ** 2 + (y - 5) ** 2


PROBLEMS = {"zdt1": zdt1, "binhkorn": binh_korn}


def main():
    job = json.load(sys.stdin)
    if job["kind"] == "split":
        out = []
        for case in job["cases"]:
            scores = [(-float("inf"), v) for v in case["losses"]]
            violations = case.get("violations")
            below, _ = _split_observation_pairs(scores, case["nBelow"], violations)
            weights = _calculate_weights_below_for_multi_objective(scores, np.asarray(below), violations)
            out.append({"below": [int(i) for i in below], "weights": [float(w) for w in weights]})
        print(json.dumps(out))
    elif job["kind"] == "study":
        out = []
        for seed in job["seeds"]:
            study = optuna.create_study(directions=["minimize", "minimize"], sampler=optuna.samplers.TPESampler(seed=seed))
            study.optimize(PROBLEMS[job["problem"]], n_trials=job["trials"])
            out.append([t.values for t in study.trials])
        print(json.dumps(out))


if __name__ == "__main__":
    main()

"""Optuna 3.1 side of crosscheck-nsga2.mjs: reads a JSON job on stdin, prints JSON results.

Jobs: "crowding" (optuna's _calc_crowding_distance per front), "ranks" (NSGAIISampler's
_fast_non_dominated_sort: the rank of each point), "zdt1" (an NSGAIISampler study on ZDT1 per seed:
every trial's two objective values, for the hypervolume the JS side computes for both samplers).
"""
import json
import sys

import optuna
from optuna.samplers.nsgaii._sampler import _calc_crowding_distance
from optuna.study import StudyDirection
from optuna.trial import create_trial

optuna.logging.set_verbosity(optuna.logging.ERROR)


def trials_of(points):
    out = []
    for i, p in enumerate(points):
        t = create_trial(values=p)
        t.number = i
        out.append(t)
    return out


def zdt1(trial, dims):
    x = [trial.suggest_float(f"x{i}", 0, 1) for i in range(dims)]
    g = 1 + 9 * sum(x[1:]) / (dims - 1)
    return x[0], g * (1 - (x[0] / g) ** 0.5)


def main():
    job = json.load(sys.stdin)
    if job["kind"] == "crowding":
        out = []
        for points in job["fronts"]:
            d = _calc_crowding_distance(trials_of(points))
            out.append([d[i] for i in range(len(points))])
        print(json.dumps(out).replace("Infinity", "1e999"))
    elif job["kind"] == "ranks":
        sampler = optuna.samplers.NSGAIISampler()
        directions = [StudyDirection.MINIMIZE if d == "minimize" else StudyDirection.MAXIMIZE for d in job["directions"]]
        out = []
        for points in job["sets"]:
            ranks = [0] * len(points)
            for r, front in enumerate(sampler._fast_non_dominated_sort(trials_of(points), directions)):
                for t in front:
                    ranks[t.number] = r
            out.append(ranks)
        print(json.dumps(out))
    elif job["kind"] == "zdt1":
        out = []
        for seed in job["seeds"]:
            study = optuna.create_study(directions=["minimize", "minimize"], sampler=optuna.samplers.NSGAIISampler(seed=seed, population_size=job["population"]))
            study.optimize(lambda t: zdt1(t, job["dims"]), n_trials=job["trials"])
            out.append([t.values for t in study.trials])
        print(json.dumps(out))


if __name__ == "__main__":
    main()

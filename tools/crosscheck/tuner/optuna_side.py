"""Optuna 3.1 side of crosscheck-tuner.mjs: reads a JSON job on stdin, prints JSON results.

Jobs: "benchmark" (best value after each checkpoint of a TPESampler run, per function and seed),
"fingerprint" (the Optuna version and a hash of each benchmark function's code, which
tpe-quality.mjs keeps next to its recorded Optuna results to refuse results made otherwise),
"pruners" (prune decisions of each pruner on scripted curves), "grid" (GridSampler's grid order and
the points a study visits), "sobol" (scipy.stats.qmc.Sobol points, unscrambled).
"""
import hashlib
import inspect
import json
import math
import os
import subprocess
import sys

import numpy as np
import optuna
from scipy.stats import qmc

optuna.logging.set_verbosity(optuna.logging.ERROR)


def branin(t):
    x = t.suggest_float("x", -5, 10)
    y = t.suggest_float("y", 0, 15)
    b, c, tt = 5.1 / (4 * math.pi ** 2), 5 / math.pi, 1 / (8 * math.pi)
    return (y - b * x * x + c * x - 6) ** 2 + 10 * (1 - tt) * math.cos(x) + 10


HA = [[10, 3, 17, 3.5, 1.7, 8], [0.05, 10, 17, 0.1, 8, 14], [3, 3.5, 1.7, 10, 17, 8], [17, 8, 0.05, 10, 0.1, 14]]
HP = [[1312, 1696, 5569, 124, 8283, 5886], [2329, 4135, 8307, 3736, 1004, 9991], [2348, 1451, 3522, 2883, 3047, 6650], [4047, 8828, 8732, 5743, 1091, 381]]
HALPHA = [1.0, 1.2, 3.0, 3.2]


def hartmann6(t):
    x = [t.suggest_float(f"x{i}", 0, 1) for i in range(6)]
    total = 0.0
    for i in range(4):
        inner = sum(HA[i][j] * (x[j] - HP[i][j] * 1e-4) ** 2 for j in range(6))
        total += HALPHA[i] * math.exp(-inner)
    return -total


def rosenbrock(t):
    x = [t.suggest_float(f"x{i}", -5, 10) for i in range(10)]
    return sum(100 * (x[i + 1] - x[i] ** 2) ** 2 + (1 - x[i]) ** 2 for i in range(9))


PENALTY = {"a": 1.0, "b": 0.5, "c": 0.0, "d": 2.0}


def conditional(t):
    kind = t.suggest_categorical("kind", ["quad", "abs", "log"])
    w = t.suggest_categorical("w", ["a", "b", "c", "d"])
    if kind == "quad":
        x = t.suggest_float("x", -10, 10)
        v = (x - 2) ** 2
    elif kind == "abs":
        y = t.suggest_int("y", -10, 10)
        v = abs(y + 3) + 0.25
    else:
        z = t.suggest_float("z", 1e-3, 10, log=True)
        s = t.suggest_float("s", 0, 1, step=0.1)
        v = (math.log10(z) + 1) ** 2 + abs(s - 0.3) + 0.1
    return v + PENALTY[w]


_gbdt_eval = None


def gbdt(t):
    """Held-out log loss of our GBDT on the shipped breast-cancer data, computed by gbdt_eval.mjs (a
    node process kept for the run), so Optuna optimises the same function as our side."""
    global _gbdt_eval
    params = {
        "learningRate": t.suggest_float("learningRate", 0.01, 0.5, log=True),
        "maxDepth": t.suggest_int("maxDepth", 1, 8),
        "minSamplesLeaf": t.suggest_int("minSamplesLeaf", 1, 60),
        "l2": t.suggest_float("l2", 1e-3, 100, log=True),
        "nRounds": t.suggest_int("nRounds", 10, 100),
    }
    if _gbdt_eval is None:
        here = os.path.dirname(os.path.abspath(__file__))
        _gbdt_eval = subprocess.Popen(["node", os.path.join(here, "gbdt_eval.mjs")], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    _gbdt_eval.stdin.write(json.dumps(params) + "\n")
    _gbdt_eval.stdin.flush()
    return float(_gbdt_eval.stdout.readline())


FUNCTIONS = {"branin": branin, "hartmann6": hartmann6, "rosenbrock10": rosenbrock, "conditional": conditional, "gbdt": gbdt}


def benchmark(job):
    out = {}
    for name in job["functions"]:
        rows = []
        for seed in job["seeds"]:
            study = optuna.create_study(sampler=optuna.samplers.TPESampler(seed=seed))
            study.optimize(FUNCTIONS[name], n_trials=max(job["checkpoints"]))
            values = [t.value for t in study.trials]
            rows.append([min(values[:n]) for n in job["checkpoints"]])
        out[name] = rows
    return out


def fingerprint(job):
    """sha256 of the code a benchmark row depends on: the objective and benchmark() itself."""
    out = {}
    for name in job["functions"]:
        code = inspect.getsource(FUNCTIONS[name]) + inspect.getsource(benchmark)
        out[name] = "sha256:" + hashlib.sha256(code.encode()).hexdigest()[:16]
    return {"functions": out}


def make_pruner(spec):
    kind, o = spec["kind"], spec.get("options", {})
    if kind == "median":
        return optuna.pruners.MedianPruner(n_startup_trials=o.get("nStartupTrials", 5), n_warmup_steps=o.get("nWarmupSteps", 0), interval_steps=o.get("intervalSteps", 1), n_min_trials=o.get("nMinTrials", 1))
    if kind == "percentile":
        return optuna.pruners.PercentilePruner(spec["percentile"], n_startup_trials=o.get("nStartupTrials", 5), n_warmup_steps=o.get("nWarmupSteps", 0), interval_steps=o.get("intervalSteps", 1), n_min_trials=o.get("nMinTrials", 1))
    if kind == "sha":
        return optuna.pruners.SuccessiveHalvingPruner(min_resource=o.get("minResource", "auto"), reduction_factor=o.get("reductionFactor", 4), min_early_stopping_rate=o.get("minEarlyStoppingRate", 0), bootstrap_count=o.get("bootstrapCount", 0))
    if kind == "hyperband":
        return optuna.pruners.HyperbandPruner(min_resource=o.get("minResource", 1), max_resource=o.get("maxResource", "auto"), reduction_factor=o.get("reductionFactor", 3), bootstrap_count=o.get("bootstrapCount", 0))
    if kind == "threshold":
        return optuna.pruners.ThresholdPruner(lower=o.get("lower"), upper=o.get("upper"), n_warmup_steps=o.get("nWarmupSteps", 0), interval_steps=o.get("intervalSteps", 1))
    if kind == "patient":
        return optuna.pruners.PatientPruner(make_pruner(spec["wrapped"]) if spec.get("wrapped") else None, spec["patience"], min_delta=spec.get("minDelta", 0.0))
    raise ValueError(kind)


def pruners(job):
    out = []
    for spec in job["pruners"]:
        study = optuna.create_study(study_name=job["studyName"], direction=spec["direction"], pruner=make_pruner(spec), sampler=optuna.samplers.RandomSampler(seed=0))
        decisions = []
        for curve in job["curves"]:
            trial = study.ask()
            pruned_at = -1
            for step, value in enumerate(curve):
                trial.report(float("nan") if value is None else value, step)
                if trial.should_prune():
                    pruned_at = step
                    break
            if pruned_at >= 0:
                study.tell(trial, state=optuna.trial.TrialState.PRUNED)
            else:
                last = curve[-1]
                study.tell(trial, 0.0 if last is None else last)
            decisions.append(pruned_at)
        out.append(decisions)
    return out


def grid(job):
    sampler = optuna.samplers.GridSampler(job["space"], seed=0)
    names = sorted(job["space"].keys())
    all_grids = [dict(zip(names, g)) for g in sampler._all_grids]
    study = optuna.create_study(sampler=sampler)

    def objective(t):
        for name in names:
            values = job["space"][name]
            t.suggest_categorical(name, values)
        return 0.0

    study.optimize(objective, n_trials=len(all_grids) + 3)
    visited = [t.params for t in study.trials]
    return {"allGrids": all_grids, "visited": visited}


def parzen(job):
    from optuna.distributions import CategoricalDistribution, FloatDistribution, IntDistribution
    from optuna.samplers._tpe.parzen_estimator import _ParzenEstimator, _ParzenEstimatorParameters
    from optuna.samplers._tpe.sampler import default_weights

    def make(d):
        if d["type"] == "float":
            return FloatDistribution(d["low"], d["high"], log=d["log"], step=d.get("step"))
        if d["type"] == "int":
            return IntDistribution(d["low"], d["high"], log=d["log"], step=d["step"])
        return CategoricalDistribution(d["choices"])

    out = []
    for case in job["cases"]:
        # A case is one parameter ("dist", "obs", "points") or several ("space", "obs" and "points" by name).
        space = {k: make(d) for k, d in case["space"].items()} if "space" in case else {"x": make(case["dist"])}
        obs = case["obs"] if "space" in case else {"x": case["obs"]}
        points = case["points"] if "space" in case else {"x": case["points"]}
        s = case["settings"]
        params = _ParzenEstimatorParameters(s["considerPrior"], s["priorWeight"], s["considerMagicClip"], s["considerEndpoints"], default_weights, s.get("multivariate", False))
        pe = _ParzenEstimator({k: np.asarray(v, dtype=float) for k, v in obs.items()}, space, params)
        typed = {k: np.asarray(v, dtype=int if isinstance(space[k], CategoricalDistribution) else float) for k, v in points.items()}
        entry = {"weights": pe._weights.tolist(), "logpdf": pe.log_pdf(typed).tolist()}
        for k, d in space.items():
            if not isinstance(d, CategoricalDistribution):
                entry["mus_" + k] = pe._mus[k].tolist()
                entry["sigmas_" + k] = pe._sigmas[k].tolist()
        out.append(entry)
    return out


def sobol(job):
    return {str(d): qmc.Sobol(d, scramble=False).random(job["n"]).tolist() for d in job["dims"]}


if __name__ == "__main__":
    job = json.load(sys.stdin)
    result = {"parzen": parzen, "benchmark": benchmark, "fingerprint": fingerprint, "pruners": pruners, "grid": grid, "sobol": sobol}[job["kind"]](job)
    json.dump({"optuna": optuna.__version__, "result": result}, sys.stdout)

# Python side of bench-gbdt.mjs: trains scikit-learn's HistGradientBoostingClassifier and xgboost
# (hist) on the same float32 file, one thread each, and prints {name: {seconds, cpu_seconds, train_logloss}} JSON
# (cpu_seconds: the process's CPU time, steadier than wall time when other jobs share the cores).
# OMP_NUM_THREADS=1 must be set by the caller, before numpy/sklearn load.
import json, sys, time
import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import log_loss

path, rows, rounds, depth, repeats = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
data = np.fromfile(path, dtype=np.float32).reshape(rows, 29)
X, y = data[:, :28], data[:, 28]
out = {}


def timed(name, fit):
    times, cpu = [], []
    for _ in range(repeats):
        t0, c0 = time.perf_counter(), time.process_time()
        model = fit()
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    out[name] = {'seconds': times, 'cpu_seconds': cpu, 'train_logloss': float(log_loss(y, model.predict_proba(X)[:, 1]))}


timed('sklearn', lambda: HistGradientBoostingClassifier(learning_rate=0.1, max_iter=rounds, max_depth=depth, max_leaf_nodes=None, min_samples_leaf=20,
                                                        l2_regularization=1.0, max_bins=255, early_stopping=False, random_state=0).fit(X, y))
try:
    import xgboost as xgb
    timed('xgboost', lambda: xgb.XGBClassifier(n_estimators=rounds, learning_rate=0.1, max_depth=depth, tree_method='hist', max_bin=255,
                                               reg_lambda=1.0, min_child_weight=1e-3, n_jobs=1, nthread=1).fit(X, y))
    out['xgboost_version'] = xgb.__version__
except ImportError as e:
    out['xgboost_error'] = str(e)
print(json.dumps(out))

"""Trains the Flask baseline's model on the benchmark's CSV: HistGradientBoostingClassifier with the
same rounds, learning rate and depth as the mlops GBDT. argv: data.csv model.pkl rounds lr depth"""
import pickle
import sys

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier

path, out, rounds, lr, depth = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
with open(path) as f:
    header = f.readline().strip().split(",")
data = np.loadtxt(path, delimiter=",", skiprows=1)
features = header[:-1]
x, y = data[:, :-1], data[:, -1].astype(int)
model = HistGradientBoostingClassifier(max_iter=rounds, learning_rate=lr, max_depth=depth, early_stopping=False, random_state=0).fit(x, y)
with open(out, "wb") as f:
    pickle.dump({"model": model, "features": features, "classes": ["neg", "pos"]}, f)
print(f"sklearn accuracy on train: {model.score(x, y):.4f}")

# Python side of crosscheck-linear.mjs (Debian python3-sklearn 1.2, python3-onnx 1.12).
#   prep <dir>:  writes the raw train/test CSVs (breast cancer, iris: stratified 70/30) and diabetes.
#   score <dir>: fits scikit-learn on the exact matrices our side used (ours.json), compares
#                coefficients and test metrics, checks our ONNX files; writes report.json.
import json, os, sys
import numpy as np
import pandas as pd
import onnx
from scipy.optimize import minimize
from scipy.special import expit, logsumexp
from sklearn.linear_model import LinearRegression, LogisticRegression, Ridge
from sklearn.metrics import accuracy_score, roc_auc_score
from sklearn.model_selection import train_test_split

mode, out = sys.argv[1], sys.argv[2]
data_dir = '/usr/lib/python3/dist-packages/sklearn/datasets/data'

if mode == 'prep':
    settings = json.load(open(os.path.join(out, 'settings.json')))
    bc = pd.read_csv(settings['breastCancer'])
    iris_raw = pd.read_csv(os.path.join(data_dir, 'iris.csv'), skiprows=1, header=None)
    iris = pd.DataFrame(iris_raw.iloc[:, :4].values, columns=['sepal_length', 'sepal_width', 'petal_length', 'petal_width'])
    iris['label'] = [['setosa', 'versicolor', 'virginica'][int(t)] for t in iris_raw.iloc[:, 4]]
    for name, df, target in (('breast_cancer', bc, 'diagnosis'), ('iris', iris, 'label')):
        train, test = train_test_split(df, test_size=0.3, stratify=df[target], random_state=0)
        train.to_csv(os.path.join(out, f'{name}-train.csv'), index=False)
        test.to_csv(os.path.join(out, f'{name}-test.csv'), index=False)
    x = np.loadtxt(os.path.join(data_dir, 'diabetes_data_raw.csv.gz'))
    y = np.loadtxt(os.path.join(data_dir, 'diabetes_target.csv.gz'))
    dia = pd.DataFrame(x, columns=['age', 'sex', 'bmi', 'bp', 's1', 's2', 's3', 's4', 's5', 's6'])
    dia['target'] = y
    dia.to_csv(os.path.join(out, 'diabetes.csv'), index=False, float_format='%.17g')
    sys.exit(0)

ours = json.load(open(os.path.join(out, 'ours.json')))
report = []


def rel_diff(a, b):
    a, b = np.asarray(a, float), np.asarray(b, float)
    return float(np.max(np.abs(a - b)) / max(np.max(np.abs(b)), 1e-300))


def objective(theta, x, y, C):
    # sklearn's C·Σ logloss + ½‖w‖² and its gradient; theta: rows of [weights..., intercept],
    # one row = binary log-odds of class 1.
    w, b = theta[:, :-1], theta[:, -1]
    z = x @ w.T + b
    if theta.shape[0] == 1:
        z = z[:, 0]
        loss = np.sum(np.logaddexp(0, z) - y * z)
        r = (expit(z) - y)[:, None]
    else:
        lse = logsumexp(z, axis=1)
        loss = np.sum(lse - z[np.arange(len(y)), y])
        r = np.exp(z - lse[:, None]) - np.eye(theta.shape[0])[y]
    g = np.hstack([C * r.T @ x + w, C * r.sum(axis=0)[:, None]])
    return C * loss + 0.5 * np.sum(w * w), g.ravel()


def max_grad(theta, x, y, C):
    return float(np.max(np.abs(objective(theta, x, y, C)[1])))


def metrics(y, proba):
    acc = accuracy_score(y, proba.argmax(axis=1))
    auc = roc_auc_score(y, proba[:, 1]) if proba.shape[1] == 2 else roc_auc_score(y, proba, multi_class='ovr')
    return acc, auc


for case in ours['logistic']:
    xtr, ytr, xte, yte = (np.asarray(case[k], float) for k in ('xTrain', 'yTrain', 'xTest', 'yTest'))
    ytr, yte = ytr.astype(int), yte.astype(int)
    sk = LogisticRegression(C=case['C'], solver='lbfgs', max_iter=1000, tol=1e-10).fit(xtr, ytr)
    label = f"{case['name']} C={case['C']}"
    C = case['C']
    mine = np.hstack([np.asarray(case['coef']), np.asarray(case['intercept'])[:, None]])
    first = np.hstack([sk.coef_, sk.intercept_[:, None]])
    # scipy's L-BFGS-B inside LogisticRegression stops on its default ftol (2.2e-9), which
    # LogisticRegression does not expose, often long before gtol=tol. The reference optimum is
    # the same objective minimised by the same scipy solver from sklearn's solution with ftol off.
    ref = minimize(lambda t: objective(t.reshape(first.shape), xtr, ytr, C), first.ravel(), jac=True, method='L-BFGS-B', options={'ftol': 0, 'gtol': 1e-10, 'maxiter': 20000}).x.reshape(first.shape)
    report.append({'check': f'{label} max |gradient| of C·Σlogloss + ½‖w‖²: ours {max_grad(mine, xtr, ytr, C):.2e}, sklearn {max_grad(first, xtr, ytr, C):.2e} ({int(sk.n_iter_[0])} iterations), reference {max_grad(ref, xtr, ytr, C):.2e}', 'info': True})
    report.append({'check': f'{label} coefficients vs sklearn LogisticRegression as it stops: {rel_diff(mine, first):.2e} (sklearn vs reference {rel_diff(first, ref):.2e})', 'info': True})
    report.append({'check': f'{label} coefficients+intercepts vs the reference optimum (max |Δ| / max |ref|)', 'value': rel_diff(mine, ref), 'limit': 1e-4})
    sk_acc, sk_auc = metrics(yte, sk.predict_proba(xte))
    my_acc, my_auc = metrics(yte, np.asarray(case['probaTest']))
    report.append({'check': f'{label} test accuracy points: ours {100 * my_acc:.2f} vs sklearn {100 * sk_acc:.2f}', 'value': abs(100 * (my_acc - sk_acc)), 'limit': 1})
    report.append({'check': f'{label} test ROC-AUC points: ours {100 * my_auc:.2f} vs sklearn {100 * sk_auc:.2f}', 'value': abs(100 * (my_auc - sk_auc)), 'limit': 1})

for case in ours['regression']:
    x, y = np.asarray(case['x'], float), np.asarray(case['y'], float)
    sk = Ridge(alpha=case['alpha'], solver='cholesky').fit(x, y) if case['alpha'] > 0 else LinearRegression().fit(x, y)
    what = f"Ridge(alpha={case['alpha']})" if case['alpha'] > 0 else 'LinearRegression'
    report.append({'check': f"diabetes {what} coefficients (max |Δ| / max |sklearn|)", 'value': rel_diff(case['coef'], sk.coef_), 'limit': 1e-8})
    report.append({'check': f"diabetes {what} intercept (|Δ| / |sklearn|)", 'value': rel_diff([case['intercept']], [sk.intercept_]), 'limit': 1e-8})

for f in sorted(os.listdir(out)):
    if f.endswith('.onnx'):
        try:
            onnx.checker.check_model(onnx.load(os.path.join(out, f)), full_check=True)
            report.append({'check': f'{f} passes onnx.checker.check_model(full_check=True)', 'value': 0, 'limit': 0})
        except Exception as e:  # report, do not crash: the JS side prints every check
            report.append({'check': f'{f} onnx.checker.check_model(full_check=True): {e}', 'value': 1, 'limit': 0})

json.dump(report, open(os.path.join(out, 'report.json'), 'w'))

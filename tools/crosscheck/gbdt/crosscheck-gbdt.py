# Python side of crosscheck-gbdt.mjs (Debian python3-sklearn, python3-onnx).
#   prep <dir> <splits>: writes <name>-<s>-{train,test}.csv (stratified) and sklearn's metrics.
#   score <dir>: reads our probabilities, computes the same metrics, checks our ONNX files.
import json, os, sys
import numpy as np
import pandas as pd
from sklearn.datasets import load_iris, load_wine
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import accuracy_score, roc_auc_score
from sklearn.model_selection import train_test_split

mode, out = sys.argv[1], sys.argv[2]
settings = json.load(open(os.path.join(out, 'settings.json')))


def metrics(y, proba, classes):
    idx = np.array([classes.index(v) for v in y])
    acc = accuracy_score(idx, proba.argmax(axis=1))
    auc = roc_auc_score(idx, proba[:, 1]) if len(classes) == 2 else roc_auc_score(idx, proba, multi_class='ovr')
    return {'accuracy': acc, 'auc': auc}


if mode == 'prep':
    splits = int(sys.argv[3])
    frames = {'breast_cancer': pd.read_csv(settings['breastCancer'])}
    for name, loader in (('wine', load_wine), ('iris', load_iris)):
        b = loader()
        df = pd.DataFrame(b.data, columns=[c.replace(' ', '_').replace('(', '').replace(')', '') for c in b.feature_names])
        df['label'] = [b.target_names[t] for t in b.target]
        frames[name] = df
    result = {}
    for name, df in frames.items():
        target = 'diagnosis' if name == 'breast_cancer' else 'label'
        classes = sorted(df[target].unique().tolist())
        result[name] = []
        for s in range(splits):
            train, test = train_test_split(df, test_size=0.3, stratify=df[target], random_state=s)
            train.to_csv(os.path.join(out, f'{name}-{s}-train.csv'), index=False)
            test.to_csv(os.path.join(out, f'{name}-{s}-test.csv'), index=False)
            p = settings['params']
            clf = HistGradientBoostingClassifier(learning_rate=p['learningRate'], max_iter=p['nRounds'], max_leaf_nodes=p['maxLeaves'], max_depth=None,
                                                 min_samples_leaf=p['minSamplesLeaf'], l2_regularization=p['l2'], max_bins=p['maxBins'], early_stopping=False, random_state=0)
            clf.fit(train.drop(columns=[target]), train[target])
            assert list(clf.classes_) == classes
            result[name].append(metrics(test[target].tolist(), clf.predict_proba(test.drop(columns=[target])), classes))
    json.dump(result, open(os.path.join(out, 'sklearn.json'), 'w'))
else:
    import onnx
    ours = json.load(open(os.path.join(out, 'ours.json')))
    result = {}
    for name, runs in ours.items():
        result[name] = []
        for s, run in enumerate(runs):
            y = pd.read_csv(os.path.join(out, f'{name}-{s}-test.csv'))[run['target']].tolist()
            result[name].append(metrics(y, np.array(run['proba']), run['classes']))
        m = onnx.load(os.path.join(out, f'{name}.onnx'))
        onnx.checker.check_model(m, full_check=True)
    json.dump(result, open(os.path.join(out, 'ours-metrics.json'), 'w'))

#!/usr/bin/env python3
"""Benchmark helper for the MNVP Hub theme engine (bench/text/run calls this).

Subcommands
  folds    --data train.csv --out folds.csv --k 5 --seed 42
           Applies pxtextmining's row filtering (README of the FFT QDC data) and assigns every
           kept comment to one of k folds, grouped by `Respondent ID` (as the held-out split
           is), with a seeded shuffle. Both our engine and the baseline read this file.
  baseline --data train.csv --folds folds.csv --out preds_baseline.csv --timing timing.json
           The named baseline: pxtextmining's `create_and_train_svc_model` (v0.5.x,
           factories/factory_pipeline.py) with additional_features=False, i.e.
           TfidfVectorizer() + one SVC(C=15, probability=True, class_weight="balanced",
           max_iter=1000, cache_size=1000) per theme (what MultiOutputClassifier fits; a theme
           with a single class in a training fold gets a constant prediction, since SVC
           refuses it) on text cleaned by
           pxtextmining's remove_punc_and_nums; decisions are `predict()` followed by
           pxtextmining's fix_no_labels (argmax of predict_proba when nothing was predicted).
  score    --data train.csv --folds folds.csv --pred NAME=preds.csv ...
           Pooled out-of-fold precision/recall/F1 per theme, macro and micro F1, computed the
           same way for every predictions file given.
"""

import argparse
import json
import os
import re
import sys
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

# The 44 minor categories of the v6 framework: every one-hot column after `Comment sentiment`
# except the six that pxtextmining leaves out.
EXCLUDED = {
    "Safeguarding concerns?",
    "Psychological therapy arrangements",
    "Existence of services",
    "Choice of services",
    "Out of hours support (community services)",
    "Learning organisation",
}


def theme_columns(df):
    cols = list(df.columns)
    start = cols.index("Comment sentiment") + 1
    return [c for c in cols[start:] if c not in EXCLUDED]


def clean(text):
    """pxtextmining's remove_punc_and_nums, as described in the data README."""
    text = text.replace("\n", " ").replace("\r", " ")
    text = re.sub(r"[0-9]", "", text)
    text = re.sub(r"[,.\-]", " ", text)
    text = re.sub(r"[!\"#$%&'()*+/:;<=>?@\[\\\]^_`{|}~]", "", text)
    text = text.lower()
    return re.sub(r"\s+", " ", text).strip()


def load(path):
    df = pd.read_csv(path, dtype=str)  # default NA markers, as pxtextmining's reader
    themes = theme_columns(df)
    df = df[df["FFT answer"].notna()].copy()
    df["clean"] = df["FFT answer"].map(clean)
    df = df[df["clean"].str.len() > 0].copy()
    y = (df[themes].fillna("0").apply(lambda s: s.str.strip()) == "1").astype(np.int8)
    df = df[y.sum(axis=1) > 0].copy()
    y = y.loc[df.index]
    return df, themes, y.to_numpy()


def cmd_folds(a):
    df, _, _ = load(a.data)
    rng = np.random.RandomState(a.seed)
    groups = sorted(df["Respondent ID"].fillna(df["Comment ID"]).unique())
    rng.shuffle(groups)
    sizes = df.groupby(df["Respondent ID"].fillna(df["Comment ID"])).size()
    load_per_fold = [0] * a.k
    fold_of = {}
    for g in groups:
        f = int(np.argmin(load_per_fold))
        fold_of[g] = f
        load_per_fold[f] += int(sizes[g])
    out = pd.DataFrame(
        {
            "Comment ID": df["Comment ID"],
            "fold": df["Respondent ID"].fillna(df["Comment ID"]).map(fold_of),
        }
    )
    out.to_csv(a.out, index=False)
    print(f"folds: {len(out)} comments, {len(groups)} respondents, sizes {load_per_fold}")


def joined(df, folds_path):
    folds = pd.read_csv(folds_path, dtype={"Comment ID": str, "fold": int})
    return df.merge(folds, on="Comment ID", how="inner")


def cmd_baseline(a):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.svm import SVC
    import warnings

    warnings.filterwarnings("ignore")
    df, themes, _ = load(a.data)
    df = joined(df, a.folds)
    y = (df[themes].fillna("0").apply(lambda s: s.str.strip()) == "1").astype(np.int8).to_numpy()
    rows = []
    train_s, pred_s, n_pred = [], 0.0, 0
    for k in sorted(df["fold"].unique()):
        tr = (df["fold"] != k).to_numpy()
        te = ~tr
        x_tr = df["clean"][tr]
        y_tr = y[tr]
        x_te = df["clean"][te]
        t0 = time.process_time()
        vec = TfidfVectorizer()
        xt = vec.fit_transform(x_tr)
        models = []
        for j in range(y.shape[1]):
            if y_tr[:, j].min() == y_tr[:, j].max():
                # A theme with one class in this training fold: scikit-learn's SVC refuses it
                # (MultiOutputClassifier would fail); predict that class with probability 0/1.
                models.append(int(y_tr[0, j]))
            else:
                models.append(
                    SVC(C=15, probability=True, class_weight="balanced", max_iter=1000, cache_size=1000).fit(
                        xt, y_tr[:, j]
                    )
                )
        train_s.append(time.process_time() - t0)
        t0 = time.process_time()
        xe = vec.transform(x_te)
        binary = np.zeros((xe.shape[0], len(models)), dtype=np.int8)
        probs = np.zeros((xe.shape[0], len(models)))
        for j, m in enumerate(models):
            if isinstance(m, int):
                binary[:, j] = m
                probs[:, j] = float(m)
            else:
                binary[:, j] = m.predict(xe)
                probs[:, j] = m.predict_proba(xe)[:, 1]
        pred_s += time.process_time() - t0
        n_pred += xe.shape[0]
        # pxtextmining's fix_no_labels: nothing predicted -> take the most probable label.
        for i in range(binary.shape[0]):
            if binary[i].sum() == 0:
                binary[i, int(np.argmax(probs[i]))] = 1
        for cid, b in zip(df["Comment ID"][te], binary):
            rows.append((cid, ";".join(t for t, v in zip(themes, b) if v)))
        print(f"baseline fold {k}: train {train_s[-1]:.1f} s CPU", flush=True)
    pd.DataFrame(rows, columns=["Comment ID", "themes"]).to_csv(a.out, index=False)
    timing = {
        "train_seconds_per_fold": float(np.mean(train_s)),
        "comments_per_second_one_core": n_pred / pred_s if pred_s > 0 else None,
    }
    with open(a.timing, "w") as f:
        json.dump(timing, f)
    print(json.dumps(timing))


def f1(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def cmd_score(a):
    df, themes, _ = load(a.data)
    df = joined(df, a.folds)
    y = (df[themes].fillna("0").apply(lambda s: s.str.strip()) == "1").astype(np.int8).to_numpy()
    ids = list(df["Comment ID"])
    results = {}
    for spec in a.pred:
        name, path = spec.split("=", 1)
        pred = pd.read_csv(path, dtype=str, keep_default_na=False)
        by_id = dict(zip(pred["Comment ID"], pred["themes"]))
        missing = sum(1 for i in ids if i not in by_id)
        p = np.zeros_like(y)
        col = {t: j for j, t in enumerate(themes)}
        for i, cid in enumerate(ids):
            for t in filter(None, by_id.get(cid, "").split(";")):
                if t in col:
                    p[i, col[t]] = 1
        tp = ((p == 1) & (y == 1)).sum(axis=0)
        fp = ((p == 1) & (y == 0)).sum(axis=0)
        fn = ((p == 0) & (y == 1)).sum(axis=0)
        macro = float(np.mean([f1(a_, b_, c_)[2] for a_, b_, c_ in zip(tp, fp, fn)]))
        micro = f1(tp.sum(), fp.sum(), fn.sum())[2]
        results[name] = {"macro_f1": macro, "micro_f1": micro, "missing": missing}
        if a.per_theme:
            print(f"-- {name}: per theme (support, P, R, F1)")
            for j, t in enumerate(themes):
                pr, rc, ff = f1(tp[j], fp[j], fn[j])
                print(f"{t[:50]:50s} {int(tp[j] + fn[j]):5d} {pr:.3f} {rc:.3f} {ff:.3f}")
    print(json.dumps(results))
    if a.json:
        with open(a.json, "w") as f:
            json.dump(results, f)


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    f = sub.add_parser("folds")
    f.add_argument("--data", required=True)
    f.add_argument("--out", required=True)
    f.add_argument("--k", type=int, default=5)
    f.add_argument("--seed", type=int, default=42)
    b = sub.add_parser("baseline")
    b.add_argument("--data", required=True)
    b.add_argument("--folds", required=True)
    b.add_argument("--out", required=True)
    b.add_argument("--timing", required=True)
    s = sub.add_parser("score")
    s.add_argument("--data", required=True)
    s.add_argument("--folds", required=True)
    s.add_argument("--pred", action="append", required=True)
    s.add_argument("--json")
    s.add_argument("--per-theme", action="store_true")
    a = ap.parse_args()
    {"folds": cmd_folds, "baseline": cmd_baseline, "score": cmd_score}[a.cmd](a)


if __name__ == "__main__":
    sys.exit(main())

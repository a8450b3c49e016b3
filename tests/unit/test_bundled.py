"""scikit-learn's bundled datasets by name: every one loads, its columns are scikit-learn's, and choices are by name.

Rules: the data is exactly what scikit-learn's loader returns; the default target is the dataset's own, and
the default features are the two (of its features, never another target) most correlated with the target;
any column can be chosen by name or number; a wrong choice names the dataset and lists its columns.
"""

from __future__ import annotations

from itertools import combinations

import numpy as np
import pytest
from sklearn import datasets

from model import Config, InputError, train
from model.bundled import DATASETS, load
from tui.wording.narration import narrate


def _sklearn(name: str) -> tuple[np.ndarray, np.ndarray, list[str]]:
    bunch = getattr(datasets, DATASETS[name].loader)(**({"scaled": False} if name == "diabetes" else {}))
    return np.asarray(bunch.data, float), np.asarray(bunch.target, float).reshape(len(bunch.data), -1), list(map(str, bunch.feature_names))


@pytest.mark.parametrize("name", DATASETS)
def test_each_dataset_defaults_to_its_target_and_its_two_most_correlated_features(name):
    features, targets, names = _sklearn(name)
    data = load(name, None, None)
    assert data.names[2] == DATASETS[name].target[0]
    np.testing.assert_array_equal(data.y, targets[:, 0])
    r = [abs(np.corrcoef(features[:, i], targets[:, 0])[0, 1]) for i in range(features.shape[1])]
    best = max(combinations(range(len(names)), 2), key=lambda pair: r[pair[0]] + r[pair[1]])  # brute force: the top pair
    assert data.names[:2] == (names[best[0]], names[best[1]])
    np.testing.assert_array_equal(data.x1, features[:, best[0]])
    np.testing.assert_array_equal(data.x2, features[:, best[1]])


def test_any_column_is_chosen_by_name_or_number():
    data = load("linnerud", "Chins,Waist", "Pulse")
    assert data.names == ("Chins", "Waist", "Pulse")
    assert load("iris", "1,3", "petal width (cm)").names == ("sepal length (cm)", "petal length (cm)", "petal width (cm)")
    assert load("diabetes", "bmi, bp", None).names == ("bmi", "bp", "progression")


@pytest.mark.parametrize(
    ("options", "said"),
    [
        ({"dataset": "boston"}, "--dataset: unknown dataset 'boston'; choose one of diabetes, iris, wine, breast_cancer, linnerud"),
        ({"dataset": "iris", "features": "a,b"}, "--features: no column 'a' in scikit-learn's iris dataset; columns are sepal"),
        ({"dataset": "iris", "target": "petals"}, "--target: no column 'petals'"),
        ({"dataset": "iris", "data": "x.csv"}, "--dataset: a run trains on --data FILE.csv or on --dataset NAME, not both"),
        ({"dataset": "iris", "skip_rows": "1"}, "--skip-rows: needs --data FILE.csv"),
        ({"dataset": "iris", "noise": "1"}, "--noise: applies to generated data only, not with --dataset"),
        ({"target": "y"}, "--target: needs --data FILE.csv or --dataset NAME"),
    ],
)
def test_a_wrong_choice_is_one_line_naming_the_option_and_what_is_allowed(options, said):
    with pytest.raises(InputError) as caught:
        Config.from_options(options).load()
    assert str(caught.value).startswith(said)


def test_the_screen_says_what_the_run_predicts_and_where_each_column_came_from(tmp_path):
    run = train(Config.from_options({"dataset": "diabetes", "lr": "1e-6", "epochs": "1"}))
    said = narrate(run, run.at(0))
    assert "ŷ predicts progression, the dataset's own target, from X1 = bmi and X2 = s5, the two most correlated with it" in said
    path = tmp_path / "d.csv"
    path.write_text("a,b,c,S6\n1,2,3,4\n2,3,4,5\n")
    run = train(Config.from_options({"data": str(path), "lr": "1e-4", "epochs": "1"}))
    assert "ŷ predicts S6, the file's last column, from X1 = a and X2 = b, its first two other columns" in narrate(run, run.at(0))

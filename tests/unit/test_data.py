"""Generated data against scikit-learn, and the user's CSV files."""

import numpy as np
import pytest
from sklearn.datasets import make_regression

from model import Config, InputError
from model.csvdata import load_csv
from model.data import regression


@pytest.mark.parametrize(("n", "informative", "noise", "seed"), [(100, 1, 100, 42), (7, 0, 3.5, 1), (1000, 1, 10, 2**32 - 1), (2, 1, 0, 0)])
def test_regression_draws_what_make_regression_draws(n, informative, noise, seed):
    x, y = make_regression(n_samples=n, n_features=2, n_informative=informative, noise=noise, random_state=seed)
    d = regression(n, informative, noise, seed)
    assert np.array_equal(x[:, 0], d.x1) and np.array_equal(x[:, 1], d.x2) and np.array_equal(y, d.y)


@pytest.mark.parametrize("seed", [42, 0, 7])
def test_two_informative_features_differ_from_sklearn_at_most_in_rounding(seed):
    """y is summed term by term (as the notebook's machine did), not by BLAS."""
    x, y = make_regression(n_features=2, n_informative=2, noise=5, random_state=seed)
    d = regression(100, 2, 5, seed)
    assert np.array_equal(x[:, 0], d.x1) and np.array_equal(x[:, 1], d.x2)
    np.testing.assert_allclose(d.y, y, rtol=1e-14, atol=1e-12)


def test_presets_draw_weights_as_the_notebook_seeds_them():
    rng = np.random.RandomState(42)
    a, b = rng.rand(2), rng.rand(2)
    c = np.random.RandomState(42).rand(2)
    assert Config.of("noisy").weights() == (a[0], a[1], b[0], b[1], c[0], c[1])
    assert Config.of("easy").weights() == tuple(np.random.RandomState(42).rand(6))


def test_weights_never_touch_the_global_rng():
    np.random.seed(3)
    before = np.random.get_state()[1].copy()
    Config.of("noisy").weights()
    regression()
    assert np.array_equal(np.random.get_state()[1], before)


def write(tmp_path, text, name="d.csv"):
    path = tmp_path / name
    path.write_text(text)
    return str(path)


def test_csv_with_header_takes_last_column_as_target(tmp_path):
    d = load_csv(write(tmp_path, "a,b,t\n1,2,3\n4,5,6\n"))
    assert d.names == ("a", "b", "t")
    assert d.x1.tolist() == [1, 4] and d.x2.tolist() == [2, 5] and d.y.tolist() == [3, 6]


def test_csv_without_header_and_chosen_columns(tmp_path):
    path = write(tmp_path, "1,2,3,4\n5,6,7,8\n")
    d = load_csv(path, features="4,2", target="1")
    assert d.x1.tolist() == [4, 8] and d.x2.tolist() == [2, 6] and d.y.tolist() == [1, 5]


def test_csv_named_columns(tmp_path):
    d = load_csv(write(tmp_path, "t,a,junk,b\n1,2,0,3\n4,5,0,6\n"), features="a,b", target="t")
    assert d.names == ("a", "b", "t") and d.y.tolist() == [1, 4]


@pytest.mark.parametrize(
    ("text", "options", "words"),
    [
        ("a,b,c\n1,x,3\n4,5,6\n", {}, "line 2 column 2: 'x' is not a number"),
        ("1,nan,3\n4,5,6\n", {}, "'nan' is not a finite number"),
        ("1,2,inf\n4,5,6\n", {}, "'inf' is not a finite number"),
        ("1,2\n4,5\n", {}, "it needs at least 3"),
        ("a,b,c\n1,2,3\n", {}, "1 data row(s); it needs at least 2"),
        ("1,2,3\n4,5\n", {}, "line 2 has 2 cells; expected 3"),
        ("a,b,c\n1,2,3\n4,5,6\n", {"target": "z"}, "--target: no column 'z'"),
        ("a,b,c\n1,2,3\n4,5,6\n", {"features": "a,q"}, "--features: no column 'q'"),
        ("a,b,c\n1,2,3\n4,5,6\n", {"features": "a"}, "--features: give two columns"),
        ("a,b,c\n1,2,3\n4,5,6\n", {"features": "a,c"}, "three different columns"),
        ("", {}, "is empty"),
    ],
)
def test_bad_csv_is_named_in_one_line(tmp_path, text, options, words):
    path = write(tmp_path, text)
    with pytest.raises(InputError) as error:
        load_csv(path, **options)
    message = str(error.value)
    assert words in message and "\n" not in message
    assert path in message or message.startswith(("--target", "--features"))


def test_missing_and_unreadable_files(tmp_path):
    with pytest.raises(InputError, match=r"--data: no file .*nope.csv"):
        load_csv(str(tmp_path / "nope.csv"))
    with pytest.raises(InputError, match=r"--data: .* is not a file"):
        load_csv(str(tmp_path))
    binary = tmp_path / "b.csv"
    binary.write_bytes(b"\xff\xfe\x00\x81")
    with pytest.raises(InputError, match="--data: cannot read"):
        load_csv(str(binary))

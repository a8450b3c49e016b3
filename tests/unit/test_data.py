"""Generated data against scikit-learn, and the user's CSV files (parsed fast, at once or in pieces, in
`test_fast_csv.py`)."""

import gzip
from pathlib import Path

import numpy as np
import pytest
import sklearn
import sklearn.datasets
from hypothesis import given
from hypothesis import strategies as st
from sklearn.datasets import make_regression

from model import Config, InputError
from model.csvdata import begin_csv, load_csv
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
    assert Config.of("noisy").weights().numbers == (a[0], a[1], b[0], b[1], c[0], c[1])
    assert Config.of("easy").weights().numbers == tuple(np.random.RandomState(42).rand(6))


def test_biases_are_the_next_draws_of_the_same_seed_and_leave_the_weights_alone():
    rng = np.random.RandomState(42)
    a, b, biases = rng.rand(2), rng.rand(2), rng.rand(3)
    c = np.random.RandomState(42).rand(2)
    noisy = Config.from_options({"bias": True}).weights()
    assert noisy.names == ("w1", "w2", "w3", "w4", "w5", "w6", "b1", "b2", "b3")
    assert noisy.numbers == (a[0], a[1], b[0], b[1], c[0], c[1], *biases)
    easy = Config.from_options({"preset": "easy", "bias": True}).weights()
    assert easy.numbers == tuple(np.random.RandomState(42).rand(9))


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
    assert d.names == ("col4", "col2", "col1"), "unnamed columns get names that read as names, not as numbers"
    assert load_csv(path, features="col4,col2", target="col1").names == d.names


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
        ("a,b,c\n1,2,3\n", {}, "1 data row; it needs at least 2"),
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
    with pytest.raises(InputError, match=r"--data: .* is a folder"):
        load_csv(str(tmp_path))
    binary = tmp_path / "b.csv"
    binary.write_bytes(b"\xff\xfe\x00\x81")
    with pytest.raises(InputError, match="--data: cannot read"):
        load_csv(str(binary))


SKLEARN_DATA = Path(sklearn.__file__).parent / "datasets" / "data"


@pytest.mark.parametrize(
    ("name", "skip", "loader"),
    [
        ("iris.csv", 1, "load_iris"),
        ("wine_data.csv", 1, "load_wine"),
        ("breast_cancer.csv", 1, "load_breast_cancer"),
    ],
)
def test_scikit_learns_own_csv_files_read_as_scikit_learn_reads_them(name, skip, loader):
    data = load_csv(str(SKLEARN_DATA / name), skip_rows=skip)
    reference = getattr(sklearn.datasets, loader)()
    assert np.array_equal(data.x1, reference.data[:, 0]) and np.array_equal(data.x2, reference.data[:, 1])
    assert np.array_equal(data.y, reference.target)


def test_their_first_line_of_counts_is_named_with_the_fix():
    with pytest.raises(InputError, match="if the first line is not data, --skip-rows 1 skips it"):
        load_csv(str(SKLEARN_DATA / "iris.csv"))


HINT = "; if the first line is not data, --skip-rows 1 skips it"


@pytest.mark.parametrize("header", [True, False])
@pytest.mark.parametrize("outputs", [1, 2])
def test_the_skip_rows_hint_only_where_the_first_line_was_taken_for_data(tmp_path, header, outputs):
    """Whichever line and column is bad: the hint only when the first line was read as data and is the bad one; a
    header recognised is not data already."""
    width = 2 + outputs
    for bad_line in range(3):
        for bad_column in range(width):
            rows = [[str(r * width + c + 1) for c in range(width)] for r in range(3)]
            rows[bad_line][bad_column] = "x"
            lines = ([",".join(f"c{c}" for c in range(width))] if header else []) + [",".join(row) for row in rows]
            path = tmp_path / "bad.csv"
            path.write_text("\n".join(lines) + "\n")
            with pytest.raises(InputError) as refused:
                begin_csv(str(path), outputs=outputs)()
            said, first = str(refused.value), not header and bad_line == 0
            line = bad_line + 1 + header
            assert said.startswith(f"--data: {path} line {line} column {bad_column + 1}: 'x' is not a number"), said
            assert said.endswith(HINT) == first, said


@pytest.mark.parametrize("name", ["linnerud_exercise.csv", "linnerud_physiological.csv"])
def test_space_separated_files_with_a_header(name):
    data = load_csv(str(SKLEARN_DATA / name))
    reference = sklearn.datasets.load_linnerud()
    table = reference.data if "exercise" in name else reference.target
    assert data.names == tuple((reference.feature_names if "exercise" in name else reference.target_names)[:3])
    assert np.array_equal(np.column_stack([data.x1, data.x2, data.y]), table)


def test_a_gzip_file_is_read_directly():
    data = load_csv(str(SKLEARN_DATA / "diabetes_data_raw.csv.gz"), features="1,2", target="10")
    raw = np.loadtxt(SKLEARN_DATA / "diabetes_data_raw.csv.gz")
    assert np.array_equal(data.x1, raw[:, 0]) and np.array_equal(data.y, raw[:, 9]) and len(data) == 442


@given(
    table=st.integers(3, 5).flatmap(  # rows of one width, drawn at that width: filtering ragged ones out wastes most draws
        lambda width: st.lists(st.lists(st.floats(-1e6, 1e6, allow_nan=False), min_size=width, max_size=width), min_size=2, max_size=12)
    ),
    delimiter=st.sampled_from([",", ";", "\t", " ", "   "]),
    header=st.booleans(),
    compressed=st.booleans(),
)
def test_random_tables_read_back_with_every_delimiter(tmp_path_factory, table, delimiter, header, compressed):
    width = len(table[0])
    lines = ([delimiter.join(f"c{i}" for i in range(width))] if header else []) + [delimiter.join(map(repr, row)) for row in table]
    path = tmp_path_factory.mktemp("csv") / ("t.csv.gz" if compressed else "t.csv")
    raw = ("\n".join(lines) + "\n").encode()
    path.write_bytes(gzip.compress(raw) if compressed else raw)
    data = load_csv(str(path))
    assert np.array_equal(np.column_stack([data.x1, data.x2]), np.array(table)[:, :2])
    assert np.array_equal(data.y, np.array(table)[:, -1])


def test_standardized_features_have_mean_0_and_sd_1_and_the_target_is_kept():
    data = load_csv(str(SKLEARN_DATA / "iris.csv"), skip_rows=1).standardized()
    for x in (data.x1, data.x2):
        assert abs(float(np.mean(x))) < 1e-12 and abs(float(np.std(x)) - 1) < 1e-12
    assert np.array_equal(data.y, sklearn.datasets.load_iris().target)


def test_a_constant_column_cannot_be_standardized(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("a,b,y\n1,2,3\n1,5,4\n")
    with pytest.raises(InputError, match="--standardize: column a is constant"):
        load_csv(str(path)).standardized()


def test_a_delimiter_can_be_forced(tmp_path):
    path = tmp_path / "semi.csv"
    path.write_text("a;b;y\n1,5;2;3\n2;1;4\n")  # a decimal comma would fool detection by commas
    with pytest.raises(InputError, match=r"line 2 column 1: '1,5' is not a number: it has a decimal comma; .* takes a decimal point"):
        load_csv(str(path), delimiter="semicolon")

"""The advice after a divergence names only what would help the data."""

import numpy as np
import pytest

from model import Config
from model.data import Dataset
from tui.wording.advice import remedy


def _data(scale: float, offset: float) -> Dataset:
    rs = np.random.RandomState(0)
    x = rs.standard_normal((400, 2)) * scale
    return Dataset(x[:, 0], x[:, 1], 3 * x[:, 0] - 2 * x[:, 1] + offset + rs.standard_normal(400))


@pytest.mark.parametrize(
    ("scale", "offset", "options", "said", "unsaid"),
    [
        (1, 0, {}, [], ["--standardize", "--bias"]),  # already on one scale, no intercept: only a smaller step
        (100, 0, {}, ["--standardize"], ["--bias"]),
        (1, 134, {}, ["--bias: this data needs an intercept"], ["--standardize"]),  # the height data's case
        (100, 134, {}, ["--standardize", "--bias"], []),
        (100, 134, {"bias": True, "standardize": True}, [], ["--standardize", "--bias"]),  # already given
    ],
)
def test_the_remedy_names_only_what_would_help_this_data(scale, offset, options, said, unsaid):
    config = Config.from_options({"data": "x.csv", **options})
    advice = remedy(config, _data(scale, offset))
    assert advice.startswith(f"a smaller --lr than {config.lr:g}")
    assert all(words in advice for words in said) and not any(words in advice for words in unsaid), advice

"""What to try after a divergence: advice in the command line's words, chosen from what would help the data."""

from __future__ import annotations

import numpy as np

from model.config import Config
from model.data import Dataset
from model.numbers import typed


def remedy(config: Config, data: Dataset) -> str:
    """What to try after a divergence, in a few words, from what would help this data.

    Always a smaller step. --standardize only where the features are not already on one scale: each
    feature's root mean square within a factor of 3 of 1 (a step multiplies lr by x², so that is the
    scale that matters). --bias where the data needs an intercept: LinearRegression's fit without one is
    more than 10% worse than with one, so no step size lets this network without biases fit it.
    """
    tips = [f"a smaller --lr than {typed(config.lr)}"]
    scales = np.sqrt(np.mean(np.column_stack(data.inputs) ** 2, axis=0))
    if not config.generated and not config.standardize and not np.all((scales >= 1 / 3) & (scales <= 3)):
        tips.append("--standardize to put the features on one scale")
    if not config.bias and config.described is None:  # a network from a file has the biases it was given
        from model.reference import reference  # scikit-learn, imported only when a run has diverged

        fits = reference(data)
        if fits.plain.rmse > 1.1 * fits.full.rmse:
            fitted = f"LinearRegression: RMSE {fits.plain.rmse:.4g} without one, {fits.full.rmse:.4g} with"
            tips.append(f"--bias: this data needs an intercept ({fitted})")
    return ", or ".join(tips)

"""The notebook's five-neuron network as an exact, steppable SGD run.

This package is pure: numpy always, scikit-learn only where a reference is
asked for. It never imports textual.
"""

from model.config import ORDERS, PRESETS, Config, InputError, Preset
from model.data import Dataset
from model.network import PHASES, UPDATE_ORDER, SampleStep, Update
from model.run import Divergence, Moment, Run, train
from model.weights import Weights

__all__ = [
    "ORDERS",
    "PHASES",
    "PRESETS",
    "UPDATE_ORDER",
    "Config",
    "Dataset",
    "Divergence",
    "InputError",
    "Moment",
    "Preset",
    "Run",
    "SampleStep",
    "Update",
    "Weights",
    "train",
]

"""The notebook's five-neuron network (and its variants), or any small network described in a file, as an exact,
steppable SGD run.

This package is pure: numpy always, scikit-learn only where a reference is
asked for. It never imports textual.
"""

from model.activations import ACTIVATIONS
from model.config import PRESETS, Config, Preset
from model.data import Dataset
from model.description import Description
from model.errors import InputError
from model.moment import Divergence, Moment
from model.parameters import ORDERS, Network, Order, Parameter
from model.run import Run
from model.step import SampleStep, Update
from model.training import Training, train
from model.weights import Weights

__all__ = [
    "ACTIVATIONS",
    "ORDERS",
    "PRESETS",
    "Config",
    "Dataset",
    "Description",
    "Divergence",
    "InputError",
    "Moment",
    "Network",
    "Order",
    "Parameter",
    "Preset",
    "Run",
    "SampleStep",
    "Training",
    "Update",
    "Weights",
    "train",
]

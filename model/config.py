"""Presets and the options that override them, validated into one `Config`."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from model.data import Dataset, regression
from model.description import Description
from model.errors import InputError, flag_of
from model.options import CSV_OPTIONS, FILE_OPTIONS, READERS, check_steps, option
from model.parameters import Network, Order
from model.text import counted, quoted
from model.weights import Weights


@dataclass(frozen=True)
class Preset:
    """A built-in problem: data, initial weights and training settings."""

    name: str
    """Name used by --preset."""
    informative: int
    """Informative features passed to make_regression."""
    noise: float
    """Standard deviation of the noise added to y."""
    lr: float
    """Learning rate."""
    epochs: int
    """Passes over the data."""
    split_seed: bool
    """Draw w1..w4 as two rand(2) and w5, w6 after reseeding (noisy), or rand(6) at once (easy)."""
    summary: str
    """One line for help texts."""


PRESETS = {
    "noisy": Preset("noisy", 1, 100.0, 1e-4, 5, True, "one informative feature, noise 100: the notebook's main run"),
    "easy": Preset("easy", 2, 0.0, 4e-3, 3, False, "two informative features, no noise: converges to LinearRegression"),
}
"""Presets by name; "noisy" is the default."""


def initial_weights(network: Network, seed: int, split_seed: bool) -> Weights:
    """Uniform [0, 1) parameters drawn from a local RandomState, as the notebook seeds them.

    The notebook draws w1..w4 as two rand(2) and w5, w6 after reseeding (noisy
    preset), or all six as one rand(6) (easy preset). Biases, which the
    notebook does not have, are the next three draws of the first RandomState.
    """
    rng = np.random.RandomState(seed)
    if split_seed:
        w1, w2 = rng.rand(2)
        w3, w4 = rng.rand(2)
        w5, w6 = np.random.RandomState(seed).rand(2)
        values = [w1, w2, w3, w4, w5, w6]
    else:
        values = list(rng.rand(6))
    if network.bias:
        values += list(rng.rand(3))
    return Weights(network.names, tuple(map(float, values)))


@dataclass(frozen=True)
class Config:
    """Everything a run depends on, after options have overridden the preset."""

    preset: str = "noisy"
    """Name of the preset the other fields started from."""
    lr: float = 1e-4
    """Learning rate (it absorbs the loss's factor 2: Δw = −(lr/2)·∂L/∂w)."""
    epochs: int = 5
    """Passes over the data."""
    seed: int = 42
    """Seed of the initial weights."""
    random_state: int = 42
    """Seed of the generated data."""
    samples: int = 100
    """Rows of generated data."""
    noise: float = 100.0
    """Noise of the generated data."""
    informative: int = 1
    """Informative features of the generated data (0, 1 or 2)."""
    order: Order = "notebook"
    """Update order, one of ORDERS."""
    activation: str = "linear"
    """Activation of H1 and H2, a key of ACTIVATIONS."""
    bias: bool = False
    """Give H1, H2 and ŷ a bias each (b1, b2, b3)."""
    data: str | None = None
    """CSV file to train on instead of generated data."""
    dataset: str | None = None
    """One of scikit-learn's bundled datasets (a key of bundled.DATASETS) to train on instead of generated data."""
    features: str | None = None
    """Feature columns of the CSV or dataset, as "A,B"."""
    target: str | None = None
    """Target column of the CSV or dataset."""
    skip_rows: int = 0
    """Lines of the CSV to skip before its header or data."""
    delimiter: str | None = None
    """The CSV's delimiter by name (see fastparse.DELIMITERS); None detects it."""
    standardize: bool = False
    """Scale each feature column to mean 0 and standard deviation 1 before training."""
    initial: Weights | None = None
    """Initial parameters overriding the seeded draw."""
    described: Description | None = None
    """A network read from a file (--network), instead of the notebook's with `activation` and `bias`."""

    @classmethod
    def of(cls, preset: str = "noisy", where: str = "--preset") -> Config:
        """A preset's configuration, unchanged; `where` names the option in a refusal."""
        if preset not in PRESETS:
            raise InputError(f"{where}: unknown preset {quoted(preset)}; choose one of {', '.join(PRESETS)}")
        p = PRESETS[preset]
        return cls(preset, p.lr, p.epochs, noise=p.noise, informative=p.informative)

    @classmethod
    def from_options(cls, options: Mapping[str, object], name: Callable[[str], str] | None = None) -> Config:
        """Validate option values (strings from the command line, or numbers); None means unset.

        `name` says how a refusal names an option: the command line's --flag unless the front end has its own
        (a lesson's run.key).
        """
        name = name or flag_of
        given = {key: value for key, value in options.items() if value is not None}
        described: Description | None = None
        config = cls.of(str(given.pop("preset", "noisy")), name("preset"))
        changes: dict[str, Any] = {}
        for key, value in given.items():
            if key not in READERS:
                raise InputError(f"unknown option {quoted(key)}")
            if key == "network":
                described = option(key, value, name(key))
            else:
                changes[key] = option(key, value, name(key))
        data, dataset = name("data"), name("dataset")
        source = [key for key in ("data", "dataset") if key in changes]
        if len(source) == 2:
            raise InputError(f"{dataset}: a run trains on {data} FILE.csv or on {dataset} NAME, not both")
        if source:
            clash = [k for k in ("samples", "noise", "informative", "random_state") if k in changes]
            if clash:
                raise InputError(f"{name(clash[0])}: applies to generated data only, not with {name(source[0])}")
        if "data" not in changes and (needs_file := [k for k in FILE_OPTIONS if k in changes]):
            raise InputError(f"{name(needs_file[0])}: needs {data} FILE.csv")
        if not source and (needs_data := [k for k in CSV_OPTIONS if k in changes]):
            raise InputError(f"{name(needs_data[0])}: needs {data} FILE.csv or {dataset} NAME")
        config = replace(config, **changes)
        if described is None:
            return config
        own = [key for key in ("activation", "bias") if key in changes]
        if own:
            raise InputError(f"{name(own[0])}: the network from {described.source} names its own activations and biases")
        if config.preset != "noisy" and (source or described.data is not None):
            # A preset chooses generated data for a network from a file (its lr and epochs are the network's); the
            # default is what a saved session writes, and changes nothing.
            data_from = f"trains on {name(source[0])}" if source else "names its own data"
            raise InputError(f"{name('preset')}: the network from {described.source} {data_from}; a preset only chooses generated data")
        defaults = {key: getattr(described, key) for key in ("lr", "epochs", "order") if key not in changes}
        return replace(config, described=described, **defaults).checked(name)

    def checked(self, name: Callable[[str], str] = flag_of) -> Config:
        """This configuration, once a network from a file has the data it needs: its [data], a file or a dataset
        whose columns fit its layers, or the generated data of two inputs and one output."""
        d = self.described
        if d is None:
            return self
        fits = len(d.inputs) == 2 and len(d.outputs) == 1
        size = f"{counted(len(d.inputs), 'input')} and {counted(len(d.outputs), 'output')}"
        if self.dataset is not None and not fits:
            raise InputError(f"{name('dataset')}: gives two features and one target; the network from {d.source} has {size}")
        if self.data is None and self.dataset is None and d.data is None and not fits:
            raise InputError(f"{d.source}: data: missing; a network of {size} trains on its [data] or on {name('data')} FILE.csv")
        if d.data is not None and self.data is None and self.dataset is None:
            preset = Config.of(self.preset)
            clash = [key for key in ("samples", "noise", "informative", "random_state") if getattr(self, key) != getattr(preset, key)]
            if clash:
                raise InputError(f"{name(clash[0])}: applies to generated data only, not to the [data] of {d.source}")
        return self

    def options(self) -> dict[str, object]:
        """The options that `from_options` turns back into this configuration, initial parameters and a network from
        a file apart (a saved session keeps the network itself; its lr, epochs and order are always written)."""
        preset = Config.of(self.preset)
        kept = ("lr", "epochs", "order") if self.described is not None else ()
        changed = {
            key: getattr(self, key) for key in READERS if key != "network" and (key in kept or getattr(self, key) != getattr(preset, key))
        }
        return {"preset": self.preset, **changed}

    def load(self) -> Dataset:
        """The training data: the CSV file or bundled dataset if given, else make_regression's draw (once its size is
        known to fit)."""
        return self.begin_load()()

    def begin_load(self) -> Callable[[], Dataset]:
        """The training data, begun: everything about it is checked now, and a large file is being parsed by other
        processes when this returns; what it returns gives the data."""
        parsed: Callable[[], Dataset]
        if self.data is not None:
            from model.csvdata import begin_csv  # its readers are not needed for generated data

            d = self.description
            parsed = begin_csv(self.data, self.features, self.target, self.skip_rows, self.delimiter, len(d.inputs), len(d.outputs))
        else:
            at_hand = self._at_hand()
            parsed = lambda: at_hand  # noqa: E731

        def loaded() -> Dataset:
            data = parsed()
            return data.standardized() if self.standardize else data

        return loaded

    def _at_hand(self) -> Dataset:
        """A bundled dataset, or make_regression's draw (once its size is known to fit)."""
        if self.dataset is not None:
            from model.bundled import load

            return load(self.dataset, self.features, self.target)
        if self.described is not None and self.described.data is not None:
            return examples(self.described)
        check_steps(self.epochs, self.samples)
        return regression(self.samples, self.informative, self.noise, self.random_state)

    def starting_from(self, values: Mapping[str, float], where: str) -> Config:
        """This configuration with its initial parameters given by name; they must be exactly the network's."""
        names = self.description.names
        extra = [name for name in values if name not in names]
        if extra:
            hint = "" if self.described is not None else "; biases need bias = true"
            raise InputError(f"{where}.{extra[0]}: this network has no {extra[0]}{hint}")
        missing = [name for name in names if name not in values]
        if missing:
            raise InputError(f"{where}: give every one of {', '.join(names)}; missing {', '.join(missing)}")
        return replace(self, initial=Weights(names, tuple(float(values[name]) for name in names)))

    @property
    def generated(self) -> bool:
        """Whether the data is make_regression's draw (neither a file, a bundled dataset nor a network's [data])."""
        return self.data is None and self.dataset is None and (self.described is None or self.described.data is None)

    @property
    def description(self) -> Description:
        """The network this run trains: the one from a file, or the notebook's with this activation and biases."""
        return self.described if self.described is not None else Network(self.activation, self.bias).description

    @property
    def network(self) -> Network:
        """The notebook's network this run trains; only for a run of it (the debugger's screen shows no other yet)."""
        if self.described is not None:
            raise ValueError(f"the network from {self.described.source} is not the notebook's: read config.description")
        return Network(self.activation, self.bias)

    def weights(self) -> Weights:
        """Initial parameters: given ones, a network file's (drawn from the seed where it gives none), or the
        preset's seeded draw."""
        if self.initial is not None:
            return self.initial
        if self.described is not None:
            return Weights(self.described.names, self.described.initial_weights(self.seed))
        return initial_weights(self.network, self.seed, PRESETS[self.preset].split_seed)


def examples(d: Description) -> Dataset:
    """The samples a network file writes in its [data], named by the input nodes and t_ and each output node."""
    assert d.data is not None
    inputs, targets = (tuple(np.array(column, dtype=float) for column in zip(*rows)) for rows in (d.data.inputs, d.data.targets))
    return Dataset.of(inputs, targets, (*d.inputs, *(f"t_{o}" for o in d.outputs)), f"the [data] of {d.source}")

"""Parameter values by name, and the linear coefficients they amount to."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Weights:
    """One value per parameter of a network, in its storage order (w1..w6, then b1..b3 if it has biases)."""

    names: tuple[str, ...]
    """Parameter names."""
    values: tuple[float, ...]
    """Their values, as Python floats."""

    def __getitem__(self, name: str) -> float:
        return self.values[self.names.index(name)]

    def as_dict(self) -> dict[str, float]:
        """The values keyed by name, in storage order."""
        return dict(zip(self.names, self.values))

    def with_values(self, changes: dict[str, float]) -> Weights:
        """These weights with some values replaced."""
        return Weights(self.names, tuple(changes.get(name, value) for name, value in zip(self.names, self.values)))

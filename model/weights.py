"""Parameter values by name, and the linear coefficients they amount to."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Weights(Mapping[str, float]):
    """One value per parameter of a network, by name, in its storage order (w1..w6, then b1..b3 if it has biases)."""

    names: tuple[str, ...]
    """Parameter names."""
    numbers: tuple[float, ...]
    """Their values, as Python floats."""

    def __getitem__(self, name: str) -> float:
        try:
            return self.numbers[self.names.index(name)]
        except ValueError:
            raise KeyError(name) from None

    def __iter__(self) -> Iterator[str]:
        return iter(self.names)

    def __len__(self) -> int:
        return len(self.names)

    def as_dict(self) -> dict[str, float]:
        """The values keyed by name, in storage order."""
        return dict(zip(self.names, self.numbers))

    def with_values(self, changes: dict[str, float]) -> Weights:
        """These weights with some values replaced."""
        return Weights(self.names, tuple(changes.get(name, value) for name, value in zip(self.names, self.numbers)))

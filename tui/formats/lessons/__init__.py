"""The lessons that ship with the package: one TOML file each, named by the lesson."""

SHIPPED = ("noisy", "easy", "tanh", "mazur")
"""Their names, in the order a class would take them."""

"""The networks that ship with the package: one TOML file each, named by the worked example it reproduces."""

SHIPPED = ("mazur", "hagan")
"""Their names: Matt Mazur's "A Step by Step Backpropagation Example" and Hagan, Demuth and Beale's chapter 11."""

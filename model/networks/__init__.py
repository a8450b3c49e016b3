"""The networks that ship with the package: one TOML file each, named by the worked example it reproduces or the problem it learns."""

SHIPPED = ("mazur", "hagan", "xor")
"""Their names: Matt Mazur's "A Step by Step Backpropagation Example", Hagan, Demuth and Beale's chapter 11, and XOR
learned by a 2-3-3-1 network."""

"""nn-by-hand's front ends: the command line, the headless trace and the Textual debugger.

Everything here only shows what `model` computes.
"""

PROG = "nn-by-hand"
"""The command's name, as every message from it begins."""

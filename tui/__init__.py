"""nn-by-hand's front ends: the command line, the headless trace, the browser server and the Textual debugger.

Everything here only shows what `model` computes. The folders say what each module is: `app` (the debugger's
app, screens and widgets), `frontends` (what a command line starts), `formats` (the files read and written) and
`wording` (how things are said, without Textual).
"""

import os

# The engine's arrays are elementwise; OpenBLAS's thread pool would only slow numpy's import (set before it).
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

PROG = "nn-by-hand"
"""The command's name, as every message from it begins."""

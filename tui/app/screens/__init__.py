"""The debugger's screens: the main one, with one module per job mixed into it, help, and a one-line prompt."""

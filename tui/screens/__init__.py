"""Modal screens: help, and a one-line prompt for go-to and breakpoints."""

"""The files the project reads and writes: lessons, saved sessions, key scripts, and checked writes."""

"""The front ends: the command line, the headless trace, the browser server, screenshots and recordings."""

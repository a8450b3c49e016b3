"""The Textual debugger: the app, its screens and widgets, and what a session starts from."""

"""Records of a debugger session that need no Textual: how it starts, what its screen shows, which panels it asked for."""

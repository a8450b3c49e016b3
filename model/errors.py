"""The one error users see: bad input, named in plain words."""


class InputError(ValueError):
    """An option or file the user gave is not allowed; the message says why in one line."""

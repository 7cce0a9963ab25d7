"""Data assets of whosaid, installed as the package ``whosaid.models``.

This file makes it a regular package: as a namespace package,
``importlib.resources.files`` gives a ``MultiplexedPath`` whose ``str`` is not a
path, and ``whosaid.lexicons.models_dir`` could not find the installed assets.
"""

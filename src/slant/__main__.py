"""``python -m slant`` is the ``slant`` command."""

from .cli import main

main()

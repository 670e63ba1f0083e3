"""Training and evaluation code for slant's models; needs the ``[train]`` extra (torch)."""

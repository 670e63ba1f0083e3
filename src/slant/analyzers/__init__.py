"""Analyzers: one module, one job, each a pure function over a document and its parse.

Importing a module registers its analyzer with :mod:`slant.pipeline`.
"""

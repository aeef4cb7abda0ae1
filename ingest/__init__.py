"""Readers, normalisation and the structure parser: files in, ParsedDocument out."""

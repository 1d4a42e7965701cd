"""Importers for the official code sets; the management commands are thin wrappers."""

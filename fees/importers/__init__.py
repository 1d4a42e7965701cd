"""Importers of the CMS payment files: one module per file, shared machinery in base."""

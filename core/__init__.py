"""What every app shares and that knows no feature: the bottom layer (see .importlinter)."""

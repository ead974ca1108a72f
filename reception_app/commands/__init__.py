"""Command-line sub-commands that have grown past a few lines, one module per family."""

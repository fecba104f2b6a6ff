"""``python -m clearread`` runs the command line."""

from clearread.cli import main

main()

"""`python -m lunarfacts`."""

from lunarfacts.cli import main

main()

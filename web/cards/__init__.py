"""The cards: typed text in, printed result, value, plot and text alternative out (bindings.py)."""

"""Presentation: figures, tables, maps, glued numbers and the files behind them."""

"""Loading and validating the data: the paper's tables, the ledger's sources, outside series."""

"""The multi-year workplan (Table 2) as data."""

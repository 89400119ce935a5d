"""Console scripts of the portal."""

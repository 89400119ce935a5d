"""Fixtures come from ``sherloc_portal.testing`` (a pytest11 plugin)."""

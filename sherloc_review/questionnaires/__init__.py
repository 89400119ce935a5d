"""Questionnaire definitions (one per cluster), loaded from the profile's data."""

"""Pages of the feedback (written by the next step)."""

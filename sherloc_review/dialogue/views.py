"""Pages of the dialogue (written by the next step)."""

"""Pages of the constructive dialogues (written by the next step)."""

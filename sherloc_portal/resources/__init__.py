"""The portal's resource tree (see DESIGN.md)."""

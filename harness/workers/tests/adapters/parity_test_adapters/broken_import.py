"""A module that cannot be imported, for the adapter-import failure test."""

raise RuntimeError("this module refuses to load")

"""The public pledge registry: its facets, their in-memory index, search, ordering and labels."""

"""Repositories: queries and changes for one aggregate each, returning domain records."""

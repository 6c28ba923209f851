"""Sub-commands of the `iepbot` command line, one module each."""

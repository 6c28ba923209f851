"""The plan rules: who may see and change what, whatever transport calls them."""

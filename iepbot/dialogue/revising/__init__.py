"""Revising a plan the SENCo returned: the author changes any field or target, then submits it again."""

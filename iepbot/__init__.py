"""iepbot: helps school staff in England write SMART Individual Education Plan targets."""

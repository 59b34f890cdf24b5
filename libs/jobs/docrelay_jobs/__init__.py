"""The jobs database: the table the gateway serves and the status service keeps; only they import it."""

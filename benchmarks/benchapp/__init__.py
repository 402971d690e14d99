"""The baseline for the write benchmark: a view that inserts one row and nothing else."""

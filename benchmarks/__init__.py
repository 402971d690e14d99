"""Benchmarks for civicdesk; `make bench` runs benchmarks/run.py."""

"""The performance benchmark of LAKIP Pipeline (see README.md)."""

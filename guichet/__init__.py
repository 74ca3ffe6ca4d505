"""Guichet: an FAQ and help-center platform."""

import os

# The embedding model runs its own OpenMP threads; OpenBLAS's threads, started by numpy for our
# matrix-vector products (memory-bound, no faster on more cores), would fight them for the two
# cores and multiply query latency. Set before numpy is first imported; a deployment can override.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

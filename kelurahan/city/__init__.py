"""Stage 3: every site in worker processes, shards and merge, then the city portal."""

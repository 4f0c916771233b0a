"""Stage 4: verify an output tree and publish it (targets, size budget)."""

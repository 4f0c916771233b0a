"""The staff's commands beside the flow: check, new, serve, CODEOWNERS, sample images."""

"""Pelican plugins of the Kelurahan Pintar build: one concern per module, register() last."""

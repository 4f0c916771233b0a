"""One schema per content type: the single description of every field."""

from . import agenda, berita, halaman, layanan, umkm, wisata
from .base import Schema
from .identitas import KELURAHAN, KOTA
from .pilar import PILAR, PILAR_BY_KEY, PILAR_KEYS, pilar_title

TYPES: dict[str, Schema] = {m.SCHEMA.name: m.SCHEMA
                            for m in (berita, halaman, layanan, umkm, wisata, agenda)}

__all__ = ["TYPES", "KELURAHAN", "KOTA", "PILAR", "PILAR_BY_KEY", "PILAR_KEYS", "Schema",
           "pilar_title"]

"""One schema per content type: the single description of every field."""

from kelurahan.schema import agenda, berita, halaman, layanan, umkm, wisata
from kelurahan.schema.base import Schema
from kelurahan.schema.identitas import KELURAHAN, KOTA
from kelurahan.schema.pilar import PILAR, PILAR_BY_KEY, PILAR_KEYS, pilar_title

TYPES: dict[str, Schema] = {m.SCHEMA.name: m.SCHEMA
                            for m in (berita, halaman, layanan, umkm, wisata, agenda)}

__all__ = ["TYPES", "KELURAHAN", "KOTA", "PILAR", "PILAR_BY_KEY", "PILAR_KEYS", "Schema",
           "pilar_title"]

"""One schema per content type: the single description of every field."""

from kelurahan.content.schema import (agenda, berita, dokumen, halaman, layanan, pengumuman,
                                      umkm, wisata)
from kelurahan.content.schema.base import Schema
from kelurahan.content.schema.identitas import KELURAHAN, KOTA
from kelurahan.content.schema.pilar import PILAR, PILAR_BY_KEY, PILAR_KEYS, pilar_title

TYPES: dict[str, Schema] = {m.SCHEMA.name: m.SCHEMA
                            for m in (berita, halaman, layanan, umkm, wisata, agenda, pengumuman,
                                       dokumen)}

__all__ = ["TYPES", "KELURAHAN", "KOTA", "PILAR", "PILAR_BY_KEY", "PILAR_KEYS", "Schema",
           "pilar_title"]

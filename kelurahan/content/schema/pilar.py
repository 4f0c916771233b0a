"""The six pillars of the Kelurahan Pintar programme: every item is tagged with one."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Pilar:
    key: str
    name: str
    label: str
    description: str
    icon: str  # name of an inline SVG icon in the theme


PILAR = (
    Pilar("governance", "Smart Governance", "Tata Kelola Pemerintahan",
          "Pelayanan publik dan administrasi pemerintahan yang efisien, terbuka, dan mudah dijangkau.",
          "balai"),
    Pilar("economy", "Smart Economy", "Ekonomi",
          "Ekonomi digital, kewirausahaan, dan penguatan UMKM warga.", "toko"),
    Pilar("living", "Smart Living", "Kualitas Hidup",
          "Kualitas hidup warga: fasilitas umum, kesehatan, dan akses internet (WiFi gratis).",
          "rumah"),
    Pilar("society", "Smart Society", "Masyarakat",
          "Pemberdayaan warga: pelatihan, literasi digital, dan keamanan lingkungan.", "warga"),
    Pilar("branding", "Smart Branding", "Citra dan Wisata",
          "Identitas lokal, budaya, dan promosi wisata kelurahan.", "bintang"),
    Pilar("environment", "Smart Environment", "Lingkungan",
          "Lingkungan yang lestari: kebersihan, penghijauan, dan penanganan banjir rob.", "daun"),
)
PILAR_BY_KEY = {p.key: p for p in PILAR}
PILAR_KEYS = tuple(p.key for p in PILAR)
# What a clerk may write for a pillar besides its key: the programme's English name, the
# Indonesian one, or both as the site shows them (any case); the key is what is stored.
PILAR_NAMES = tuple((name, p.key) for p in PILAR
                    for name in (p.name, p.label, f"{p.name} — {p.label}"))


def pilar_title(key: str) -> str:
    """'Smart Governance — Tata Kelola Pemerintahan', as the programme names a pillar."""
    p = PILAR_BY_KEY[key]
    return f"{p.name} — {p.label}"

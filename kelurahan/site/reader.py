"""Pelican reader: YAML front matter with Indonesian keys → Pelican metadata, via the schemas."""

from __future__ import annotations

import html
import logging
import os
import re
from pathlib import Path
from urllib.parse import unquote

from pelican.readers import BaseReader
from pelican.urlwrappers import Author, Category, Tag
from pelican.utils import SafeDatetime, slugify

from kelurahan import keys
from kelurahan.content import documents, frontmatter, markup, sanitise
from kelurahan.content.schedule import fields as schedule_fields
from kelurahan.content.schema import TYPES, Schema
from kelurahan.content.schema.fields import Invalid, _image
from kelurahan.errors import ContentError, Problem
from kelurahan.site.addresses import item_page, item_url, slug_of

log = logging.getLogger(__name__)

_IMG_SRC = re.compile(r'(<img\b[^>]*?\bsrc=")([^"]+)(")')


def shown_path(settings: dict, source_path: str) -> str:
    """The path a clerk recognises: content/<slug>/<file>, as given on the command line."""
    rel = os.path.relpath(source_path, settings["PATH"])
    return f"{settings.get(keys.SHOWN_PATH, settings['PATH'])}/{Path(rel).as_posix()}"


def schema_for(settings: dict, source_path: str) -> Schema | None:
    rel = Path(os.path.relpath(source_path, settings["PATH"]))
    return TYPES.get(rel.parts[0]) if len(rel.parts) > 1 else None


def report(settings: dict, problems: list[Problem]) -> None:
    """Add problems to this build's list (and Pelican's log, for plain `pelican` runs)."""
    for problem in problems:
        log.log(logging.ERROR if problem.is_error else logging.WARNING, problem.format())
    settings.setdefault(keys.PROBLEMS, []).extend(problems)


class KelurahanReader(BaseReader):
    """Markdown with YAML front matter, validated by the content type's schema."""

    enabled = True
    file_extensions = ["md"]

    def read(self, source_path):
        try:
            return self._read(source_path)
        except ContentError:
            raise
        except Exception as exc:  # a bug or an unreadable file: report it, never a traceback
            problem = Problem(shown_path(self.settings, source_path),
                              f"berkas tidak bisa diproses ({type(exc).__name__}: {exc})",
                              "periksa isi berkas; bila tampak benar, laporkan ke tim kota")
            report(self.settings, [problem])
            raise ContentError([problem]) from exc

    def _read(self, source_path):
        shown = shown_path(self.settings, source_path)
        schema = schema_for(self.settings, source_path)
        try:
            doc = frontmatter.load(Path(source_path), shown)
        except ContentError as exc:
            report(self.settings, exc.problems)
            raise
        if schema is None:
            problem = Problem(shown, "berkas ini tidak berada di folder jenis konten",
                              "pindahkan ke salah satu folder: " + ", ".join(TYPES))
            report(self.settings, [problem])
            raise ContentError([problem])
        values, problems = schema.validate(doc)
        slug = slug_of(values, Path(source_path).stem,
                       self.settings.get("SLUG_REGEX_SUBSTITUTIONS", []))
        if not slug:  # "..md" or "!!!.md": the page would replace its type's index
            problems.append(Problem(shown, "nama berkas ini tidak menghasilkan alamat halaman",
                                    "ganti nama berkas dengan huruf dan angka, misalnya "
                                    "rapat-koordinasi.md, atau tulis slug: rapat-koordinasi", 1))
        problems += _control_characters(doc)
        body_html = markup.to_html(doc.body)
        body_html, more = sanitise.clean(body_html, doc)
        problems += more
        body_html, more = self._local_images(body_html, doc)
        problems += more
        berkas = self._document(values, doc, problems) if schema.name == "dokumen" else None
        errors = [p for p in problems if p.is_error]
        if errors:
            report(self.settings, problems)
            raise ContentError(errors)
        meta = self._metadata(schema, values, doc, body_html, problems, slug)
        if berkas:
            meta["kp_berkas"] = berkas
        return body_html, meta

    def _document(self, values: dict, doc, problems: list) -> dict | None:
        """Check a dokumen's file (never modified); its path, format and size for the page."""
        name = values.get("berkas")
        if not name or values.get("status") == "draf":  # a draft's file may come later
            return None
        path = Path(self.settings["PATH"]) / name
        line = doc.line_of("berkas")
        if not path.is_file():
            problems.append(Problem(doc.path, f'berkas "{name}" tidak ditemukan di folder '
                                    "kelurahan ini", "periksa ejaan nama berkas (huruf besar/kecil "
                                    "berpengaruh) dan pastikan berkasnya ada di folder dokumen/",
                                    line, "error", "berkas"))
            return None
        for found in documents.inspect(path, name):
            problems.append(Problem(doc.path, found.message, found.fix, line, found.level, "berkas"))
        size = path.stat().st_size
        return {"path": name, "format": documents.format_of(name), "ukuran": size,
                "ukuran_teks": documents.size_text(size)}

    def _local_images(self, body_html: str, doc) -> tuple[str, list[Problem]]:
        """Point inline images (relative to the kelurahan's folder) at Pelican's {static}."""
        problems: list[Problem] = []
        images: list[str] = []

        def fix(match):
            src = unquote(html.unescape(match.group(2)))  # cmark percent-encodes, e.g. spaces
            if re.match(r"^([a-z]+:|//|\{)", src, re.I):
                return match.group(0)
            try:
                path = _image(None, src, "gambar")
            except Invalid as exc:
                problems.append(Problem(doc.path, exc.message, exc.fix, doc.line_in_body(src)))
                return match.group(0)
            images.append(("isi", path, doc.line_in_body(src)))
            return f"{match.group(1)}{{static}}/{path}{match.group(3)}"

        body_html = _IMG_SRC.sub(fix, body_html)
        self._inline_images = images
        return body_html, problems

    def _wrapper(self, kind, name: str):
        """One Tag, Category or Author object per name for all the files this reader reads:
        Pelican slugifies an object's name once, for its URL and every comparison."""
        made = self.__dict__.setdefault("_wrappers", {})
        if (kind, name) not in made:
            made[kind, name] = wrapper = kind(name, self.settings)
            if kind is Author and not _slugified(name, self.settings):
                # No author pages are written; a name of markup only ("<img …>", warned about
                # with its line as text in penulis) would make Pelican log a slug warning that
                # names no file.
                wrapper.slug = "penulis"
        return made[kind, name]

    def _metadata(self, schema, values, doc, body_html, problems, slug) -> dict:
        summary = values.get("ringkasan")
        summary = html.escape(summary) if summary else _first_paragraph(body_html)
        meta = {key: (SafeDatetime(*v.timetuple()[:6]) if hasattr(v, "timetuple") else v)
                for key, v in values.items()}
        meta.update(
            title=values["judul"], slug=slug, summary=summary, tipe=schema.name,
            status="skip" if values["status"] == "draf" else "published",
            tags=[self._wrapper(Tag, t) for t in values.get("tag", [])],
            template=schema.template,
            kp_masalah=[p for p in problems],
            kp_gambar=[(key, path, doc.line_of(key)) for key, path in schema.images(values)]
            + self._inline_images,
            kp_data=_plain(values),
            kp_baris_isi=doc.body_line,
            # For kelurahan/site/plugins/schedule.py, which decides on every build (this
            # metadata is cached): where the file is, and the lines of its schedule.
            kp_sumber=doc.path,
            kp_baris_jadwal={key: doc.line_of(key) for key in schedule_fields(schema.name)},
        )
        # Every type's address from its schema, berita too (pelicanconf.py's ARTICLE_URL is the
        # same schema's): Pelican takes them as given instead of formatting them from a copy of
        # the metadata.
        meta.update(url=item_url(schema.name, slug), save_as=item_page(schema.name, slug))
        if schema.name == "berita":
            meta.update(date=meta["tanggal"], category=self._wrapper(Category, values["kategori"]))
            if "diperbarui" in meta:
                meta["modified"] = meta["diperbarui"]
            if values.get("penulis"):
                meta["author"] = self._wrapper(Author, values["penulis"])
        elif schema.name == "agenda":
            meta["date"] = meta["mulai"]
        elif schema.name == "pengumuman" and meta.get("mulai"):
            meta["date"] = meta["mulai"]
        return meta


def _slugified(name: str, settings: dict) -> str:
    """The slug Pelican would make of an author's name."""
    return slugify(name, regex_subs=settings.get("AUTHOR_REGEX_SUBSTITUTIONS",
                                                 settings.get("SLUG_REGEX_SUBSTITUTIONS", [])),
                   preserve_case=settings.get("SLUGIFY_PRESERVE_CASE", False),
                   use_unicode=settings.get("SLUGIFY_USE_UNICODE", False))


def _plain(values: dict) -> dict:
    """Validated values as JSON-ready data (dates as ISO text) for manifests and open data."""
    return {key: (v.isoformat(timespec="minutes") if hasattr(v, "isoformat") else v)
            for key, v in values.items()}


def _first_paragraph(body_html: str, limit: int = 300) -> str:
    """The first paragraph as escaped text (as ringkasan is): tags removed, never cut mid-entity."""
    match = re.search(r"<p>(.*?)</p>", body_html, re.S)
    text = html.unescape(re.sub(r"<[^>]+>", "", match.group(1))).strip() if match else ""
    if len(text) > limit:
        text = text[: limit - 1].rsplit(" ", 1)[0] + "…"
    return html.escape(text, quote=False).replace("\"", "&quot;")  # as cmark escapes text


def _control_characters(doc) -> list[Problem]:
    """A warning for the first body line holding a control character (shown as �)."""
    for offset, line in enumerate(doc.body.split("\n")):
        match = markup.CONTROL.search(line)
        if match:
            return [Problem(doc.path, f"isi tulisan memuat karakter tak terlihat "
                            f"U+{ord(match.group(0)):04X}", "hapus karakter itu (biasanya terbawa "
                            "saat menyalin dari dokumen lain)", doc.body_line + offset, "warning",
                            "isi")]
    return []

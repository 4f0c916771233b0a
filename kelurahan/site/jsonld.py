"""schema.org JSON-LD of a site's pages: the kelurahan as an organisation, each item by its type.

A Jinja filter (``jsonld``, kelurahan/site/format.py's FILTERS) renders it into a page's head;
every URL in it is absolute (kelurahan/site/addresses.py), every time carries WIB's offset
(kelurahan/clock.py).
"""

from __future__ import annotations

import json

from jinja2 import pass_context
from markupsafe import Markup

from kelurahan import keys
from kelurahan.clock import iso
from kelurahan.site.addresses import absolute


def _clean(data):
    """Drop empty values so structured data never states a blank."""
    if isinstance(data, dict):
        out = {k: _clean(v) for k, v in data.items()}
        return {k: v for k, v in out.items() if v not in (None, "", [], {})}
    if isinstance(data, list):
        return [v for v in (_clean(v) for v in data) if v not in (None, "", [], {})]
    return data


def _image_url(settings: dict, base: str, src: str | None) -> str | None:
    """Absolute URL of a published image: the images plugin's derivative when there is one."""
    if not src:
        return None
    published = settings.get("gambar_url")
    return absolute(base, (published(src) if callable(published) else "") or src)


def postal_address(settings: dict, street: str | None = None) -> dict:
    """A PostalAddress from real data only: ``street`` when the content gives one, else the
    kelurahan and kecamatan it lies in (how an Indonesian address names them), in the city."""
    kel = settings.get(keys.KELURAHAN) or {}
    kota = settings.get(keys.KOTA) or {}
    area = ", ".join(f"{label} {kel[key]}" for key, label in (("nama", "Kelurahan"),
                                                              ("kecamatan", "Kecamatan"))
                     if kel.get(key))
    return {"@type": "PostalAddress", "streetAddress": street or area or None,
            "addressLocality": kota.get("nama"), "addressRegion": kota.get("provinsi"),
            "addressCountry": "ID"}


def organisation(settings: dict, base: str) -> dict:
    """The kelurahan as a schema.org GovernmentOrganization."""
    kel = settings.get(keys.KELURAHAN) or {}
    kota = settings.get(keys.KOTA) or {}
    coords = kel.get("koordinat")
    return {
        "@type": "GovernmentOrganization",
        "@id": f"{base}/#organisasi",
        "name": f"Kelurahan {kel.get('nama', '')}",
        "url": f"{base}/",
        "description": kel.get("tagline"),
        "logo": _image_url(settings, base, kel.get("logo")),
        "telephone": kel.get("telepon") or kel.get("whatsapp"),
        "email": kel.get("email"),
        "address": postal_address(settings, kel.get("alamat")),
        "geo": {"@type": "GeoCoordinates", "latitude": coords[0], "longitude": coords[1]}
        if coords else None,
        "areaServed": {"@type": "AdministrativeArea",
                       "name": f"Kelurahan {kel.get('nama', '')}, Kecamatan "
                               f"{kel.get('kecamatan', '')}, {kota.get('nama', '')}"},
        "parentOrganization": {"@type": "GovernmentOrganization",
                               "name": kota.get("pemerintah") or kota.get("nama")},
        "sameAs": [u for u in (kel.get("media_sosial") or {}).values() if u],
    }


_ORGANISATION: list = [None, None, None]  # (KELURAHAN dict, base, JSON): one site per build


def _organisation_once(settings: dict, base: str) -> str:
    """``organisation()`` as JSON, made once per site and build rather than once per page."""
    kel = settings.get(keys.KELURAHAN)
    if _ORGANISATION[0] is not kel or _ORGANISATION[1] != base:
        _ORGANISATION[:] = [kel, base, json.dumps(_clean(organisation(settings, base)),
                                                  ensure_ascii=False, separators=(",", ":"))]
    return _ORGANISATION[2]


def _place(item, settings: dict) -> dict:
    """Where an event or attraction is; an agenda has only a place name, so its address is
    the kelurahan it belongs to (never an invented street)."""
    coords = getattr(item, "koordinat", None)
    kel = settings.get(keys.KELURAHAN) or {}
    return {"@type": "Place", "name": getattr(item, "tempat", None) or getattr(item, "alamat", None)
            or f"Kelurahan {kel.get('nama', '')}",
            "address": postal_address(settings, getattr(item, "alamat", None)),
            "geo": {"@type": "GeoCoordinates", "latitude": coords[0], "longitude": coords[1]}
            if coords else None}


def entity(item, settings: dict, base: str) -> dict:
    """The schema.org description of one content item, by its type."""
    org = {"@id": f"{base}/#organisasi"}
    url = absolute(base, item.url)
    image = _image_url(settings, base, getattr(item, "gambar", None))
    common = {"name": item.title, "url": url, "description": getattr(item, "ringkasan", None)
              or plain_summary(item), "image": image}
    tipe = getattr(item, "tipe", "halaman")
    if tipe == "berita":
        # Rich results want an image on every article: the share card when there is no photo.
        card = getattr(item, "kp_card", None)
        common["image"] = image or (absolute(base, card) if card else None)
        return {**common, "@type": "NewsArticle", "headline": item.title, "name": None,
                "mainEntityOfPage": url, "datePublished": iso(item.date),
                "dateModified": iso(getattr(item, "diperbarui", None) or item.date),
                "author": {"@type": "Person", "name": item.penulis}
                if getattr(item, "penulis", None) else org,
                "publisher": org, "articleSection": item.kategori, "inLanguage": "id",
                "keywords": [str(t) for t in getattr(item, "tags", [])]}
    if tipe == "layanan":
        return {**common, "@type": "GovernmentService", "provider": org,
                "serviceOperator": org, "serviceType": item.title,
                "areaServed": organisation(settings, base)["areaServed"]}
    if tipe == "umkm":
        offers = [_clean({"@type": "Offer", "itemOffered": {"@type": "Product", "name": p["nama"]},
                          "price": p.get("harga"), "priceCurrency": "IDR" if p.get("harga") else None})
                  for p in getattr(item, "produk", None) or []]
        coords = getattr(item, "koordinat", None)
        return {**common, "@type": "LocalBusiness", "priceRange": getattr(item, "harga", None),
                "telephone": getattr(item, "whatsapp", None) or getattr(item, "telepon", None),
                "address": postal_address(settings, getattr(item, "alamat", None)),
                "makesOffer": offers, "geo": _place(item, settings)["geo"] if coords else None,
                "sameAs": [t["url"] for t in getattr(item, "tautan", None) or []]}
    if tipe == "wisata":
        tiket = getattr(item, "tiket", None) or ""
        return {**common, "@type": "TouristAttraction",
                "address": postal_address(settings, getattr(item, "alamat", None)),
                "geo": _place(item, settings)["geo"], "touristType": getattr(item, "jenis", None),
                "isAccessibleForFree": True if tiket.strip().lower() == "gratis" else None,
                "amenityFeature": [{"@type": "LocationFeatureSpecification", "name": f,
                                    "value": True} for f in getattr(item, "fasilitas", None) or []]}
    if tipe == "agenda":
        return {**common, "@type": "Event", "startDate": iso(item.mulai),
                "endDate": iso(getattr(item, "selesai", None)),
                "eventStatus": "https://schema.org/EventScheduled",
                "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
                "location": _place(item, settings),
                "organizer": {"@type": "Organization", "name": item.penyelenggara}
                if getattr(item, "penyelenggara", None) else org}
    return {**common, "@type": "WebPage", "about": org}


def plain_summary(item) -> str:
    """A summary as plain text (JSON-LD, .ics): the text a visitor reads, without markup."""
    return Markup(getattr(item, "summary", "") or "").striptags()


def jsonld_script(context, item=None) -> Markup:
    """A <script type="application/ld+json"> with the organisation and, on a detail page, the item."""
    settings = context  # a Jinja context or a dict: only .get() is used (get_all() copies it all)
    base = settings.get(keys.BASE_URL) or ""
    if not base or not settings.get(keys.KELURAHAN):
        return Markup("")
    if item is not None and getattr(item, "url", None) is not None:
        node = entity(item, settings, base)
    else:
        node = {"@type": "WebSite", "name": settings.get("SITENAME"), "url": f"{base}/",
                "inLanguage": "id", "publisher": {"@id": f"{base}/#organisasi"}}
    # json.dumps of {"@context": …, "@graph": [organisation, node]}, the organisation dumped once
    return _script(f'{{"@context":"https://schema.org","@graph":[{_organisation_once(settings, base)},'
                   f'{json.dumps(_clean(node), ensure_ascii=False, separators=(",", ":"))}]}}')


def _script(data: str) -> Markup:
    """JSON text as a <script type="application/ld+json">. Inside <script> nothing is
    HTML-escaped: "</script>" or "<!--" in a title must not end or change the element. JSON
    allows \\u escapes for the three, and json.loads gives them back."""
    data = data.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(f'<script type="application/ld+json">{data}</script>')


# The portal's pages by their folder: a collection of one type across the city, or a page.
_PORTAL_PAGES = {"berita": "CollectionPage", "umkm": "CollectionPage", "wisata": "CollectionPage",
                 "agenda": "CollectionPage", "layanan": "CollectionPage", "cari": "SearchResultsPage"}


def portal_script(kota: dict, base: str, save_as: str, name: str) -> Markup:
    """The JSON-LD of a portal page: the city government, the portal as a WebSite and, below
    the home page, the page itself ('' when the publishing address is unknown)."""
    if not base:
        return Markup("")
    kontak = kota.get("kontak") or {}
    government = {"@type": "GovernmentOrganization", "@id": f"{base}/#pemerintah",
                  "name": kota.get("pemerintah") or kota.get("nama"), "url": f"{base}/",
                  "telephone": kontak.get("telepon"), "email": kontak.get("email"),
                  "address": {"@type": "PostalAddress", "streetAddress": kontak.get("alamat"),
                              "addressLocality": kota.get("nama"),
                              "addressRegion": kota.get("provinsi"), "addressCountry": "ID"}}
    site = {"@type": "WebSite", "@id": f"{base}/#situs", "name": kota.get("judul_portal")
            or kota.get("nama"), "description": kota.get("tagline"), "url": f"{base}/",
            "inLanguage": "id", "publisher": {"@id": f"{base}/#pemerintah"}}
    graph = [government, site]
    page = save_as[:-len("index.html")] if save_as.endswith("index.html") else save_as
    if page:
        graph.append({"@type": _PORTAL_PAGES.get(page.split("/")[0], "WebPage"), "name": name,
                      "url": absolute(base, page), "inLanguage": "id",
                      "isPartOf": {"@id": f"{base}/#situs"}})
    return _script(json.dumps({"@context": "https://schema.org", "@graph": _clean(graph)},
                              ensure_ascii=False, separators=(",", ":")))




@pass_context
def jsonld(context, obj=None) -> Markup:
    """The ``jsonld`` filter: jsonld_script of the page being rendered."""
    return jsonld_script(context, obj)

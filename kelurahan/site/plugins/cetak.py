"""The print view of every layanan: one A4 sheet for the office's notice board.

Beside each layanan page (``layanan/<slug>/``) this writes ``layanan/<slug>/cetak/`` with the
template ``layanan_cetak``: the kelurahan's name, the six components of the service standard,
the service hours, the complaint channels, and a QR code of the page's absolute address
(kelurahan/site/qr.py), so a resident who reads the sheet can open the page on a phone. With no
publishing address known (no ``url`` in kota.toml, no $KELURAHAN_URL) there is no address to
encode: the sheet says so instead of printing a code that leads nowhere.

The sheet repeats its page: its canonical address is the page's, it is left out of the sitemap
(plugins/seo.py, ``addresses.is_print_page``) and Pagefind's glob does not reach it.
"""

from __future__ import annotations

from pelican import signals
from pelican.generators import Generator

from kelurahan import keys
from kelurahan.site import qr
from kelurahan.site.addresses import absolute, print_page

TEMPLATE = "layanan_cetak"


class PrintViews(Generator):
    """Writes the print view of each layanan of the site."""

    def generate_context(self):
        pass

    def generate_output(self, writer):
        base = self.settings.get(keys.BASE_URL) or ""
        template = self.get_template(TEMPLATE)
        for item in self.context[keys.COLLECTIONS]["layanan"]:
            save_as = print_page(item.url)
            address = absolute(base, item.url) if base else ""
            code = qr.svg(address, f"Kode QR menuju halaman layanan {item.title}: {address}") \
                if address else None
            writer.write_file(save_as, template, self.context,
                              relative_urls=self.settings["RELATIVE_URLS"], url=save_as[:-10],
                              page_name=save_as[:-11], page=item, alamat=address, qr=code)


def get_generators(pelican):
    return PrintViews


def register():
    signals.get_generators.connect(get_generators)

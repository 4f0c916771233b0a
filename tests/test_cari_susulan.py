"""What the city index is made of after a change (site/search.py, plan): which base parts are
kept, which sites' base records are hidden, what goes to the susulan part, and when it is folded
back. The browser side (the search page finding the right things) is
tests/browser/test_cari_susulan.py; these are the cases a fixture city would take many builds
to reach: a kelurahan added, removed, moved to another kecamatan, a stamp from before."""

from __future__ import annotations

import copy

from kelurahan.site import search

KECAMATAN = ["Barat", "Hulu", "Pesisir", "Tengah", "Timur"]


def manifest(i: int, kecamatan: str | None = None, title: str = "Posyandu") -> dict:
    return {"slug": f"k{i:02d}", "nama": f"Kelurahan {i:02d}",
            "kecamatan": kecamatan or KECAMATAN[i % 5],
            "item": [{"tipe": "berita", "judul": f"{title} {i}", "url": "berita/a/", "teks": "isi"},
                     {"tipe": "layanan", "judul": "Domisili", "url": "layanan/d/"}]}


def city(n: int = 20, **changed) -> list[dict]:
    return [changed.get(f"k{i:02d}") or manifest(i) for i in range(n)]


def after(manifests: list[dict], previous: search.Plan | None, force=False, present=True):
    return search.plan(search.city_sites(manifests), previous.stamp if previous else {},
                       lambda name: present, force)


def test_a_first_build_indexes_every_part_and_has_no_susulan():
    first = after(city(), None)
    assert first.fresh == ["bagian-1"] and first.stale == [] and first.delta == []
    assert first.folders == ["bagian-1"]
    assert first.stamp["susulan"] is None
    assert sorted(first.stamp["bagian"]["bagian-1"]["situs"]) == [f"k{i:02d}" for i in range(20)]


def test_an_edit_keeps_the_part_and_puts_the_site_in_the_susulan():
    first = after(city(), None)
    edited = after(city(k03=manifest(3, title="Judul baru")), first)
    assert edited.fresh == [] and edited.stale == ["k03"] and edited.folders == ["bagian-1", "susulan"]
    assert [r["meta"]["title"] for r in edited.delta] == ["Judul baru 3", "Domisili"]
    assert {r["filters"]["asal"][0] for r in edited.delta} == {"susulan"}
    # the base part's digests stay those it was indexed with
    assert edited.stamp["bagian"] == first.stamp["bagian"]
    # the site edited back: nothing stale any more
    back = after(city(), edited)
    assert back.stale == [] and back.delta == [] and back.fresh == []


def test_a_new_site_and_a_removed_one_are_handled_by_the_susulan():
    first = after(city(), None)
    added = after(city(21), first)
    assert added.stale == ["k20"] and [r["url"] for r in added.delta] == ["/k20/berita/a/",
                                                                         "/k20/layanan/d/"]
    removed = after(city(19), first)  # k19's records are hidden, nothing of it is added
    assert removed.stale == ["k19"] and removed.delta == [] and removed.folders == ["bagian-1"]


def test_past_its_limit_the_susulan_is_folded_back():
    first = after(city(), None)
    assert search.limit(len(search.city_records(city())), 1) == 10  # 40 records // 4
    five = after(city(**{f"k{i:02d}": manifest(i, title="Baru") for i in range(5)}), first)
    assert len(five.delta) == 10 and five.fresh == []
    six = after(city(**{f"k{i:02d}": manifest(i, title="Baru") for i in range(6)}), five)
    assert six.fresh == ["bagian-1"] and six.delta == [] and six.stale == []
    assert six.stamp["bagian"]["bagian-1"]["situs"] != first.stamp["bagian"]["bagian-1"]["situs"]


def test_force_a_missing_folder_or_an_old_stamp_index_the_parts_again():
    first = after(city(), None)
    edited = city(k03=manifest(3, title="Judul baru"))
    assert after(edited, first, force=True).fresh == ["bagian-1"]
    assert after(edited, first, present=False).fresh == ["bagian-1"]
    old = copy.deepcopy(first)
    old.stamp = {"bagian-1": "a digest of the whole part"}  # what builds before this wrote
    assert after(edited, old).fresh == ["bagian-1"]


def test_parts_whose_kecamatan_change_are_indexed_again_and_a_moved_site_is_not_lost():
    many = [manifest(i) | {"item": manifest(i)["item"] * 60} for i in range(100)]  # 12,000 records
    first = after(many, None)
    assert len(first.parts) == 3 and first.fresh == ["bagian-1", "bagian-2", "bagian-3"]
    where = {kec: name for name, chosen, _ in first.parts for kec in chosen}
    moved = copy.deepcopy(many)
    site = next(m for m in moved if where[m["kecamatan"]] == "bagian-1")
    target = next(k for k in KECAMATAN if where[k] == "bagian-3")
    site["kecamatan"] = target
    plan = after(moved, first)
    # its old part hides it and the susulan has it (its new part was not indexed again) ...
    assert plan.stale == [site["slug"]] and plan.fresh == []
    assert {r["meta"]["kecamatan"] for r in plan.delta} == {target}
    # ... unless that part is indexed afresh anyway: then its old part is too
    gone = search.plan(search.city_sites(moved), first.stamp, lambda name: name != "bagian-3")
    assert gone.fresh == ["bagian-1", "bagian-3"] and gone.stale == []

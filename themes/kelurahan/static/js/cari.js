/* The search page (templates/portal/cari.html). On a kelurahan's site: its own Pagefind index
   at <root>/pagefind/. On the portal: the city's index, made from every site's manifest, in up
   to three parts of whole kecamatan (<root>/pagefind/<part>/; data-indeks names the folders) merged in the
   browser; a query narrowed to one kelurahan before anything is loaded loads its part alone
   (the part is named on its kecamatan's <optgroup>). Kelurahan edited since their part was
   indexed (data-basi) have their current records in the susulan (<root>/pagefind-susulan/): their stale records in
   the other parts are left out of every result list by their Pagefind ids (data-tersembunyi:
   no request more than the susulan's own), and a query narrowed to one of them loads the
   susulan beside its part. A query fetches each part's entry and
   meta files once, the word chunks it needs and one fragment per result shown: results come
   STEP at a time ("Tampilkan hasil berikutnya"), so a phone's first query stays near 20
   requests at any city size. Results are built as DOM nodes with textContent: no string from
   an index is inserted as HTML. */
const STEP = 10;
const form = document.getElementById("kp-cari");
const q = document.getElementById("kp-cari-q");
const kelurahan = document.getElementById("kp-cari-kelurahan");
const jenis = document.getElementById("kp-cari-jenis");
const status = document.getElementById("kp-cari-status");
const list = document.getElementById("kp-cari-hasil");
const more = document.getElementById("kp-cari-lagi");
const root = new URL(form.dataset.root, location.href);
const portal = "portal" in form.dataset;
const bundle = (folder) => new URL(folder + "/", root);
const words = (value) => (value || "").split(" ").filter(Boolean);
const everything = portal ? words(form.dataset.indeks).map(bundle) : [bundle("pagefind")];
const DELTA = "pagefind-susulan"; // site/search.py, folder(SUSULAN)
const delta = words(form.dataset.indeks).includes(DELTA);
const stale = words(form.dataset.basi);
const hidden = new Set(words(form.dataset.tersembunyi));
const engines = new Map(); // the bundles' URLs → a promise of Pagefind with them merged
let current = null; // the last search: its results and how many are shown
form.hidden = false;

function engine(bundles) {
  const key = bundles.map((b) => b.href).join(" ");
  if (!engines.has(key)) {
    engines.set(key, (async () => {
      const [first, ...others] = bundles;
      const engine = await import(new URL("pagefind.js", first).href);
      await engine.options({ baseUrl: root.pathname });
      await Promise.all(others.map((b) => engine.mergeIndex(b.href, { baseUrl: root.pathname })));
      return engine;
    })());
  }
  return engines.get(key);
}

// The parts a query needs: all of them, unless one kelurahan is chosen and the whole city's
// index has not been loaded yet (then its kecamatan's part is enough, with the susulan if the
// kelurahan was edited since its part was indexed).
function needed() {
  const option = kelurahan && kelurahan.selectedOptions[0];
  const all = everything.map((b) => b.href).join(" ");
  if (!option || !option.value || engines.has(all)) return everything;
  const parts = words(option.parentElement.dataset.indeks);
  if (delta && stale.includes(option.value)) parts.push(DELTA);
  return parts.length ? parts.map(bundle) : everything;
}

// Pagefind's excerpt is page text, escaped, with <mark> around the matches. It is parsed in an
// inert document (nothing in it loads or runs) and rebuilt as text nodes and <mark> elements:
// nothing from an index ever reaches the page as HTML.
function excerpt(html) {
  const parsed = new DOMParser().parseFromString("<body>" + html, "text/html").body;
  const nodes = [];
  for (const node of parsed.childNodes) {
    if (node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      nodes.push(mark);
    } else {
      nodes.push(document.createTextNode(node.textContent));
    }
  }
  return nodes;
}

function item(data) {
  const li = document.createElement("li");
  li.className = "kp-entri";
  const h = document.createElement("h2");
  h.className = "kp-entri__judul";
  const a = document.createElement("a");
  a.href = data.url;
  a.textContent = data.meta.title;
  h.append(a);
  const meta = document.createElement("p");
  meta.className = "kp-entri__meta";
  const where = portal && data.meta.kelurahan
    ? "Kelurahan " + data.meta.kelurahan + (data.meta.kecamatan ? ", Kec. " + data.meta.kecamatan : "") : "";
  for (const text of [where, data.meta.jenis]) {
    if (!text) continue;
    const span = document.createElement("span");
    span.className = "kp-plabel-teks";
    span.textContent = text;
    meta.append(span, " ");
  }
  const p = document.createElement("p");
  p.className = "kp-entri__ringkasan";
  p.append(...excerpt(data.excerpt));
  li.append(h, meta, p);
  return li;
}

function summary() {
  const { text, results, shown } = current;
  status.textContent = results.length
    ? results.length + " hasil untuk “" + text + "”" + (results.length > shown ? ", " + shown + " teratas ditampilkan" : "")
    : "Tidak ada hasil untuk “" + text + "”. Coba kata lain, misalnya nama layanan atau produk.";
  more.hidden = results.length <= shown;
}

async function show(search) {
  const next = search.results.slice(search.shown, search.shown + STEP);
  const found = await Promise.all(next.map((r) => r.data()));
  if (current !== search) return; // a newer query took over meanwhile
  list.append(...found.map(item));
  search.shown += next.length;
  summary();
}

async function run() {
  const text = q.value.trim();
  const filters = {};
  if (kelurahan && kelurahan.value) filters.kelurahan = kelurahan.value;
  if (jenis.value) filters.jenis = jenis.value;
  const params = new URLSearchParams();
  if (text) params.set("q", text);
  for (const [k, v] of Object.entries(filters)) params.set(k, v);
  history.replaceState(null, "", params.toString() ? "?" + params : location.pathname);
  if (!text) { current = null; list.replaceChildren(); status.textContent = ""; more.hidden = true; return; }
  status.textContent = "Mencari…";
  let found;
  try {
    if (!everything.length) { status.textContent = "Belum ada kelurahan yang bisa dicari."; return; }
    found = await (await engine(needed())).debouncedSearch(text, { filters }, 200);
    if (found === null) return;
    current = { text, results: found.results.filter((r) => !hidden.has(r.id)), shown: 0 };
    list.replaceChildren();
    await show(current);
  } catch (error) {
    status.textContent = "Pencarian gagal dimuat. Periksa sambungan internet, lalu muat ulang halaman ini.";
  }
}

const start = new URLSearchParams(location.search);
q.value = start.get("q") || "";
if (kelurahan) kelurahan.value = start.get("kelurahan") || "";
jenis.value = start.get("jenis") || "";
form.addEventListener("submit", (event) => { event.preventDefault(); run(); });
q.addEventListener("input", run);
for (const select of [kelurahan, jenis]) if (select) select.addEventListener("change", run);
more.addEventListener("click", () => { if (current) show(current).catch(() => {}); });
if (q.value) run();

/* The search page (templates/portal/cari.html): one kelurahan's Pagefind index on its site;
   on the portal, every kelurahan's, merged in the browser. Results are built as DOM nodes with
   textContent: no string from an index is inserted as HTML. */
const form = document.getElementById("kp-cari");
const q = document.getElementById("kp-cari-q");
const kelurahan = document.getElementById("kp-cari-kelurahan");
const jenis = document.getElementById("kp-cari-jenis");
const status = document.getElementById("kp-cari-status");
const list = document.getElementById("kp-cari-hasil");
const root = new URL(form.dataset.root, location.href);
const portal = "portal" in form.dataset;
// Each kelurahan's own index: the portal loads the first and merges the rest. Merging fetches
// only each index's small entry and meta files; a query then fetches the word chunks it needs
// and the results' fragments, never whole indexes.
const sites = portal ? (form.dataset.indeks || "").split(" ").filter(Boolean).map((s) => new URL(s + "/", root)) : [root];
let pagefind;
form.hidden = false;

function engine() {
  pagefind = pagefind || (async () => {
    const [first, ...others] = sites;
    const engine = await import(new URL("pagefind/pagefind.js", first).href);
    await engine.options({ baseUrl: first.pathname });
    await Promise.all(others.map((site) => engine.mergeIndex(new URL("pagefind/", site).href, { baseUrl: site.pathname })));
    return engine;
  })();
  return pagefind;
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
  for (const text of [portal && data.meta.kelurahan ? "Kelurahan " + data.meta.kelurahan : "", data.meta.jenis]) {
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

async function run() {
  const text = q.value.trim();
  const filters = {};
  if (kelurahan && kelurahan.value) filters.kelurahan = kelurahan.value;
  if (jenis.value) filters.jenis = jenis.value;
  const params = new URLSearchParams();
  if (text) params.set("q", text);
  for (const [k, v] of Object.entries(filters)) params.set(k, v);
  history.replaceState(null, "", params.toString() ? "?" + params : location.pathname);
  if (!text) { list.replaceChildren(); status.textContent = ""; return; }
  if (!sites.length) { status.textContent = "Belum ada kelurahan yang bisa dicari."; return; }
  status.textContent = "Mencari…";
  let search, found;
  try {
    search = await (await engine()).debouncedSearch(text, { filters }, 200);
    if (search === null) return;
    found = await Promise.all(search.results.slice(0, 30).map((r) => r.data()));
  } catch (error) {
    status.textContent = "Pencarian gagal dimuat. Periksa sambungan internet, lalu muat ulang halaman ini.";
    return;
  }
  list.replaceChildren(...found.map(item));
  status.textContent = search.results.length
    ? search.results.length + " hasil untuk “" + text + "”" + (search.results.length > 30 ? ", 30 teratas ditampilkan" : "")
    : "Tidak ada hasil untuk “" + text + "”. Coba kata lain, misalnya nama layanan atau produk.";
}

const start = new URLSearchParams(location.search);
q.value = start.get("q") || "";
if (kelurahan) kelurahan.value = start.get("kelurahan") || "";
jenis.value = start.get("jenis") || "";
form.addEventListener("submit", (event) => { event.preventDefault(); run(); });
q.addEventListener("input", run);
for (const select of [kelurahan, jenis]) if (select) select.addEventListener("change", run);
if (q.value) run();

/* Editor web: menyalakan Decap CMS dalam Bahasa Indonesia, dan masuk dengan token akses GitHub.
   Dimuat sebelum decap-cms.js (lihat kelurahan/cms.py, PAGE): Decap menunggu, locale "id"
   didaftarkan dulu, baru editor dinyalakan. */
(function () {
  'use strict';
  var KUNCI = 'decap-cms-user'; // tempat Decap menyimpan sesi; Decap memulihkannya saat dimuat
  window.CMS_MANUAL_INIT = true;

  function sudahMasuk() {
    try { return !!window.localStorage.getItem(KUNCI); } catch (e) { return false; }
  }

  function el(tag, teks, gaya) {
    var node = document.createElement(tag);
    if (teks) node.textContent = teks;
    if (gaya) node.style.cssText = gaya;
    return node;
  }

  // Masuk dengan token: tanpa server OAuth milik kota. Token disimpan seperti sesi Decap sendiri,
  // lalu halaman dimuat ulang; Decap memeriksa token ke api.github.com (hak tulis, atau fork
  // untuk relawan bila open_authoring menyala). Token yang ditolak dihapus Decap dari
  // penyimpanan: panel muncul lagi dengan pesannya.
  var DICOBA = 'kp-token-dicoba';

  function panelToken(satuSatunya) {
    var panel = el('form', '', satuSatunya
      ? 'position:fixed;inset:0;z-index:1000;background:#eff0f4;overflow:auto;padding:10vh 16px'
      : 'margin:0 auto 32px;padding:0 16px;max-width:420px');
    panel.id = 'kp-token';
    var kotak = el('div', '', 'max-width:420px;margin:0 auto;background:#fff;border-radius:8px;' +
      'padding:24px;font:16px/1.5 system-ui,sans-serif;color:#1e2532;box-shadow:0 2px 6px #0002');
    kotak.appendChild(el('h1', 'Masuk ke editor situs', 'font-size:1.4rem;margin:0 0 8px'));
    kotak.appendChild(el('p', 'Tempel token akses GitHub Anda. Token dibuat sekali di GitHub ' +
      '(Settings → Developer settings → Personal access tokens); caranya ada di panduan editor. ' +
      'Token disimpan hanya di peramban ini sampai Anda keluar.', 'margin:0 0 16px'));
    var label = el('label', 'Token akses GitHub', 'display:block;font-weight:600');
    label.htmlFor = 'kp-token-isi';
    var isi = el('input', '', 'display:block;width:100%;box-sizing:border-box;min-height:44px;' +
      'margin:4px 0 12px;padding:8px;font:inherit;border:2px solid #1e2532;border-radius:4px');
    isi.id = 'kp-token-isi';
    isi.type = 'password';
    isi.autocomplete = 'off';
    isi.required = true;
    var pesan = el('p', '', 'color:#b00020;margin:0 0 12px');
    pesan.setAttribute('role', 'alert');
    var tombol = el('button', 'Masuk dengan token', 'min-height:44px;padding:8px 20px;font:inherit;' +
      'font-weight:600;color:#fff;background:#1d4f91;border:0;border-radius:4px;cursor:pointer');
    tombol.type = 'submit';
    kotak.appendChild(label);
    kotak.appendChild(isi);
    kotak.appendChild(pesan);
    kotak.appendChild(tombol);
    panel.appendChild(kotak);
    panel.addEventListener('submit', function (ev) {
      ev.preventDefault();
      var token = isi.value.trim();
      if (!/^(ghp_|github_pat_|gho_|ghu_)[A-Za-z0-9_]{20,}$/.test(token)) {
        pesan.textContent = 'Token tidak dikenali: token GitHub diawali ghp_ atau github_pat_. ' +
          'Salin lagi dari GitHub tanpa spasi.';
        return;
      }
      window.sessionStorage.setItem(DICOBA, '1');
      window.localStorage.setItem(KUNCI, JSON.stringify({ token: token, backendName: 'github' }));
      window.location.reload();
    });
    document.body.appendChild(panel);
    // Tampil selama belum masuk; sembunyi selama Decap memeriksa atau memakai sesi.
    function perbarui() {
      var masuk = sudahMasuk();
      panel.hidden = masuk;
      panel.style.display = masuk ? 'none' : '';
      if (!masuk && window.sessionStorage.getItem(DICOBA)) {
        window.sessionStorage.removeItem(DICOBA);
        pesan.textContent = 'Masuk gagal: GitHub menolak token ini atau tidak bisa dihubungi. ' +
          'Periksa sambungan internet, dan bahwa token belum kedaluwarsa, dibuat untuk ' +
          'repositori situs, dan berizin Contents serta Pull requests (Read and write); ' +
          'lalu tempel lagi.';
      }
    }
    perbarui();
    window.setInterval(perbarui, 1000);
  }

  document.addEventListener('DOMContentLoaded', function () {
    window.CMS.registerLocale('id', window.KP_BAHASA_ID);
    window.CMS.init();
    var masuk = (document.body.dataset.masuk || 'token').split(' ');
    // data-lokal: `kelurahan serve --editor` (repositori di komputer ini, tanpa GitHub).
    if (!document.body.dataset.lokal && masuk.indexOf('token') >= 0) {
      panelToken(masuk.indexOf('oauth') < 0);
    }
  });
})();

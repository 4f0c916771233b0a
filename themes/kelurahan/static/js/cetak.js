/* The print view of a layanan (layanan_cetak.html): a "Cetak" button that opens the browser's
   print dialog. Without this file the page says how to print (Ctrl+P). */
(function () {
  "use strict";
  var button = document.querySelector("[data-kp-cetak]");
  if (!button || typeof window.print !== "function") return;
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
})();

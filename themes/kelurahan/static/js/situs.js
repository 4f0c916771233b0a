/* Enhancements only: every page reads and navigates without this file. */
(function () {
  "use strict";
  var buttons = document.querySelectorAll("[data-salin]");
  if (!navigator.clipboard) return;
  Array.prototype.forEach.call(buttons, function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var status = button.closest("section").querySelector("[role=status]");
      navigator.clipboard.writeText(button.getAttribute("data-salin")).then(function () {
        status.textContent = "Tautan disalin. Tempelkan di WhatsApp atau media sosial Anda.";
      }, function () {
        status.textContent = "Tautan tidak bisa disalin otomatis: salin alamat dari bilah alamat peramban.";
      });
    });
  });
})();

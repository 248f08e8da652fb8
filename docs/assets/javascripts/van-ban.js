/* /van-ban/: filter the table of documents by text, chuyên mục, năm and cơ quan; sort by date.
   Plain JavaScript on the server-rendered table; without it the full table still reads. */
(function () {
  "use strict";

  // Same folding as loaphuong.text.fold ("Đảng ủy" and "dang uy" match), cut into words.
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d")
      .toLowerCase().replace(/[^a-z0-9]+/g, " ").trim();
  }

  function init() {
    var form = document.querySelector("[data-lp-filter]");
    var table = document.querySelector("[data-lp-table]");
    if (!form || !table || table.dataset.ready) return;
    table.dataset.ready = "1";
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.forEach(function (row) { row.lpText = " " + fold(row.textContent) + " "; });
    var shown = document.querySelector("[data-lp-shown]");
    var empty = document.querySelector("[data-lp-empty]");
    var dateHeader = table.tHead.rows[0].cells[1];

    // Filters live in the address (?chuyen-muc=…&nam=…&tu-khoa=…) so a filtered list can be shared; not
    // ?q=, which Material reads as a search query and answers by opening the search overlay.
    var params = new URLSearchParams(location.search);
    Array.prototype.forEach.call(form.elements, function (el) {
      if (el.name && params.get(el.name)) el.value = params.get(el.name);
    });

    function apply() {
      var words = fold(form.elements["tu-khoa"].value).split(" ").filter(Boolean);
      var topic = form.elements["chuyen-muc"].value;
      var year = form.elements.nam.value;
      var issuer = form.elements["co-quan"].value;
      var oldest = form.elements["sap-xep"].value === "cu";
      var count = 0;
      rows.forEach(function (row) {
        var ok = (!topic || (" " + row.dataset.chuyenMuc + " ").indexOf(" " + topic + " ") >= 0) &&
          (!year || row.dataset.nam === year) && (!issuer || row.dataset.coQuan === issuer) &&
          // Every word typed starts a word of the row: "52 ctr" finds 52-CTr/TU, "hoc" finds "học".
          words.every(function (w) { return row.lpText.indexOf(" " + w) >= 0; });
        row.hidden = !ok;
        if (ok) count++;
      });
      var sorted = rows.slice().sort(function (a, b) {
        var c = a.dataset.date < b.dataset.date ? -1 : a.dataset.date > b.dataset.date ? 1 : 0;
        return oldest ? c : -c;
      });
      sorted.forEach(function (row) { body.appendChild(row); });
      dateHeader.setAttribute("aria-sort", oldest ? "ascending" : "descending");
      shown.textContent = count;
      empty.hidden = count > 0;
      var query = new URLSearchParams();
      Array.prototype.forEach.call(form.elements, function (el) {
        if (el.name && el.value && !(el.name === "sap-xep" && el.value === "moi")) query.set(el.name, el.value);
      });
      var search = query.toString();
      history.replaceState(history.state, "", location.pathname + (search ? "?" + search : "") + location.hash);
    }

    // Enter in the text box filters in place; the form is never sent (here, not onsubmit=: CSP).
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    form.addEventListener("reset", function () { setTimeout(apply, 0); });
    form.hidden = false;
    apply();
  }

  // Material's document$ fires on every page load, including instant navigation when it is enabled.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();

// The claims ledger page's filter box: shows only the rows of its two tables that contain every typed word.
// Jupyter Book adds every script in _static/ to every page; this one acts only where the box exists
// (chapters/appendix_claims), so that no notebook carries inline JavaScript.
document.addEventListener("DOMContentLoaded", function () {
  var box = document.getElementById("ledger-q"), count = document.getElementById("ledger-count");
  if (!box || !count) { return; }
  var rows = Array.prototype.slice.call(document.querySelectorAll("#tab-claims-text tbody tr, #tab-claims-cells tbody tr"));
  function apply() {
    var terms = box.value.toLowerCase().split(/\s+/).filter(Boolean), shown = 0;
    rows.forEach(function (tr) {
      var text = tr.textContent.toLowerCase();
      var keep = terms.every(function (t) { return text.indexOf(t) >= 0; });
      tr.style.display = keep ? "" : "none";
      if (keep) { shown += 1; }
    });
    count.textContent = shown + " of " + rows.length + " rows shown";
  }
  box.addEventListener("input", apply);
  apply();
});

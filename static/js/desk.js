// The desk screen, for the keyboard: Ctrl+Enter saves; Enter in the patron box (a
// barcode scanner ends with Enter) picks the first patron found; a click picks one.
(function () {
  "use strict";
  var form = document.querySelector("form[data-desk]");
  if (!form) return;
  var query = document.getElementById("id_patron_query");
  var hidden = document.getElementById("id_patron");
  var chosen = document.getElementById("patron-chosen");
  var box = document.getElementById("patron-suggestions");

  function pick(button) {
    hidden.value = button.dataset.pickPatron;
    chosen.textContent = button.dataset.label;
    box.innerHTML = "";
    query.value = "";
    var first = form.querySelector("input[name=services]");
    if (first) first.focus();
  }

  form.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      form.requestSubmit(form.querySelector("[data-default-submit]"));
    } else if (e.key === "Enter" && e.target === query) {
      e.preventDefault();
      var url = query.dataset.suggestUrl + "?q=" + encodeURIComponent(query.value);
      htmx.ajax("GET", url, {target: box}).then(function () {
        var first = box.querySelector("[data-pick-patron]");
        if (first) pick(first);
      });
    }
  });
  box.addEventListener("click", function (e) {
    var button = e.target.closest("[data-pick-patron]");
    if (button) { e.preventDefault(); pick(button); }
  });
  query.addEventListener("input", function () { hidden.value = ""; chosen.textContent = ""; });
})();

// The desk screen, for the keyboard: Ctrl+Enter saves; Enter in the patron box (a
// barcode scanner ends with Enter) picks the first patron found; Down and Up move
// through the patrons found and Enter picks one (a click too); Alt+N opens the form
// for a new patron.
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

  var newPatron = document.getElementById("new-patron");

  function openNewPatron() {
    newPatron.open = true;
    var first = newPatron.querySelector("input:not([type=hidden]), select");
    if (first) first.focus();
  }

  form.addEventListener("keydown", function (e) {
    var inNewPatron = e.target.closest && e.target.closest("#new-patron-box");
    var found = Array.prototype.slice.call(box.querySelectorAll("[data-pick-patron]"));
    var at = found.indexOf(e.target);
    if (e.altKey && e.code === "KeyN" && newPatron) {  // whatever the keyboard layout
      e.preventDefault();
      openNewPatron();
    } else if (e.key === "ArrowDown" && (e.target === query || at >= 0) && found.length) {
      e.preventDefault();
      found[Math.min(at + 1, found.length - 1)].focus();
    } else if (e.key === "ArrowUp" && at >= 0) {
      e.preventDefault();
      (at === 0 ? query : found[at - 1]).focus();
    } else if (e.key === "Enter" && inNewPatron && !(e.ctrlKey || e.metaKey)) {
      // Enter in the small form registers the patron, it does not save the entry.
      if (e.target.tagName !== "BUTTON") {
        e.preventDefault();
        inNewPatron.querySelector("button[hx-post]").click();
      }
    } else if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
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

  // A patron registered in the small form (or a duplicate clicked there) is picked.
  var newBox = document.getElementById("new-patron-box");
  if (newBox) {
    newBox.addEventListener("click", function (e) {
      var button = e.target.closest("[data-pick-patron]");
      if (button) { e.preventDefault(); pick(button); }
    });
    document.body.addEventListener("htmx:afterSwap", function (e) {
      if (e.target !== newBox) return;
      var done = newBox.querySelector("[data-auto-pick]");
      if (done) {
        pick(done);
      } else {
        var invalid = newBox.querySelector(".is-invalid");
        if (invalid) invalid.focus();
      }
    });
  }
})();

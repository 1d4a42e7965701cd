// CasePilot in place: ask with fetch and show the server-rendered answer without a page load.
// Without JavaScript the form submits with GET and /assistant/ renders the same answer.
(function () {
  "use strict";

  function ask(form, target, url) {
    form.setAttribute("aria-busy", "true");
    target.textContent = "Looking through our code pages…";
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (payload) {
        target.innerHTML = payload.html;
        if (form.hasAttribute("data-casepilot-page")) {
          window.history.replaceState(null, "", url);
        }
      })
      .catch(function () {
        target.textContent = "CasePilot could not answer just now. Submit again to load the answer as a page.";
        form.setAttribute("data-casepilot-failed", "");
      })
      .finally(function () { form.removeAttribute("aria-busy"); });
  }

  // Topic chips fill the question (the reader may edit it before asking); without this
  // script they are links that ask CasePilot directly.
  function fillFrom(chip) {
    var form = chip.closest("form[data-casepilot-form]");
    var input = form && form.querySelector("input[name=q]");
    if (!input) { return false; }
    input.value = chip.getAttribute("data-casepilot-fill");
    input.focus();
    input.setSelectionRange(input.value.length, input.value.length);
    return true;
  }

  document.querySelectorAll("[data-casepilot-fill]").forEach(function (chip) {
    chip.addEventListener("click", function (event) {
      if (fillFrom(chip)) { event.preventDefault(); }
    });
  });

  document.querySelectorAll("form[data-casepilot-form]").forEach(function (form) {
    if (form.hasAttribute("data-casepilot-ready")) { return; }
    form.setAttribute("data-casepilot-ready", "");
    var target = document.getElementById(form.getAttribute("data-casepilot-target"));
    if (!target) { return; }
    form.addEventListener("submit", function (event) {
      if (form.hasAttribute("data-casepilot-failed")) { return; }
      event.preventDefault();
      var query = new URLSearchParams(new FormData(form)).toString();
      ask(form, target, form.action + "?" + query);
    });
  });
})();

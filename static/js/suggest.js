/* Autocomplete for every search box that names a suggest URL (data-suggest-url).
   Progressive enhancement: without this script the form still submits to /search/.
   ARIA combobox pattern: arrows move through the list, Enter opens, Escape closes. */
(function () {
  "use strict";

  var DELAY_MS = 120;
  var MIN_LENGTH = 2;

  function enhance(input, index) {
    var list = document.createElement("ul");
    var listId = "suggestions-" + index;
    var timer = null;
    var controller = null;
    var active = -1;

    list.id = listId;
    list.className = "suggestions";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Suggested codes");
    list.hidden = true;
    input.parentNode.insertBefore(list, input.nextSibling);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);

    function options() {
      return list.querySelectorAll("[role=option]");
    }

    function close() {
      list.hidden = true;
      list.replaceChildren();
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function highlight(position) {
      var items = options();
      if (!items.length) return;
      active = (position + items.length) % items.length;
      items.forEach(function (item, itemIndex) {
        item.setAttribute("aria-selected", itemIndex === active ? "true" : "false");
      });
      input.setAttribute("aria-activedescendant", items[active].id);
    }

    function show(suggestions) {
      list.replaceChildren();
      active = -1;
      suggestions.forEach(function (suggestion, itemIndex) {
        var item = document.createElement("li");
        var link = document.createElement("a");
        var code = document.createElement("span");
        var title = document.createElement("span");
        item.id = listId + "-" + itemIndex;
        item.setAttribute("role", "option");
        item.setAttribute("aria-selected", "false");
        link.href = suggestion.url;
        link.tabIndex = -1;
        code.className = "suggestions__code";
        code.textContent = suggestion.system + " " + suggestion.code;
        title.className = "suggestions__title";
        title.textContent = suggestion.title;
        link.append(code, " ", title);
        item.append(link);
        list.append(item);
      });
      list.hidden = suggestions.length === 0;
      input.setAttribute("aria-expanded", suggestions.length ? "true" : "false");
    }

    function systemFilter() {
      var select = input.form && input.form.querySelector("select[name=system]");
      return select && select.value ? "&system=" + encodeURIComponent(select.value) : "";
    }

    function fetchSuggestions() {
      var query = input.value.trim();
      if (controller) controller.abort();
      if (query.length < MIN_LENGTH) {
        close();
        return;
      }
      controller = new AbortController();
      var url = input.dataset.suggestUrl + "?q=" + encodeURIComponent(query) + systemFilter();
      fetch(url, { signal: controller.signal, headers: { Accept: "application/json" } })
        .then(function (response) {
          return response.ok ? response.json() : { suggestions: [] };
        })
        .then(function (data) {
          show(data.suggestions);
        })
        .catch(function () {
          /* aborted or offline: the plain search still works */
        });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(fetchSuggestions, DELAY_MS);
    });

    input.addEventListener("keydown", function (event) {
      if (list.hidden) return;
      if (event.key === "ArrowDown") {
        event.preventDefault();
        highlight(active + 1);
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        highlight(active - 1);
      } else if (event.key === "Escape") {
        close();
      } else if (event.key === "Enter" && active >= 0) {
        event.preventDefault();
        window.location.assign(options()[active].querySelector("a").href);
      }
    });

    input.addEventListener("blur", function () {
      /* Let a click on a suggestion land before the list goes away. */
      setTimeout(close, 150);
    });
  }

  document.querySelectorAll("input[data-suggest-url]").forEach(enhance);
})();

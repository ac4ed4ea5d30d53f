/* Long forms, better with a script: a character counter, lists one picks from by typing, items
   (speakers, indicators…) added and removed in place, fields shown only when a box is ticked,
   error-summary links that reach the field.
   Everything here enhances a form that works without it: the checkboxes stay the fields that are
   sent, "Add another" and "Remove" still post when the script is absent.
   Words come from the page (data-* attributes written in the page's language).
   Forms opt in with data-enhance, formsets with data-formset, dependent fields with data-shown-with.
   Used by the side-event application, the organisation profile and the pledge flow. */
(function () {
  "use strict";

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function fill(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (_m, name) { return values[name]; });
  }

  function normalise(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function describedBy(node, id) {
    var ids = (node.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
    if (ids.indexOf(id) < 0) { ids.push(id); }
    node.setAttribute("aria-describedby", ids.join(" "));
  }

  /* --- The character counter -------------------------------------------------------------- */

  function counter(area) {
    var min = parseInt(area.getAttribute("minlength"), 10);
    var max = parseInt(area.getAttribute("maxlength"), 10);
    var shown = el("p", { "class": "char-count", id: area.id + "_count" });
    // Announced once typing pauses, not at every key.
    var spoken = el("p", { "class": "visually-hidden", "aria-live": "polite" });
    area.insertAdjacentElement("afterend", spoken);
    area.insertAdjacentElement("afterend", shown);
    describedBy(area, shown.id);
    // The browser's own limit would cut a pasted text silently; the counter says it instead.
    area.removeAttribute("maxlength");
    var timer = null;
    // Numbers as the page's language writes them (3 000 in French), not the browser's: a French page
    // read in an English browser said "3,000". Western digits in every language, as the server writes them.
    var format;
    try { format = new Intl.NumberFormat((document.documentElement.lang || "en") + "-u-nu-latn"); } catch (e) { format = new Intl.NumberFormat(); }
    function number(n) { return format.format(n); }
    function update(announce) {
      // As the server counts: a line break is one character, surrounding spaces do not count.
      var count = area.value.replace(/\r\n/g, "\n").trim().length;
      var values = { count: number(count), max: isNaN(max) ? "" : number(max), min: isNaN(min) ? "" : number(min), missing: number(min - count), extra: number(count - max) };
      var text;
      shown.classList.remove("under", "over");
      if (count < min) {
        text = fill(area.dataset.countUnder, values);
        if (count > 0) { shown.classList.add("under"); }
      } else if (count > max) {
        text = fill(area.dataset.countOver, values);
        shown.classList.add("over");
      } else {
        text = fill(area.dataset.countOk, values);
      }
      shown.textContent = text;
      if (announce) {
        clearTimeout(timer);
        timer = setTimeout(function () { spoken.textContent = text; }, 1200);
      }
    }
    area.addEventListener("input", function () { update(true); });
    update(false);
  }

  /* --- Pick by typing: the ARIA combobox pattern over a group of checkboxes ----------------- */

  var pickers = 0;

  function picker(fieldset, words) {
    pickers += 1;
    var base = fieldset.id || "picker-" + pickers;
    var options = Array.prototype.map.call(fieldset.querySelectorAll("input[type=checkbox]"), function (box, index) {
      var label = fieldset.querySelector('label[for="' + box.id + '"]');
      var text = label ? label.textContent.trim() : box.value;
      return { box: box, text: text, key: normalise(text + " " + box.value), index: index };
    });
    var legend = fieldset.querySelector("legend");
    legend.id = legend.id || base + "_legend";
    fieldset.querySelector(".picker-options").hidden = true;
    Array.prototype.forEach.call(fieldset.querySelectorAll("[data-nojs]"), function (node) { node.hidden = true; });

    var wrap = el("div", { "class": "picker" });
    var hint = el("p", { "class": "helptext", id: base + "_hint" }, fieldset.dataset.hint || "");
    var input = el("input", {
      type: "text", role: "combobox", id: base + "_combo", autocomplete: "off", "aria-autocomplete": "list",
      "aria-expanded": "false", "aria-controls": base + "_listbox", "aria-labelledby": legend.id,
    });
    describedBy(input, hint.id);
    (fieldset.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean).forEach(function (id) {
      describedBy(input, id);
    });
    if (fieldset.classList.contains("field-invalid")) { input.setAttribute("aria-invalid", "true"); }
    var listbox = el("ul", { role: "listbox", id: base + "_listbox", "aria-labelledby": legend.id });
    listbox.hidden = true;
    var chosen = el("ul", { "class": "picker-chosen", "aria-label": fill(words.chosen, { label: legend.textContent.trim() }) });
    var live = el("p", { "class": "visually-hidden", "aria-live": "polite" });
    wrap.appendChild(input);
    wrap.appendChild(listbox);
    legend.insertAdjacentElement("afterend", hint);
    fieldset.appendChild(wrap);
    fieldset.appendChild(chosen);
    fieldset.appendChild(live);

    var matches = [];
    var active = -1;

    function close() {
      listbox.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      active = index;
      Array.prototype.forEach.call(listbox.children, function (item, i) {
        item.setAttribute("aria-selected", i === index ? "true" : "false");
      });
      if (index >= 0 && listbox.children[index]) {
        input.setAttribute("aria-activedescendant", listbox.children[index].id);
        listbox.children[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function open(all) {
      var query = normalise(input.value.trim());
      if (!query && !all) { close(); return; }
      matches = options.filter(function (o) { return !o.box.checked && o.key.indexOf(query) >= 0; });
      matches.sort(function (a, b) {
        var sa = normalise(a.text).indexOf(query) === 0 ? 0 : 1;
        var sb = normalise(b.text).indexOf(query) === 0 ? 0 : 1;
        return sa - sb || a.index - b.index;
      });
      listbox.textContent = "";
      matches.forEach(function (o, i) {
        var item = el("li", { role: "option", id: base + "_option_" + o.index, "aria-selected": "false" }, o.text);
        item.addEventListener("mousedown", function (event) { event.preventDefault(); });
        item.addEventListener("click", function () { choose(o); });
        listbox.appendChild(item);
      });
      if (!matches.length) {
        listbox.appendChild(el("li", { role: "option", id: base + "_none", "aria-disabled": "true", "aria-selected": "false" }, words.none));
      }
      listbox.hidden = false;
      input.setAttribute("aria-expanded", "true");
      highlight(matches.length ? 0 : -1);
    }

    function choose(option) {
      option.box.checked = true;
      option.box.dispatchEvent(new Event("change", { bubbles: true }));
      input.value = "";
      close();
      render();
      live.textContent = fill(words.added, { label: option.text });
      input.focus();
    }

    function render() {
      chosen.textContent = "";
      options.filter(function (o) { return o.box.checked; }).forEach(function (o) {
        var item = el("li", {});
        item.appendChild(el("span", {}, o.text));
        var remove = el("button", { type: "button", "class": "button-secondary", "aria-label": fill(words.remove, { label: o.text }) }, "×");
        remove.addEventListener("click", function () {
          o.box.checked = false;
          o.box.dispatchEvent(new Event("change", { bubbles: true }));
          render();
          live.textContent = fill(words.removed, { label: o.text });
          input.focus();
        });
        item.appendChild(remove);
        chosen.appendChild(item);
      });
      chosen.hidden = !chosen.children.length;
    }

    input.addEventListener("input", function () { open(false); });
    input.addEventListener("blur", close);
    input.addEventListener("keydown", function (event) {
      var isOpen = !listbox.hidden;
      if (event.key === "ArrowDown") {
        event.preventDefault();
        if (!isOpen) { open(true); } else if (matches.length) { highlight((active + 1) % matches.length); }
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        if (isOpen && matches.length) { highlight((active - 1 + matches.length) % matches.length); }
      } else if (event.key === "Enter") {
        if (isOpen || input.value.trim()) { event.preventDefault(); }
        if (isOpen && active >= 0) { choose(matches[active]); }
      } else if (event.key === "Escape") {
        if (isOpen) { event.preventDefault(); close(); } else { input.value = ""; }
      }
    });
    fieldset.picker = input;
    render();
  }

  /* --- Items added and removed in place ----------------------------------------------------- */
  /* The add button: named <prefix>-add, or marked data-formset-add="<prefix>". Each item's remove
     button: one named <prefix>-remove (its value the form's index), or, where the item has only a
     "Delete" checkbox (marked data-delete), a button put in its place with the words of the
     container's data-remove-text. An item is not removable while no more than the formset's
     minimum are shown. */

  function formset(container) {
    var prefix = container.dataset.formset;
    var form = container.closest("form");
    var total = form.querySelector("input[name='" + prefix + "-TOTAL_FORMS']");
    var max = parseInt(form.querySelector("input[name='" + prefix + "-MAX_NUM_FORMS']").value, 10);
    var min = parseInt((form.querySelector("input[name='" + prefix + "-MIN_NUM_FORMS']") || {}).value, 10) || 0;
    var template = form.querySelector("template[data-formset-template='" + prefix + "']");
    var add = form.querySelector("button[name='" + prefix + "-add'], button[data-formset-add='" + prefix + "']");
    var live = el("p", { "class": "visually-hidden", "aria-live": "polite" });
    container.insertAdjacentElement("afterend", live);

    function visible() {
      return Array.prototype.filter.call(container.querySelectorAll("[data-item]"), function (f) { return !f.hidden; });
    }

    function removeButton(item) {
      return item.querySelector("button[name='" + prefix + "-remove'], button[data-remove-item]");
    }

    function renumber() {
      var shown = visible();
      shown.forEach(function (item, i) {
        item.querySelector("legend").textContent = fill(container.dataset.legend, { number: i + 1, n: i + 1 });
        var remove = removeButton(item);
        if (remove) {
          remove.setAttribute("aria-label", fill(container.dataset.remove, { number: i + 1 }));
          remove.hidden = shown.length <= min;
        }
      });
      if (add) { add.hidden = shown.length >= max; }
    }

    function enhance(item) {
      var remove = removeButton(item);
      var checkbox = item.querySelector("[data-delete]");
      if (!remove && checkbox) {
        checkbox.hidden = true;
        remove = el("button", { type: "button", "class": "button-secondary", "data-remove-item": "" }, container.dataset.removeText);
        item.appendChild(remove);
      }
      if (!remove) { return; }
      remove.addEventListener("click", function (event) {
        event.preventDefault();
        // As the button would have asked the server: this form is deleted when the form is saved.
        var box = item.querySelector("input[name$='-DELETE']");
        if (!box) {
          item.appendChild(el("input", { type: "hidden", name: prefix + "-" + remove.value + "-DELETE", value: "on" }));
        } else if (box.type === "checkbox") {
          box.checked = true;
        } else {
          box.value = "on";
        }
        item.hidden = true;
        // Its fields are not checked once it is deleted; hidden, they must not block the browser either.
        Array.prototype.forEach.call(item.querySelectorAll("[required]"), function (f) { f.removeAttribute("required"); });
        renumber();
        live.textContent = container.dataset.removed;
        (add && !add.hidden ? add : form.querySelector("button[type=submit]:not([name])")).focus();
      });
    }

    Array.prototype.forEach.call(container.querySelectorAll("[data-item]"), enhance);
    if (add && template) {
      add.addEventListener("click", function (event) {
        if (visible().length >= max) { return; }  // the server says why
        event.preventDefault();
        var index = parseInt(total.value, 10);
        var holder = document.createElement("div");
        holder.innerHTML = template.innerHTML.replace(/__prefix__/g, String(index));
        var item = holder.querySelector("[data-item]");
        container.appendChild(item);
        total.value = String(index + 1);
        enhance(item);
        renumber();
        live.textContent = container.dataset.added;
        item.querySelector("input:not([type=hidden]), select, textarea").focus();
      });
    }
    renumber();
  }

  /* --- Fields shown only when a box is ticked (data-shown-with="<the box's name>") ---------- */
  /* Shown all the same when one of them holds a value or an error: nothing typed is hidden. */

  function shownWith(fields, form) {
    var box = form.querySelector("input[name='" + fields.dataset.shownWith + "']");
    if (!box) { return; }
    function update() {
      var filled = Array.prototype.some.call(fields.querySelectorAll("input, select, textarea"), function (f) {
        return f.type !== "hidden" && f.value;
      });
      fields.hidden = !box.checked && !filled && !fields.querySelector(".errorlist");
    }
    box.addEventListener("change", update);
    update();
  }

  /* --- The error summary's links: to the field, even when a picker stands in for it -------- */

  function summaryLinks(summary) {
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      if (!link) { return; }
      var target = document.getElementById(link.getAttribute("href").slice(1));
      if (!target) { return; }
      var group = target.closest("[data-picker]");
      var focusable = group && group.picker ? group.picker : target;
      event.preventDefault();
      var details = focusable.closest("details");
      if (details) { details.open = true; }
      focusable.focus();
      focusable.scrollIntoView({ block: "center" });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("textarea[data-counter]"), counter);
    Array.prototype.forEach.call(document.querySelectorAll("form[data-enhance]"), function (form) {
      var words = form.dataset;
      Array.prototype.forEach.call(form.querySelectorAll("fieldset[data-picker]"), function (fieldset) {
        picker(fieldset, { chosen: words.chosen, none: words.none, added: words.added, removed: words.removed, remove: words.remove });
      });
      Array.prototype.forEach.call(form.querySelectorAll("[data-formset]"), formset);
      Array.prototype.forEach.call(form.querySelectorAll("[data-shown-with]"), function (fields) { shownWith(fields, form); });
    });
    var summary = document.getElementById("error-summary");
    if (summary) {
      summaryLinks(summary);
      // The summary's autofocus may have been skipped (the page was restored from the cache).
      if (document.activeElement === document.body) { summary.focus(); }
    }
  });
})();

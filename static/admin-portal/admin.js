// What Django's admin widgets leave unnamed for assistive technology, named once they appear:
// the search box of a multiple autocomplete (select2 recreates it at every change) takes the
// label of its field, and the filter boxes' help icons become images so that their aria-label
// is allowed (axe: label, aria-prohibited-attr).
(function () {
    "use strict";

    function labelText(select) {
        var label = select.id ? document.querySelector('label[for="' + select.id + '"]') : null;
        return label ? label.textContent.replace(/:\s*$/, "").trim() : "";
    }

    function name(root) {
        root.querySelectorAll(".select2-search__field:not([aria-label])").forEach(function (input) {
            var container = input.closest(".select2-container");
            var select = container ? container.previousElementSibling : null;
            var text = select && select.tagName === "SELECT" ? labelText(select) : "";
            input.setAttribute("aria-label", text || input.getAttribute("placeholder") || "Search");
        });
        // A single autocomplete is named by its current value only, nothing while empty: the
        // field's label comes first.
        root.querySelectorAll(".select2-selection--single:not([data-named])").forEach(function (box) {
            var container = box.closest(".select2-container");
            var select = container ? container.previousElementSibling : null;
            var label = select && select.id ? document.querySelector('label[for="' + select.id + '"]') : null;
            if (!label) {
                return;
            }
            label.id = label.id || select.id + "-label";
            var current = box.getAttribute("aria-labelledby");
            box.setAttribute("aria-labelledby", current ? label.id + " " + current : label.id);
            box.setAttribute("data-named", "");
            // select2 makes the shown value a read-only "textbox" of its own, unnamed while empty:
            // it is only the text the combobox reads out.
            box.querySelectorAll(".select2-selection__rendered[role=textbox]").forEach(function (shown) {
                shown.removeAttribute("role");
                shown.removeAttribute("aria-readonly");
            });
        });
        root.querySelectorAll(".search-label-icon[aria-label]:not([role])").forEach(function (icon) {
            icon.setAttribute("role", "img");
        });
    }

    function start() {
        name(document);
        new MutationObserver(function () {
            name(document);
        }).observe(document.body, {childList: true, subtree: true});
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", start);
    } else {
        start();
    }
})();

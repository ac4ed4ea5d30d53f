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

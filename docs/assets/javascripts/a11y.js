// Material's drawer and search toggles are checkboxes. Firefox restores a checkbox's state on reload or
// "back", which would reopen the menu or the search; Material used autocomplete="off" against that, but
// the attribute is invalid on checkboxes (hooks/a11y.py drops it). Close them when a page is shown instead.
window.addEventListener("pageshow", () => {
  for (const id of ["__drawer", "__search"]) {
    const toggle = document.getElementById(id);
    if (toggle && toggle.checked) {
      toggle.checked = false;
      toggle.dispatchEvent(new Event("change"));
    }
  }
});


// Material's menu and search icons in the header are <label>s for its checkboxes: no name, out of the tab
// order, so at phone widths (and at 200 % zoom) keyboard users could open neither. With JavaScript they
// become named buttons that press the same checkbox; without it the labels still work by touch and mouse.
const HEADER_BUTTONS = { __drawer: "Mở trình đơn", __search: "Mở ô tìm kiếm" };
for (const [id, name] of Object.entries(HEADER_BUTTONS)) {
  const label = document.querySelector(`.md-header label.md-header__button[for="${id}"]`);
  const toggle = document.getElementById(id);
  if (!label || !toggle) continue;
  const button = document.createElement("button");
  button.type = "button";
  button.className = label.className;
  button.dataset.lpFor = id;
  button.setAttribute("aria-label", name);
  button.setAttribute("aria-expanded", String(toggle.checked));
  button.innerHTML = label.innerHTML;
  button.addEventListener("click", () => {
    toggle.click();
    // Opening search puts the cursor in the box, as on desktop.
    const input = document.querySelector(".md-search__input");
    if (id === "__search" && toggle.checked && input) requestAnimationFrame(() => input.focus());
  });
  toggle.addEventListener("change", () => {
    button.setAttribute("aria-expanded", String(toggle.checked));
    // Closing (Escape, the back arrow) brings keyboard focus back to the button, not to the page top.
    if (!toggle.checked && getComputedStyle(button).display !== "none" &&
        document.activeElement.closest(".md-search, .md-sidebar")) {
      button.focus();
    }
  });
  label.replaceWith(button);
}

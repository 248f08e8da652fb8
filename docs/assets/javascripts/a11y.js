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
